#!/usr/bin/env python3
"""compare_answers.py - asks two articled binaries the same broad set of
requests and compares the answers byte for byte: status, every header but
Date, and the body. For changes that must not change behaviour (a
refactoring, a speed-up): run it with the binary before and after.

  tools/compare_answers.py OLD_BINARY NEW_BINARY [--data DIR]... [--skip PATH]...
                           [--ignore-header NAME]...

Each --data (default: the built-in article, then tests/articles) starts
one pair of servers; --skip leaves out the targets that start with PATH
(an answer meant to change, as /openapi.json when the API grows);
--ignore-header leaves a header out of every comparison (one meant to
change everywhere, as Access-Control-Expose-Headers when it names one
more). The requests: every endpoint, at the root and under
/articles/{id} for every article, with many query shapes (filters of
every kind, paging, article=, pretty, bad values, unknown parameters,
escapes), sent as GET, HEAD and OPTIONS, with and without gzip, an
If-None-Match and a browser's Accept; and other methods. /metrics is
compared by its request counters only (its timings differ run to run),
and its lines as a set; /healthz without its loaded_at (and so without
its ETag). Prints the number of requests compared and every
difference; exits 1 if there is one.
"""
import gzip
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start(binary, data):
    args = [binary, "--host", "127.0.0.1", "--port", "0", "--log-format", "off"]
    if data:
        args += ["--data", data]
    p = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 20
    line = ""
    while time.time() < deadline:
        line = p.stderr.readline()
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return p, int(m.group(1))
    p.kill()
    sys.exit(f"{binary} did not start: {line}")


def ask(port, method, path, headers):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    c.putheader("Host", "127.0.0.1")
    for k, v in headers:
        c.putheader(k, v)
    c.endheaders()
    r = c.getresponse()
    body = r.read()
    hs = [(k, v) for k, v in r.getheaders() if k.lower() != "date"]
    c.close()
    return r.status, hs, body


def get_json(port, path):
    import json
    s, _, b = ask(port, "GET", path, [])
    return json.loads(b) if s == 200 else None


def words_to_search(port, base):
    """Search terms made from an article's own text, so that the search
    index is asked about what it holds: words spread over the text, those
    with letters beyond ASCII, prefixes, words joined by punctuation
    (jong-un, putin's), two words running, upper case, and a word's first
    letters folded another way."""
    sections = (get_json(port, base + "/sections?limit=1000") or {"items": []})["items"]
    text = "\n".join(p for s in sections for p in s["paragraphs"])
    words = list(dict.fromkeys(re.findall(r"\w+", text)))
    beyond = [w for w in words if not w.isascii()]
    joined = list(dict.fromkeys(re.findall(r"\w+(?:[-'’.,]\w+)+", text)))
    pairs = re.findall(r"(\w+) (\w+)", text)
    terms = words[::max(1, len(words) // 10)][:10] + beyond[:4] + joined[:4]
    terms += [w[:3] for w in words if len(w) > 6][:3] + [w.upper() for w in words[5:7]]
    terms += [a + " " + b for a, b in pairs[3:5]] + [w[:2] + w[2:].upper() for w in words[9:10]]
    return [urllib.parse.quote_plus(t) for t in dict.fromkeys(terms)]


def requests_for(port):
    """The targets, built from what the server holds."""
    import json
    arts = get_json(port, "/articles?limit=1000")["items"]
    ids = [a["id"] for a in arts]
    targets = ["/", "/?api=http://x", "/nowhere", "/article/", "/sections/", "/articles/",
               "/articles/nope", "/articles/nope/quotes", "/healthz", "/healthz?pretty",
               "/healthz?pretty=false", "/openapi.json", "/openapi.json?pretty=1",
               "/metrics?pretty", "/articles", "/articles?q=port", "/articles?q=pollock+quotas",
               "/articles?q=", "/articles?q=zzzz", "/articles?limit=1&offset=1",
               "/articles?pretty", "/articles?bogus=1", "/sections%00", "/sections%00x",
               "/quotes?speaker=put%00in", "/quotes?sp%00eaker=x", "/%FF", "/sections?%FF=1",
               "/quotes?speaker=%FF", "?x", "/quotes?article=*", "/quotes?article=all",
               "/figures?article=*&kind=money", "/reactions?article=*&country=us",
               "/quotes?article=" + ",".join(ids[:3]), "/quotes?article=" + ",".join(reversed(ids[:3])),
               "/quotes?article=" + ids[0] + "," + ids[0], "/quotes?article=" + ids[0] + ",",
               "/quotes?article=," + ids[0], "/quotes?article=" + ids[0] + ",bogus",
               "/quotes?article=bogus," + ids[0], "/figures?article=*&section=intro",
               "/figures?article=*&section=nope", "/quotes?article=*&limit=3&offset=2&pretty",
               "/quotes?article=*&speaker=a&kind=indirect", "/sections?article=*",
               "/search?q=port&article=*", "/articles?article=*",
               "/speakers?article=*", "/speakers?article=*&kind=outlet&limit=3&offset=1",
               "/speakers?article=" + ",".join(reversed(ids[:3])) + "&q=a",
               "/speakers?article=*&pretty", "/quotes?article=*&speaker_id=kyodo",
               "/quotes?" + "&".join(f"k{i}=1" for i in range(40)),
               "/quotes?limit=1&limit=2", "/quotes?limit=5&kind=direct", "/quotes?kind=direct&limit=05"]
    for n, aid in enumerate(ids):
        art = get_json(port, f"/articles/{aid}")
        secs = [s["id"] for s in art["sections"]]
        prefixes = [f"/articles/{aid}"] + ([""] if n == 0 else [])
        for pre in prefixes:
            base = pre if pre else ""
            targets += [pre or "/article", (pre or "/article") + "?pretty", (pre or "/article") + "?x=1"]
            targets += [base + "/sections", base + "/sections?limit=2&offset=1",
                        base + "/sections?limit=0", base + "/sections?pretty",
                        base + "/sections?limit=-1", base + "/sections?limit=1001",
                        base + "/sections?offset=1.5", base + "/sections?colour=red",
                        base + "/sections/nope", base + "/sections/999", base + "/sections/-1"]
            for i, s in enumerate(secs):
                targets += [f"{base}/sections/{s}", f"{base}/sections/{i}", f"{base}/sections/{s}?pretty",
                            f"{base}/quotes?section={s}", f"{base}/figures?section={s}&kind=date",
                            f"{base}/search?q=the&section={s}"]
            quotes = get_json(port, base + "/quotes?limit=1000")["items"]
            speakers = sorted({q["speaker"] for q in quotes if q.get("speaker")})[:4]
            for sp in speakers:
                word = sp.split()[-1]
                targets += [f"{base}/quotes?speaker={urllib.parse.quote(word)}",
                            f"{base}/quotes?speaker={urllib.parse.quote(word.upper())}&kind=direct",
                            f"{base}/quotes?kind=indirect&speaker={urllib.parse.quote(word.lower())}&limit=1"]
            # An older server has no /speakers: then no speaker ids to ask about.
            for sp in (get_json(port, base + "/speakers?limit=4") or {"items": []})["items"]:
                targets += [f"{base}/quotes?speaker_id={urllib.parse.quote(sp['id'])}",
                            f"{base}/speakers?q={urllib.parse.quote(sp['name'].split()[0])}"]
            targets += [base + "/speakers", base + "/speakers?kind=person", base + "/speakers?kind=outlet&limit=1",
                        base + "/speakers?kind=robot", base + "/speakers?q=", base + "/speakers?pretty",
                        base + "/quotes?speaker_id=", base + "/quotes?speaker_id=nobody"]
            targets += [base + "/quotes", base + "/quotes?kind=direct", base + "/quotes?kind=indirect",
                        base + "/quotes?kind=banana", base + "/quotes?speaker=", base + "/quotes?section=nowhere",
                        base + "/quotes?offset=1000", base + "/quotes?pretty&limit=2",
                        base + "/quotes?article=x", base + "/quotes?speaker=%50utin",
                        base + "/quotes?speaker=a+b", base + "/quotes?speaker=" + "x" * 201]
            for k in ["percent", "money", "date", "count", "quantity", "multiplier", "weight"]:
                targets.append(f"{base}/figures?kind={k}")
            targets += [base + "/figures", base + "/figures?limit=0", base + "/figures?measure=turnover",
                        base + "/figures?measure=Trade+TURNOVER&change=decrease",
                        base + "/figures?change=increase", base + "/figures?change=up",
                        base + "/figures?measure=", base + "/figures?measure=a+b+c+d+e+f+g+h+i+j+k",
                        base + "/figures?measure=" + "x" * 70, base + "/figures?kind=money&pretty"]
            reacts = get_json(port, base + "/reactions?limit=1000")["items"]
            for r in reacts[:3]:
                targets += [f"{base}/reactions?outlet={urllib.parse.quote(r['outlet'][:3])}"]
                if r.get("country"):
                    targets += [f"{base}/reactions?country={r['country']}",
                                f"{base}/reactions?country={r['country'].lower()}"]
            targets += [base + "/reactions", base + "/reactions?country=Japan", base + "/reactions?country=j1",
                        base + "/reactions?country=", base + "/reactions?pretty",
                        base + "/reactions?outlet=zzz&country=US"]
            targets += [base + "/search", base + "/search?q=+++", base + "/search?q=port",
                        base + "/search?q=Nuclear+peninsula", base + "/search?q=the&limit=2&offset=1",
                        base + "/search?q=a&pretty", base + "/search?q=" + "+".join("abcdefghijk"),
                        base + "/search?q=" + "y" * 65, base + "/search?q=zebra",
                        base + "/search?q=korean&section=nope", base + "/search?q=korean%00zebra"]
            terms = words_to_search(port, base)
            targets += [f"{base}/search?q={t}" for t in terms]
            targets += [f"{base}/search?q={t}&limit=1&offset=1" for t in terms[:2]]
            # The catalog's word index, made from each article's vocabulary.
            targets += [f"/articles?q={t}" for t in terms[:4]]
            targets += [f"/search?q={t}&article=*" for t in terms[:2]]
    return targets


HEADER_SETS = [
    [],
    [("Accept-Encoding", "gzip")],
    [("Accept-Encoding", "br, gzip;q=0.8"), ("If-None-Match", "*")],
    [("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")],
]


def metrics_view(body):
    lines = body.decode().splitlines()
    counters = sorted(l for l in lines if l.startswith("articled_requests_total"))
    keys = sorted(re.sub(r" [-0-9.e+]+$", "", l) for l in lines if not l.startswith("articled_request_duration"))
    return "\n".join(counters + ["--"] + keys).encode()


def healthz_view(answer):
    """/healthz says when it loaded: the two servers started a moment apart."""
    status, headers, body = answer
    if dict((k.lower(), v) for k, v in headers).get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    body = re.sub(rb'"loaded_at": ?"[^"]*"', b'"loaded_at":"-"', body)
    return status, [h for h in headers if h[0].lower() not in ("etag", "content-length")], body


def without(answer, ignored):
    return (answer[0], [h for h in answer[1] if h[0].lower() not in ignored], answer[2])


def compare(old, new, data, skip, ignored=()):
    po, port_o = start(old, data)
    pn, port_n = start(new, data)
    diffs, n = [], 0
    try:
        targets = requests_for(port_n)
        # The same questions to the other, so that /metrics counts alike (an
        # older server may hold fewer resources to ask about, never other
        # articles).
        assert set(requests_for(port_o)) <= set(targets), "the two servers hold other articles"
        plan = []
        for t in targets:
            for hs in HEADER_SETS:
                plan.append(("GET", t, hs))
            plan.append(("HEAD", t, []))
        for t in ["/quotes", "/sections/intro", "/nowhere", "/articles", "/search?q=x&bad=1"]:
            plan += [("OPTIONS", t, []),
                     ("OPTIONS", t, [("Origin", "http://localhost:3000"), ("Access-Control-Request-Method", "GET"),
                                     ("Access-Control-Request-Headers", "if-none-match")]),
                     ("POST", t, []), ("DELETE", t, []), ("PUT", t, []), ("PATCH", t, [])]
        plan.append(("GET", "/metrics", []))
        for method, t, hs in plan:
            if any(t.startswith(p) for p in skip):
                continue
            a = ask(port_o, method, t, hs)
            b = ask(port_n, method, t, hs)
            if t.startswith("/metrics") and a[0] == 200:
                a = (a[0], [h for h in a[1] if h[0].lower() not in ("etag", "content-length")], metrics_view(a[2]))
                b = (b[0], [h for h in b[1] if h[0].lower() not in ("etag", "content-length")], metrics_view(b[2]))
            if t.startswith("/healthz"):
                a, b = healthz_view(a), healthz_view(b)
            a, b = without(a, ignored), without(b, ignored)
            n += 1
            if a != b:
                diffs.append((method, t, hs, a, b))
    finally:
        for p in (po, pn):
            p.terminate()
            p.wait(10)
    return n, diffs


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    old, new = os.path.abspath(args[0]), os.path.abspath(args[1])
    datas = [args[i + 1] for i, a in enumerate(args) if a == "--data"] or [None, os.path.join(ROOT, "tests/articles")]
    skip = [args[i + 1] for i, a in enumerate(args) if a == "--skip"]
    ignored = {args[i + 1].lower() for i, a in enumerate(args) if a == "--ignore-header"}
    total, bad = 0, 0
    for data in datas:
        n, diffs = compare(old, new, data, skip, ignored)
        total += n
        bad += len(diffs)
        print(f"{data or 'built-in article'}: {n} requests, {len(diffs)} differ")
        for method, t, hs, a, b in diffs[:40]:
            print(f"  {method} {t} {hs}")
            if a[0] != b[0]:
                print(f"    status {a[0]} vs {b[0]}")
            if a[1] != b[1]:
                print(f"    headers {a[1]}\n         vs {b[1]}")
            if a[2] != b[2]:
                print(f"    body {a[2][:300]!r}\n      vs {b[2][:300]!r}")
    print(f"compared {total} requests: {'identical' if bad == 0 else f'{bad} differ'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
