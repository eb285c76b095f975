"""What the Python suites share (tests/check_*.py): the checks counted
and their failures reported, and articled started on a free loopback
port and stopped by its PID, which must exit 0 after SIGTERM (under a
sanitizer, a report makes it exit otherwise). ARTICLED_BIN and
ARTICLED_SRC name the binary and the source tree (make test sets them)."""
import os
import re
import subprocess
import sys
import time

ROOT = os.environ.get("ARTICLED_SRC", os.path.join(os.path.dirname(__file__), ".."))
BIN = os.environ.get("ARTICLED_BIN", os.path.join(ROOT, "articled"))

failures = []
counted = [0]


def check(cond, what):
    counted[0] += 1
    if not cond:
        failures.append(what)
    return cond


def start(args, env=None):
    """articled with these flags, on 127.0.0.1 and a free port: (process, port)."""
    proc = subprocess.Popen([BIN, "--host", "127.0.0.1", "--port", "0", "--log-format", "off"] + args,
                            stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.time() + 20
    while time.time() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, int(m.group(1))
        if not line and proc.poll() is not None:
            break
    proc.kill()
    sys.exit(f"articled {' '.join(args)} did not start")


def stop(proc):
    proc.terminate()
    try:
        code = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = "still running after SIGTERM"
    check(code == 0, f"articled exits 0 after SIGTERM, not {code}")


def report(what, extra=""):
    """Prints the summary line and the failures; exits 1 on any."""
    print(f"{what}: {extra}{counted[0]} checks, {len(failures)} failed")
    for f in failures[:40]:
        print(f"  FAIL: {f}")
    sys.exit(1 if failures else 0)
