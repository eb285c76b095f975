#!/usr/bin/env python3
"""The other representations of the lists, read as their users read them:
every list endpoint's CSV through Python's csv module and its NDJSON line
by line, each compared with the JSON list item by item; the columns are
those the README documents (nested members as MEMBER_SUB, lists joined);
filters, paging and the Link header (followed from the first page to the
last), ETags, gzip and Content-Disposition as for JSON.

Starts one articled on a free loopback port, serving tests/articles, and
stops it by its PID. Needs ARTICLED_BIN and ARTICLED_SRC (make test sets
them)."""
import csv
import gzip
import io
import json
import os
import re
import tempfile
import urllib.error
import urllib.request

from harness import ROOT, check, report, start, stop

# What the README's table of CSV columns says, list by list.
COLUMNS = {
    "sections": ["id", "index", "heading", "paragraphs"],
    "quotes": ["id", "kind", "speaker", "speaker_as_written", "speaker_title", "cue", "text",
               "section", "paragraph", "start", "end",
               "question_text", "question_section", "question_paragraph"],
    "figures": ["id", "kind", "text", "value", "value_to", "unit", "relative", "measure",
                "change", "qualifier", "per", "period", "compared_to", "sentence",
                "section", "paragraph", "start", "end"],
    "reactions": ["id", "outlet", "country", "outlet_kind", "text", "quote",
                  "section", "paragraph", "start", "end"],
    "articles": ["id", "title", "subtitle", "counts_sections", "counts_paragraphs",
                 "counts_quotes", "counts_figures", "counts_reactions"],
    "search": ["section", "paragraph", "text", "match_starts", "match_ends", "match_terms"],
    "speakers": ["id", "name", "kind", "titles", "country", "quotes_direct", "quotes_indirect",
                 "quote_ids"],
}
# A list's values are joined with ";", a section's paragraphs (prose) with a line break.
JOIN = {"paragraphs": "\n"}


def get(port, target, headers=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{target}", headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def cell(value, join=";"):
    """A JSON value as the CSV field that holds it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return join.join(cell(v) for v in value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def flatten(item, column):
    """The field of column for item, from the rule alone: a member, or
    MEMBER_SUB of a nested object, or of each object of a list."""
    if column in item:
        return cell(item[column], JOIN.get(column, ";"))
    if column.startswith("match_"):  # /search: each match's start, end, term
        return cell([m[column[len("match_"):-1]] for m in item["matches"]])
    member, _, sub = column.partition("_")
    nested = item.get(member)
    if isinstance(nested, dict):
        return cell(nested.get(sub))
    check(nested is None, f"column {column}: no member {member} to flatten")
    return ""


def links(header):
    return {m.group(2): m.group(1) for m in re.finditer(r'<([^>]*)>; rel="(\w+)"', header or "")}


def compare_list(port, name, target, json_items, label):
    sep = "&" if "?" in target else "?"
    status, h, body = get(port, f"{target}{sep}format=csv&limit=100000")
    if not check(status == 200, f"{label}: CSV answers 200, not {status}"):
        return
    check(h.get("content-type") == "text/csv; charset=utf-8; header=present",
          f"{label}: CSV content type ({h.get('content-type')})")
    check(h.get("content-disposition") == f'inline; filename="{name}.csv"',
          f"{label}: Content-Disposition ({h.get('content-disposition')})")
    text = body.decode("utf-8")
    check(text.endswith("\r\n"), f"{label}: records end with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    header, records = rows[0], rows[1:]
    spans = "article=" in target
    # Across articles an item names its article first; a speaker, one
    # across articles, the articles that quote them.
    first = "articles" if name == "speakers" else "article"
    expect = ([first] if spans else []) + COLUMNS[name]
    check(header == expect, f"{label}: header {header}, documented {expect}")
    check(len(records) == len(json_items),
          f"{label}: {len(records)} CSV records, {len(json_items)} JSON items")
    for k, (rec, item) in enumerate(zip(records, json_items)):
        check(len(rec) == len(header), f"{label}: record {k} has {len(rec)} fields")
        for col, field in zip(header, rec):
            want = flatten(item, col)
            if isinstance(item.get(col), float):
                # The same number: JSON and CSV both write it in full
                # (3.2000000000000002), which Python reads back as 3.2.
                same = float(field) == item[col]
            else:
                same = field == want
            if not check(same, f"{label}: item {k} {col}: CSV {field!r}, JSON {want!r}"):
                break
    status, h, body = get(port, f"{target}{sep}limit=100000", {"Accept": "application/x-ndjson"})
    check(h.get("content-type") == "application/x-ndjson", f"{label}: NDJSON by Accept")
    lines = body.decode("utf-8").split("\n")
    check(lines[-1] == "", f"{label}: NDJSON ends with a line break")
    parsed = [json.loads(line) for line in lines[:-1]]
    check(parsed == json_items, f"{label}: NDJSON items are the JSON items")


def json_pages(port, target, limit):
    """Every item of a list, page by page, following Link's next."""
    sep = "&" if "?" in target else "?"
    url, items, pages, total = f"{target}{sep}limit={limit}", [], 0, None
    while url is not None and pages < 1000:
        status, h, body = get(port, url)
        if not check(status == 200, f"{url}: {status}"):
            break
        doc = json.loads(body)
        total = doc["total"]
        items += doc["items"]
        pages += 1
        rel = links(h.get("link"))
        if total > limit:
            check({"first", "last"} <= rel.keys(), f"{url}: Link has first and last ({rel})")
        url = rel.get("next")
    check(total is None or len(items) == total, f"{target}: pages hold {len(items)} of {total}")
    return items


def long_unfiltered_list():
    """A list longer than its first page, asked without a query: its
    first page is no longer the whole list, and links onwards."""
    with tempfile.TemporaryDirectory() as d:
        text = open(os.path.join(ROOT, "tests/articles/121_okhotsk-pier.txt"), "rb").read()
        for i in range(55):
            with open(os.path.join(d, f"copy-{i:02}.txt"), "wb") as f:
                f.write(text)
        proc, port = start(["--data", d])
        try:
            status, h, body = get(port, "/articles")
            doc = json.loads(body)
            check(status == 200 and doc["total"] == 55 and len(doc["items"]) == 50,
                  "55 articles: the first page holds 50")
            rel = links(h.get("link"))
            check(rel.get("next") == "/articles?offset=50" and rel.get("last") == "/articles?offset=50",
                  f"the unfiltered first page links to the next ({rel})")
            items = json_pages(port, "/articles", 50)
            check(len(items) == 55, "following next reaches every article")
        finally:
            stop(proc)


def main():
    long_unfiltered_list()
    proc, port = start(["--data", os.path.join(ROOT, "tests/articles")])
    try:
        lists = [("sections", "/articles/101-fishery-quotas/sections"),
                 ("sections", "/sections"),
                 ("quotes", "/quotes?article=*"),
                 ("quotes", "/quotes?article=*&kind=direct"),
                 ("figures", "/figures?article=*"),
                 ("figures", "/articles/102-amur-bridge/figures?kind=money"),
                 ("reactions", "/reactions?article=*"),
                 ("articles", "/articles"),
                 ("speakers", "/articles/101-fishery-quotas/speakers"),
                 ("speakers", "/speakers?article=*"),
                 ("speakers", "/speakers?article=*&kind=person"),
                 ("search", "/articles/101-fishery-quotas/search?q=pollock"),
                 ("search", "/search?q=the")]
        for name, target in lists:
            whole = json_pages(port, target, 1000)
            check(len(whole) > 0, f"{target}: a list with items to compare")
            paged = json_pages(port, target, 7)
            check(paged == whole, f"{target}: pages of 7 by Link are the whole list")
            compare_list(port, name, target, whole, target)
        # Filters apply to CSV as to JSON.
        _, _, body = get(port, "/quotes?article=*&kind=direct&format=csv&limit=100000")
        kinds = {r["kind"] for r in csv.DictReader(io.StringIO(body.decode(), newline=""))}
        check(kinds == {"direct"}, f"kind=direct keeps direct quotes in CSV ({kinds})")
        # ETag, 304 and gzip as for JSON.
        status, h, plain = get(port, "/figures?article=*&format=csv&limit=5000",
                               {"Accept-Encoding": "identity"})
        etag = h.get("etag", "")
        check(re.fullmatch(r'"[0-9a-f]{16}"', etag) is not None, f"CSV has a strong ETag ({etag})")
        status, _, _ = get(port, "/figures?article=*&format=csv&limit=5000", {"If-None-Match": etag})
        check(status == 304, f"If-None-Match on CSV: 304, not {status}")
        status, h, z = get(port, "/figures?article=*&format=csv&limit=5000",
                           {"Accept-Encoding": "gzip"})
        check(h.get("content-encoding") == "gzip" and gzip.decompress(z) == plain,
              "CSV gzipped is the CSV")
        check("Link" in h.get("access-control-expose-headers", ""), "Link is exposed to CORS")
        # JSON keeps its limit; CSV takes more.
        status, _, _ = get(port, "/quotes?limit=5000")
        check(status == 400, f"JSON limit=5000: 400, not {status}")
        status, _, _ = get(port, "/quotes?limit=5000", {"Accept": "text/csv"})
        check(status == 200, f"CSV limit=5000: 200, not {status}")
        # A browser's Accept, and a wildcard, still get JSON.
        _, h, _ = get(port, "/quotes", {"Accept": "*/*"})
        check(h.get("content-type", "").startswith("application/json"), "*/* gets JSON")
        _, h, _ = get(port, "/quotes", {"Accept": "text/csv;q=0.5, application/json"})
        check(h.get("content-type", "").startswith("application/json"), "JSON ranked first wins")
    finally:
        stop(proc)
    report("list formats")


if __name__ == "__main__":
    main()
