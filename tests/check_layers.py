#!/usr/bin/env python3
"""check_layers.py - the source tree keeps its shape: each folder is one
layer, and its files include only from their own layer or the layers
below (README, "Architecture"); modules include each other in no circle;
no two files of the C sources share a name; only the HTTP layer and the
process speak libmicrohttpd.

Reads the #include "..." lines of every .c, .h and .S file; prints each
breach with its file and line and exits 1, else prints what it checked.
Run by make test (and make check-layers).
"""
import os
import re
import sys

# Top to bottom: a file may include from its own layer and any below it.
LAYERS = ["server", "http", "handlers", "api", "served", "parser", "text"]
# Folders above every layer: they may include from any of them.
OUTSIDE = ["tools", "tests", "fuzz"]
# Only these may include <microhttpd.h>.
HTTP_SPEAKERS = {"server", "http"}

INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]')


def sources(root):
    for folder in LAYERS + OUTSIDE:
        top = os.path.join(root, folder)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = [d for d in dirnames if d not in ("node_modules", "corpus", "regressions")]
            for name in sorted(filenames):
                if name.endswith((".c", ".h", ".S")):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def module_of(path):
    """folder/name of a file: x.c and x.h are one module."""
    return os.path.splitext(path)[0]


def main():
    root = os.environ.get("ARTICLED_SRC") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    problems = []
    edges = {}  # module -> {module: (file, line)}
    names = {}  # base name -> [files]
    files = list(sources(root))
    for path in files:
        layer = path.split(os.sep)[0]
        base = os.path.basename(module_of(path))
        names.setdefault(base, set()).add(module_of(path))
        with open(os.path.join(root, path), encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if m is None:
                    continue
                kind, target = m.groups()
                where = f"{path}:{number}"
                if kind == "<":
                    if target == "microhttpd.h" and layer not in HTTP_SPEAKERS:
                        problems.append(f"{where}: <microhttpd.h> outside {', '.join(sorted(HTTP_SPEAKERS))}")
                    continue
                included = os.path.normpath(os.path.join(os.path.dirname(path), target))
                if not os.path.exists(os.path.join(root, included)):
                    problems.append(f"{where}: includes {target}, which is not there")
                    continue
                to_layer = included.split(os.sep)[0]
                if layer in LAYERS:
                    if to_layer not in LAYERS:
                        problems.append(f"{where}: includes {included}, outside the layers")
                    elif LAYERS.index(to_layer) < LAYERS.index(layer):
                        problems.append(f"{where}: {layer}/ includes {included} from {to_layer}/, a layer above it")
                a, b = module_of(path), module_of(included)
                if a != b:
                    edges.setdefault(a, {}).setdefault(b, where)
    for base, modules in sorted(names.items()):
        if len(modules) > 1:
            problems.append(f"the name '{base}' is taken by {', '.join(sorted(modules))}")
    # Circles: a depth-first search that reports each back edge's cycle once.
    state, stack, seen_cycles = {}, [], set()

    def visit(m):
        state[m] = "open"
        stack.append(m)
        for n, where in sorted(edges.get(m, {}).items()):
            if state.get(n) == "open":
                cycle = stack[stack.index(n):] + [n]
                key = frozenset(cycle)
                if key not in seen_cycles:
                    seen_cycles.add(key)
                    problems.append(f"{where}: include circle {' -> '.join(cycle)}")
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = "done"

    sys.setrecursionlimit(10000)
    for m in sorted(edges):
        if m not in state:
            visit(m)
    if problems:
        for p in problems:
            print(f"check_layers: {p}")
        print(f"check_layers: {len(problems)} problem(s) in {len(files)} files")
        return 1
    n_edges = sum(len(v) for v in edges.values())
    print(f"check_layers: {len(files)} files, {n_edges} includes between modules: "
          f"layers {' > '.join(LAYERS)} hold, no circle, every name unique")
    return 0


if __name__ == "__main__":
    sys.exit(main())
