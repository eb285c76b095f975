#!/usr/bin/env python3
"""web/openapi.json holds to its own schemas, and the server to them:

- every example in it (of a media type, a request body, a parameter, a
  header, or a schema's own `examples`) validates against the schema it
  illustrates (JSON Schema 2020-12, as OpenAPI 3.1 has it);
- the server's real answers validate too: each list's items for every own
  article (tests/articles), each article's metadata, POST /parse's
  document, the errors, /healthz and the index.

Needs Python's jsonschema module (Debian: python3-jsonschema), and for the
second part ARTICLED_BIN and ARTICLED_SRC (make test sets them); the
server runs on a free loopback port and is stopped by its PID."""
import json
import os
import urllib.error
import urllib.request
import warnings

import jsonschema

from harness import ROOT, check, report, start, stop

DOC = json.load(open(os.path.join(ROOT, "web/openapi.json"), encoding="utf-8"))

warnings.filterwarnings("ignore", category=DeprecationWarning)
RESOLVER = jsonschema.RefResolver("", DOC)


def deref(node):
    while isinstance(node, dict) and "$ref" in node and len(node) == 1:
        node = RESOLVER.resolve(node["$ref"])[1]
    return node


def errors(schema, value):
    v = jsonschema.Draft202012Validator(schema, resolver=RESOLVER)
    return sorted(v.iter_errors(value), key=lambda e: list(e.absolute_path))


def validates(schema, value, where):
    errs = errors(schema, value)
    for e in errs[:3]:
        path = "/".join(str(p) for p in e.absolute_path)
        check(False, f"{where}: at /{path}: {e.message[:300]}")
    check(True, where)
    return not errs


def media_types():
    """(where, media type name, media object) of every response and request body."""
    def of(where, obj):
        obj = deref(obj)
        for name, media in obj.get("content", {}).items():
            yield f"{where} {name}", name, media
    for name, r in DOC["components"].get("responses", {}).items():
        yield from of(f"responses/{name}", r)
    for path, item in DOC["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            for status, r in op["responses"].items():
                if "$ref" not in r:
                    yield from of(f"{method} {path} {status}", r)
            if "requestBody" in op:
                yield from of(f"{method} {path} body", op["requestBody"])


def schema_examples(node, where):
    """Every schema object with `examples`, anywhere in the document."""
    if isinstance(node, dict):
        if isinstance(node.get("examples"), list) and ("type" in node or "$ref" in node or "enum" in node):
            yield where, node
        for k, v in node.items():
            yield from schema_examples(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from schema_examples(v, f"{where}/{i}")


def examples_validate():
    n = 0
    for where, name, media in media_types():
        schema = media.get("schema")
        if schema is None:
            continue
        if "example" in media:
            validates(schema, media["example"], f"{where}: its example")
            n += 1
        for ex_name, ex in media.get("examples", {}).items():
            ex = deref(ex)
            check("value" in ex, f"{where}: example {ex_name} has a value")
            validates(schema, ex.get("value"), f"{where}: example {ex_name}")
            n += 1
    for kind in ("parameters", "headers"):
        for name, p in DOC["components"].get(kind, {}).items():
            if "example" in p:
                validates(p["schema"], p["example"], f"{kind}/{name}: its example")
                n += 1
    for where, s in schema_examples(DOC["components"]["schemas"], "schemas"):
        bare = {k: v for k, v in s.items() if k != "examples"}
        for i, value in enumerate(s["examples"]):
            validates(bare, value, f"{where}: examples[{i}]")
            n += 1
    check(n >= 40, f"the document has its examples ({n})")
    return n


def fetch(port, path, method="GET", body=None, headers=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method,
                                 headers=headers or {"Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def schema_of(response, media="application/json"):
    return deref(DOC["components"]["responses"][response])["content"][media]["schema"]


def answers_validate():
    proc, port = start(["--data", os.path.join(ROOT, "tests/articles")])
    try:
        _, arts = fetch(port, "/articles?limit=1000")
        validates(schema_of("ArticleList"), arts, "GET /articles")
        lists = {"sections": "SectionList", "quotes": "QuoteList", "speakers": "SpeakerList",
                 "figures": "FigureList", "reactions": "ReactionList"}
        for a in arts["items"]:
            aid = a["id"]
            _, meta = fetch(port, f"/articles/{aid}")
            validates(schema_of("Article"), meta, f"GET /articles/{aid}")
            for lst, response in lists.items():
                _, page = fetch(port, f"/articles/{aid}/{lst}?limit=1000")
                validates(schema_of(response), page, f"GET /articles/{aid}/{lst}")
        _, page = fetch(port, "/quotes?article=*&limit=1000")
        validates(schema_of("QuoteList"), page, "GET /quotes?article=*")
        _, page = fetch(port, "/speakers?article=*&limit=1000")
        validates(schema_of("SpeakerList"), page, "GET /speakers?article=*")
        _, hits = fetch(port, "/search?q=port&article=*")
        text = open(os.path.join(ROOT, "tests/articles/101_fishery-quotas.txt"), "rb").read()
        st, doc = fetch(port, "/parse", "POST", text, {"Content-Type": "text/plain; charset=utf-8"})
        check(st == 200, f"POST /parse: {st}")
        validates(schema_of("ParseResult"), doc, "POST /parse")
        for path, response in (("/healthz", "Health"), ("/", "Index"),
                               ("/quotes?kind=banana", "BadRequest"), ("/sections/nope", "NotFound")):
            _, body = fetch(port, path)
            content = deref(DOC["components"]["responses"][response])["content"]
            media = "application/json" if "application/json" in content else "application/problem+json"
            validates(content[media]["schema"], body, f"GET {path}")
        st, body = fetch(port, "/parse", "POST", b"", {"Content-Type": "text/plain"})
        validates(schema_of("ParseBadRequest", "application/problem+json"), body, "POST /parse, empty")
    finally:
        stop(proc)


def main():
    n = examples_validate()
    answers_validate()
    report("openapi.json", f"{n} examples, ")


if __name__ == "__main__":
    main()
