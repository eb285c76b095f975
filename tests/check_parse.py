#!/usr/bin/env python3
"""POST /parse against a real articled on a loopback port:

- every own article (tests/articles) posted as text gives, byte for byte,
  the items articled serves for the same file loaded from the data
  directory (/articles/{id}, and each list), and articled-parse prints
  the same document;
- what is wrong with a body is said as the loader says it of a file (its
  line and column), with 400 or 422; another media type is a 415; a body
  over --max-parse-bytes (or ARTICLED_MAX_PARSE_BYTES) a 413 before any
  of it is read; a body that comes too slowly is cut at --timeout (408);
- the CORS preflight allows POST with Content-Type, /metrics counts the
  route, keep-alive holds after an answer.

Each server is started on a free port and stopped by its PID. Needs
ARTICLED_BIN and ARTICLED_SRC (make test sets them)."""
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

from harness import BIN, ROOT, check, report, start, stop

CLI = os.path.join(ROOT, "build/tools/articled-parse")
ARTICLES = os.path.join(ROOT, "tests/articles")
TEXT = "text/plain; charset=utf-8"
LISTS = ("sections", "quotes", "speakers", "figures", "reactions")


def request(port, method, target, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, target, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def raw(port, data, wait=10.0, pause_after=None):
    """Sends data on a new connection (optionally waiting pause_after
    seconds after it), reads until the server closes it; (answer, closed)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=wait)
    s.sendall(data)
    out = b""
    closed = False
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                closed = True
                break
            out += chunk
    except (socket.timeout, ConnectionResetError):
        closed = isinstance(sys.exc_info()[1], ConnectionResetError)
    s.close()
    return out, closed


def slices(doc):
    """The raw JSON text of each member of the document, in order."""
    dec = json.JSONDecoder()
    out, pos = {}, 1
    check(doc.startswith("{"), "the document is an object")
    while pos < len(doc) and doc[pos] != "}":
        key, pos = dec.raw_decode(doc, pos)
        check(doc[pos] == ":", "a member's colon")
        _, end = dec.raw_decode(doc, pos + 1)
        out[key] = doc[pos + 1:end]
        pos = end + (doc[end] == ",")
    return out


def items_text(envelope):
    """The items of a list's envelope, as the raw text of a JSON array."""
    m = re.match(r'\{"total":\d+,"offset":\d+,"limit":\d+,"items":(\[.*\])\}$', envelope, re.S)
    return m.group(1) if m else None


def problem(status, headers, body, want_status, what):
    ok = check(status == want_status, f"{what}: status {status}, not {want_status}")
    ok = check(headers.get("content-type") == "application/problem+json",
               f"{what}: problem+json ({headers.get('content-type')})") and ok
    try:
        doc = json.loads(body)
    except ValueError:
        check(False, f"{what}: the body is JSON")
        return ""
    check(doc.get("status") == want_status and doc.get("type") == "about:blank" and doc.get("title"),
          f"{what}: RFC 9457 members ({doc})")
    return doc.get("detail", "")


def loader_says(path):
    """What articled prints when it cannot load path: the reason alone."""
    r = subprocess.run([BIN, "--data", path, "--port", "0"], capture_output=True, text=True,
                       timeout=20)
    check(r.returncode != 0, f"articled refuses to load {path}")
    line = r.stderr.strip().splitlines()[-1]
    return line.split(f"{path}: ", 1)[1]


def same_as_loaded(port):
    names = sorted(f for f in os.listdir(ARTICLES) if f.endswith(".txt"))
    check(len(names) >= 30, "the own articles are there")
    for name in names:
        text = open(os.path.join(ARTICLES, name), "rb").read()
        status, h, body = request(port, "POST", f"/parse?name={name}", text, {"Content-Type": TEXT})
        if not check(status == 200, f"{name}: POST /parse answers {status}"):
            continue
        check(h.get("content-type") == "application/json; charset=utf-8", f"{name}: JSON")
        doc = body.decode("utf-8")
        parts = slices(doc)
        check(list(parts) == ["article"] + list(LISTS), f"{name}: members {list(parts)}")
        aid = json.loads(parts["article"])["id"]
        _, _, meta = request(port, "GET", f"/articles/{aid}")
        check(parts["article"] == meta.decode(), f"{name}: article is /articles/{aid}, byte for byte")
        for lst in LISTS:
            _, _, env = request(port, "GET", f"/articles/{aid}/{lst}?limit=1000")
            check(parts[lst] == items_text(env.decode()),
                  f"{name}: {lst} are those of /articles/{aid}/{lst}, byte for byte")
        cli = subprocess.run([CLI, os.path.join(ARTICLES, name)], capture_output=True, timeout=20)
        check(cli.returncode == 0 and cli.stdout == body + b"\n",
              f"{name}: articled-parse prints the document POST /parse answers")


def errors(port, tmp):
    # Another media type, or none, or another charset: 415, before the body.
    for headers, what in (({"Content-Type": "application/x-www-form-urlencoded"}, "a form"),
                          ({}, "no Content-Type"),
                          ({"Content-Type": "text/plain; charset=iso-8859-1"}, "Latin-1"),
                          ({"Content-Type": "application/json"}, "JSON")):
        st, h, b = request(port, "POST", "/parse", b"Title\n\nText.\n", headers)
        detail = problem(st, h, b, 415, f"415 for {what}")
        check("text/plain" in detail, f"415 for {what} names the type to send ({detail})")
    for ok in ("text/plain", "TEXT/PLAIN; Charset=\"UTF-8\"", "text/plain;charset=us-ascii"):
        st, _, _ = request(port, "POST", "/parse", open(os.path.join(ARTICLES, "121_okhotsk-pier.txt"), "rb").read(),
                           {"Content-Type": ok})
        check(st == 200, f"{ok!r} is plain UTF-8 text ({st})")
    # What is wrong with the text, in the loader's words.
    bad = {"not-utf8.txt": b"Title\n\nA caf\xe9 on line three.\n",
           "binary.txt": b"Title\n\nA \x01 byte.\n",
           "title-only.txt": b"Only a title\n",
           "empty.txt": b"",
           "blank.txt": b"   \n\n  \n"}
    for name, data in bad.items():
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        want = loader_says(path)
        st, h, b = request(port, "POST", f"/parse?name={name}", data, {"Content-Type": TEXT})
        expect = 422 if name == "title-only.txt" else 400
        detail = problem(st, h, b, expect, f"{name}")
        check(detail == f"{name}: {want}", f"{name}: the detail is the loader's: {detail!r} vs {want!r}")
    check("line 3, column 6" in loader_says(os.path.join(tmp, "not-utf8.txt")),
          "the loader's message has the line and column")
    # Other methods; an unknown parameter.
    st, h, b = request(port, "GET", "/parse")
    problem(st, h, b, 405, "GET /parse")
    check(h.get("allow") == "POST, OPTIONS", f"GET /parse: Allow ({h.get('allow')})")
    st, h, b = request(port, "POST", "/parse?colour=red", b"x", {"Content-Type": TEXT})
    problem(st, h, b, 400, "an unknown parameter")


def limits(tmp):
    env = dict(os.environ, ARTICLED_MAX_PARSE_BYTES="4000")
    proc, port = start(["--timeout", "1"], env)
    try:
        # 413 on the head alone: the body is never sent, and never waited for.
        t0 = time.time()
        out, closed = raw(port, b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 4001\r\n\r\n", wait=5)
        check(out.startswith(b"HTTP/1.1 413 "), f"Content-Length over the limit: 413 ({out[:40]!r})")
        check(b"4000" in out, "the 413 says the limit (from ARTICLED_MAX_PARSE_BYTES)")
        check(closed and time.time() - t0 < 0.9, "413 at once, and the connection closed")
        # At the limit, the body is read.
        text = open(os.path.join(ARTICLES, "121_okhotsk-pier.txt"), "rb").read()
        check(len(text) <= 4000, "the short article fits the test's limit")
        st, _, _ = request(port, "POST", "/parse", text, {"Content-Type": TEXT})
        check(st == 200, f"a body within the limit: 200 ({st})")
        # Chunked, its length known only as it comes: cut past the limit.
        chunk = b"a" * 3000
        body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3)) + b"0\r\n\r\n"
        out, closed = raw(port, b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                b"Transfer-Encoding: chunked\r\n\r\n" + body, wait=5)
        check(b"HTTP/1.1 413 " in out and closed, f"a chunked body over the limit: 413 ({out[:60]!r})")
        # Bodies being received hold at most 32 limits' worth together: 32
        # posts that have sent their heads take it all, the next is refused
        # 503 at once; once they are gone, posts are taken again.
        held = []
        for _ in range(32):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                      b"Content-Length: 4000\r\n\r\nTitle\n")
            held.append(s)
        time.sleep(0.1)
        out, closed = raw(port, b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 10\r\n\r\n", wait=5)
        check(out.startswith(b"HTTP/1.1 503 ") and b"try again" in out and closed,
              f"a post past the budget of bodies: 503 ({out[:60]!r})")
        for s in held:
            s.close()
        time.sleep(0.3)
        st, _, _ = request(port, "POST", "/parse", text, {"Content-Type": TEXT})
        check(st == 200, f"the budget is given back when the posts are gone ({st})")
        # A body that comes too slowly: cut at --timeout (1 s) with 408.
        t0 = time.time()
        out, closed = raw(port, b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 100\r\n\r\nTitle\n", wait=6)
        took = time.time() - t0
        check(out.startswith(b"HTTP/1.1 408 ") and closed and 0.9 < took < 4,
              f"a slow body: 408 at the deadline ({out[:40]!r}, {took:.1f} s)")
    finally:
        stop(proc)
    # The flag, which wins over the variable.
    proc, port = start(["--max-parse-bytes", "100"], dict(os.environ, ARTICLED_MAX_PARSE_BYTES="4000"))
    try:
        st, h, b = request(port, "POST", "/parse", b"T\n\n" + b"x" * 200, {"Content-Type": TEXT})
        detail = problem(st, h, b, 413, "--max-parse-bytes 100")
        check("100" in detail, f"the flag's limit is the one told ({detail})")
    finally:
        stop(proc)


def http_behaviour(port):
    st, h, _ = request(port, "OPTIONS", "/parse", headers={
        "Origin": "http://frontend.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    check(st == 204, f"preflight: 204 ({st})")
    check("POST" in h.get("access-control-allow-methods", ""), "preflight allows POST")
    check("content-type" in h.get("access-control-allow-headers", "").lower(),
          "preflight allows Content-Type")
    text = open(os.path.join(ARTICLES, "121_okhotsk-pier.txt"), "rb").read()
    st, h, b = request(port, "POST", "/parse?pretty", text, {"Content-Type": TEXT})
    check(st == 200 and b.startswith(b"{\n  \"article\": {"), "?pretty indents the document")
    # Keep-alive: two posts, then a GET, on one connection.
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for k in range(2):
        c.request("POST", "/parse", body=text, headers={"Content-Type": TEXT})
        r = c.getresponse()
        r.read()
        check(r.status == 200 and r.getheader("Connection") != "close", f"keep-alive post {k}")
    c.request("GET", "/healthz")
    r = c.getresponse()
    r.read()
    check(r.status == 200, "a GET after two posts on the same connection")
    c.close()
    _, _, m = request(port, "GET", "/metrics")
    counted = re.search(r'articled_requests_total\{route="/parse",status="200"\} (\d+)', m.decode())
    check(counted is not None and int(counted.group(1)) >= 3, "/metrics counts /parse by its route")


def main():
    proc, port = start(["--data", ARTICLES])
    try:
        same_as_loaded(port)
        with tempfile.TemporaryDirectory() as tmp:
            errors(port, tmp)
            http_behaviour(port)
            limits(tmp)
    finally:
        stop(proc)
    report("POST /parse")


if __name__ == "__main__":
    main()
