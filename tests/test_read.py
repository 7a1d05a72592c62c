"""Tests of the readers (newsbrief.read): every format, every bad input, stdin and folders."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from newsbrief.errors import InputError
from newsbrief.read import (
    ReadResult,
    format_from_name,
    parse_date,
    read_any,
    read_bytes,
    read_inputs,
    read_path,
)
from newsbrief.read.common import decode_text, host_of
from newsbrief.read.text import looks_like_headline, split_title

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl"

BODY = (
    "The council of Brindlemoor voted on Tuesday to reopen the old ferry crossing.\n\n"
    "Work on the new landing stage will start in spring, the harbour master said."
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry crossing to reopen | The Brindlemoor Gazette</title>
<meta property="og:site_name" content="The Brindlemoor Gazette">
<meta property="article:published_time" content="2022-05-17T08:30:00+01:00">
<link rel="canonical" href="https://www.brindlemoor-gazette.example/news/ferry">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry crossing to reopen</h1>
<p>The council of Brindlemoor voted on Tuesday to reopen the old ferry crossing,
closed since a storm damaged the landing stage eleven years ago.</p>
<p>Work on the new landing stage will start in the spring, the harbour master said,
and the first boats could run by the end of next summer.</p>
<p>Residents on the far bank welcomed the vote, saying the detour by road adds
almost an hour to every trip into town.</p>
</article>
<footer>Copyright The Brindlemoor Gazette. All rights reserved.</footer>
</body></html>
"""


def write(path: Path, data: bytes | str) -> Path:
    """Write bytes or UTF-8 text to path (creating folders) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def one(result: ReadResult):
    """The single article of a result that must have no problems."""
    assert result.problems == []
    assert len(result.articles) == 1
    return result.articles[0]


# ----------------------------------------------------------------------------- text


def test_text_with_headline(tmp_path: Path) -> None:
    p = write(tmp_path / "ferry.txt", "Ferry crossing to reopen\n\n" + BODY + "\n")
    a = one(read_path(p))
    assert a.title == "Ferry crossing to reopen"
    assert a.text == BODY
    assert a.source == "ferry.txt"
    assert a.origin == str(p)
    assert a.url == "" and a.published is None


def test_text_first_sentence_is_not_a_title(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", BODY)
    a = one(read_path(p))
    assert a.title == ""
    assert a.text == BODY


def test_text_crlf_and_bom(tmp_path: Path) -> None:
    raw = "\ufeffFerry crossing to reopen\r\n\r\n" + BODY.replace("\n", "\r\n")
    a = one(read_path(write(tmp_path / "a.txt", raw)))
    assert a.title == "Ferry crossing to reopen"
    assert "\r" not in a.text and "\ufeff" not in a.text
    assert a.text == BODY


@pytest.mark.parametrize(
    ("line", "next_line", "expected"),
    [
        ("Ferry crossing to reopen", "", True),
        ("Will the ferry run again?", "", True),
        ("Council says: ferry crossing to reopen in spring", "", True),
        ("The council voted on Tuesday to reopen the crossing.", "", False),
        ("the council voted to reopen the crossing", "", False),
        ("Ferry reopens. Residents cheer", "", False),
        ("Reporting by:", "", False),
        ("The council voted on Tuesday to reopen the", "", False),
        ("The council voted on Tuesday to reopen", "the crossing after a long wait.", False),
        (" ".join(["word"] * 25), "", False),
    ],
)
def test_looks_like_headline(line: str, next_line: str, expected: bool) -> None:
    assert looks_like_headline(line, next_line) is expected


def test_split_title_single_line_is_body() -> None:
    assert split_title("Ferry crossing to reopen") == ("", "Ferry crossing to reopen")


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Ferry crossing to reopen\n\nThe caf\u00e9 by the quay will reopen too, said \u201cMs R\u00f8d\u201d."
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        p = write(tmp_path / f"{codec}.txt", bom + text.encode(codec))
        a = one(read_path(p))
        assert a.title == "Ferry crossing to reopen"
        assert a.text.startswith("The caf\u00e9 by the quay")
        assert "\u201cMs R\u00f8d\u201d" in a.text


def test_cp1252_text(tmp_path: Path) -> None:
    raw = (
        b"Caf\xe9 owners on the quay said \x93business is slow\x94 this winter, "
        b"and the r\xe9gie will review the rents in March.\n"
    )
    a = one(read_path(write(tmp_path / "quay.txt", raw)))
    assert "Caf\u00e9 owners" in a.text
    assert "\u201cbusiness is slow\u201d" in a.text
    assert "r\u00e9gie" in a.text


def test_utf8_is_preferred_and_mojibake_is_kept() -> None:
    # already-mojibake UTF-8 stays as it is: repairing it is the cleaning stage's job
    assert decode_text("Caf\u00c3\u00a9".encode()) == "Caf\u00c3\u00a9"


def test_markdown_and_unknown_suffix_read_as_text(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", "# Ferry notes\n\n" + BODY)
    write(tmp_path / "story", BODY)
    res = read_path(tmp_path)
    assert res.problems == []
    assert [Path(a.origin).name for a in res.articles] == ["notes.md", "story"]


# ----------------------------------------------------------------------------- HTML


def test_html_file(tmp_path: Path) -> None:
    a = one(read_path(write(tmp_path / "ferry.html", PAGE)))
    assert a.title == "Ferry crossing to reopen"
    assert a.source == "The Brindlemoor Gazette"
    assert a.published == date(2022, 5, 17)
    assert a.url == "https://www.brindlemoor-gazette.example/news/ferry"
    # paragraphs stay on their own lines; the <h1> is not repeated in the text
    lines = a.text.split("\n")
    assert len(lines) == 3
    assert lines[0].startswith("The council of Brindlemoor voted")
    assert "Home" not in a.text and "Copyright" not in a.text


def test_html_source_falls_back_to_host_then_file_name(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="og:site_name" content="The Brindlemoor Gazette">', "")
    page = page.replace(" | The Brindlemoor Gazette", "").replace(
        "Copyright The Brindlemoor Gazette.", ""
    )
    a = one(read_path(write(tmp_path / "a.htm", page)))
    assert a.source == "brindlemoor-gazette.example"
    page = page.replace(
        '<link rel="canonical" href="https://www.brindlemoor-gazette.example/news/ferry">', ""
    )
    a = one(read_path(write(tmp_path / "b.htm", page)))
    assert a.source == "b.htm" and a.url == ""


def test_html_fragment(tmp_path: Path) -> None:
    frag = "<p>The ferry crossing at Brindlemoor will reopen next summer.</p>\n<p>Boats will run hourly.</p>"
    a = one(read_bytes(frag.encode(), "frag.html"))
    assert (
        a.text
        == "The ferry crossing at Brindlemoor will reopen next summer.\nBoats will run hourly."
    )


def test_html_legacy_meta_charset(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    page = page.replace("The council of Brindlemoor", "The caf\u00e9 council of Brindlemoor")
    a = one(read_path(write(tmp_path / "a.html", page.encode("cp1252"))))
    assert "caf\u00e9 council" in a.text


def test_html_without_text_is_a_problem(tmp_path: Path) -> None:
    p = write(
        tmp_path / "empty.html", "<html><head><title>Nothing</title></head><body></body></html>"
    )
    res = read_path(p)
    assert res.articles == []
    assert res.problems == [f"{p}: no extractable text in the HTML, skipped"]


# ----------------------------------------------------------------------------- JSON


def _event(n: int) -> dict:
    return {
        "id": f"ev-{n}",
        "summary": "A ferry crossing reopens.",
        "articles": [
            {
                "title": f"Ferry story {n}",
                "text": f"Story number {n}. " + BODY,
                "url": f"https://www.outlet{n}.example/story",
                "date": "2022-05-17",
            },
            {
                "title": "Second take",
                "text": f"Another view {n}. " + BODY,
                "url": "https://news.example.org/x",
                "time": "2022-05-18T10:00:00Z",
            },
        ],
    }


def test_json_event_object(tmp_path: Path) -> None:
    p = write(tmp_path / "event.json", json.dumps(_event(1), indent=2))
    res = read_path(p)
    assert res.problems == []
    first, second = res.articles
    assert first.title == "Ferry story 1"
    assert first.url == "https://www.outlet1.example/story"
    assert first.source == "outlet1.example"
    assert first.published == date(2022, 5, 17)
    assert second.source == "news.example.org"
    assert second.published == date(2022, 5, 18)
    assert first.origin == str(p)


def test_json_list_of_flat_records(tmp_path: Path) -> None:
    records = [
        {
            "title": "One",
            "text": "First text.",
            "url": "https://a.example/1",
            "published": "May 17, 2022",
            "source": "Alpha Daily",
        },
        {"title": "Two", "text": "Second text.", "site": "Beta Post", "date": "17 May 2022"},
        {"title": "Three", "text": "Third text.", "outlet": "Gamma", "time": 1652745600},
        {"title": "No text here", "url": "https://a.example/4"},
        {"title": "Four", "text": "Fourth text."},
    ]
    p = write(tmp_path / "list.json", json.dumps(records))
    res = read_path(p)
    assert [a.source for a in res.articles] == ["Alpha Daily", "Beta Post", "Gamma", "list.json"]
    assert [a.published for a in res.articles] == [date(2022, 5, 17)] * 3 + [None]
    assert [a.origin for a in res.articles] == [f"{p}#1", f"{p}#2", f"{p}#3", f"{p}#5"]
    assert res.problems == [f"{p}#4: record has no text, skipped"]


def test_jsonl_events_with_a_malformed_line(tmp_path: Path) -> None:
    lines = [json.dumps(_event(1)), '{"title": "broken" "text": "x"}', "", json.dumps(_event(2))]
    p = write(tmp_path / "events.jsonl", "\n".join(lines) + "\n")
    res = read_path(p)
    assert len(res.articles) == 4
    assert [a.origin for a in res.articles] == [f"{p}:1"] * 2 + [f"{p}:4"] * 2
    assert res.problems == [f"{p}:2: malformed JSON line (Expecting ',' delimiter), skipped"]


def test_jsonl_record_without_text(tmp_path: Path) -> None:
    ev = _event(1)
    ev["articles"][1]["text"] = "   "
    lines = [json.dumps(ev), json.dumps({"title": "t", "url": "https://x.example"}), "[1, 2]"]
    p = write(tmp_path / "e.jsonl", "\n".join(lines))
    res = read_path(p)
    assert len(res.articles) == 1
    assert res.problems == [
        f"{p}:1: article 2 has no text, skipped",
        f"{p}:2: record has no text, skipped",
        f"{p}:3: not a JSON object (list), skipped",
    ]


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    p = write(tmp_path / "e.json", json.dumps(_event(1)) + "\n" + json.dumps(_event(2)) + "\n")
    res = read_path(p)
    assert res.problems == [] and len(res.articles) == 4


def test_malformed_json_file(tmp_path: Path) -> None:
    p = write(tmp_path / "bad.json", '{"title": "x", "text": ')
    res = read_path(p)
    assert res.articles == []
    assert len(res.problems) == 1
    assert res.problems[0].startswith(f"{p}: malformed JSON (Expecting value")


def test_many_malformed_lines_are_summarized(tmp_path: Path) -> None:
    p = write(tmp_path / "junk.jsonl", "\n".join(["{nope"] * 15))
    res = read_path(p)
    assert len(res.problems) == 11
    assert res.problems[-1] == f"{p}: 5 more malformed JSON lines, skipped"


def test_gzipped_jsonl(tmp_path: Path) -> None:
    p = write(tmp_path / "e.jsonl.gz", gzip.compress(json.dumps(_event(3)).encode()))
    res = read_path(p)
    assert res.problems == [] and len(res.articles) == 2


def test_jsonl_reading_imports_nothing_heavy(tmp_path: Path) -> None:
    lines = [json.dumps(_event(i)) for i in range(150)]
    p = write(tmp_path / "big.jsonl", "\n".join(lines))
    res = read_path(p)
    assert len(res.articles) == 300
    # reading JSON Lines must not load the HTML, WARC or charset machinery
    code = (
        "import sys, newsbrief, newsbrief.read as r;"
        "before = set(sys.modules);"
        f"r.read_path({str(p)!r});"
        "new = set(sys.modules) - before;"
        "print(sorted(m for m in ('trafilatura', 'warcio', 'charset_normalizer') if m in new))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ----------------------------------------------------------------------------- WARC


def _warc(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)

    def response(uri: str, status: str, ctype: str, body: bytes) -> None:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        )

    w.write_record(w.create_warcinfo_record("test.warc", {"software": "tests"}))
    w.write_record(
        w.create_warc_record(
            "https://www.brindlemoor-gazette.example/news/ferry",
            "request",
            payload=io.BytesIO(b"GET /news/ferry HTTP/1.1\r\n\r\n"),
        )
    )
    page = PAGE.replace(
        '<link rel="canonical" href="https://www.brindlemoor-gazette.example/news/ferry">', ""
    )
    page = page.replace('<meta property="og:site_name" content="The Brindlemoor Gazette">', "")
    page = page.replace(" | The Brindlemoor Gazette", "")
    response(
        "https://www.brindlemoor-gazette.example/news/ferry",
        "200 OK",
        "text/html; charset=utf-8",
        page.encode(),
    )
    response(
        "https://www.brindlemoor-gazette.example/logo.png",
        "200 OK",
        "image/png",
        b"\x89PNG\r\n\x1a\n\x00\x00",
    )
    response(
        "https://www.brindlemoor-gazette.example/gone",
        "404 Not Found",
        "text/html",
        b"<html><body><p>Not found</p></body></html>",
    )
    response(
        "https://other.example/empty",
        "200 OK",
        "text/html",
        b"<html><head><title>x</title></head><body></body></html>",
    )
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc(tmp_path: Path, gz: bool) -> None:
    p = write(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), _warc(gz))
    res = read_path(p)
    assert len(res.articles) == 1
    a = res.articles[0]
    assert a.url == "https://www.brindlemoor-gazette.example/news/ferry"
    assert a.source == "brindlemoor-gazette.example"
    assert a.title == "Ferry crossing to reopen"
    assert a.published == date(2022, 5, 17)
    assert a.origin == f"{p}#https://www.brindlemoor-gazette.example/news/ferry"
    assert a.text.startswith("The council of Brindlemoor voted")
    assert res.problems == [
        f"{p}: https://other.example/empty: no extractable text in the HTML, skipped"
    ]


def test_warc_sniffed_without_suffix(tmp_path: Path) -> None:
    for gz in (False, True):
        res = read_bytes(_warc(gz), "crawl.bin")
        assert len(res.articles) == 1, gz


def test_broken_warc(tmp_path: Path) -> None:
    p = write(tmp_path / "bad.warc", b"WARC/1.0\r\nthis is not a warc header\r\n\r\n")
    res = read_path(p)
    assert res.articles == []
    assert len(res.problems) == 1 and res.problems[0].startswith(f"{p}: ")


# ----------------------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (("Ferry crossing to reopen\n\n" + BODY).encode(), "Ferry crossing to reopen"),
        (PAGE.encode(), "Ferry crossing to reopen"),
        (json.dumps({"title": "From JSON", "text": BODY}).encode(), "From JSON"),
        (
            (
                json.dumps({"title": "From JSONL", "text": BODY})
                + "\n"
                + json.dumps({"text": BODY})
            ).encode(),
            "From JSONL",
        ),
        (b"\xef\xbb\xbf" + json.dumps([{"title": "BOM JSON", "text": BODY}]).encode(), "BOM JSON"),
    ],
)
def test_stdin_sniffs_the_format(data: bytes, title: str) -> None:
    res = read_inputs(["-"], stdin=io.BytesIO(data))
    assert res.problems == []
    assert res.articles[0].title == title
    assert res.articles[0].origin.startswith("<stdin>")


def test_stdin_text_opening_with_a_bracket() -> None:
    data = ("[Updated] Ferry crossing to reopen\n\n" + BODY).encode()
    a = one(read_any("-", stdin=io.BytesIO(data)))
    assert a.title == "[Updated] Ferry crossing to reopen"


def test_stdin_text_source_and_origin() -> None:
    a = one(read_any("-", stdin=io.BytesIO(BODY.encode())))
    assert a.origin == "<stdin>" and a.source == "stdin"


def test_stdin_warc() -> None:
    res = read_inputs(["-"], stdin=io.BytesIO(_warc(True)))
    assert len(res.articles) == 1
    assert res.articles[0].origin == "<stdin>#https://www.brindlemoor-gazette.example/news/ferry"


def test_stdin_problems() -> None:
    assert read_inputs(["-"], stdin=io.BytesIO(b"  \n")).problems == [
        "<stdin>: empty input, skipped"
    ]
    assert read_inputs(["-"], stdin=io.BytesIO(b"\x00\x01\x02binary")).problems == [
        "<stdin>: binary file, skipped"
    ]


# ----------------------------------------------------------------------------- bad inputs


def test_missing_path(tmp_path: Path) -> None:
    p = tmp_path / "missing.txt"
    res = read_inputs([p, write(tmp_path / "ok.txt", BODY)])
    assert res.problems == [f"{p}: no such file or directory"]
    assert len(res.articles) == 1


@pytest.mark.parametrize(
    "content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf  \n", b"\xff\xfe \x00\n\x00"]
)
@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl", ""])
def test_empty_file(tmp_path: Path, content: bytes, suffix: str) -> None:
    p = write(tmp_path / f"empty{suffix}", content)
    res = read_path(p)
    assert res.articles == []
    assert res.problems == [f"{p}: empty file, skipped"]


def test_binary_file(tmp_path: Path) -> None:
    rng = __import__("random").Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    p = write(tmp_path / "a.bin", noise)
    assert read_path(p).problems == [f"{p}: binary file, skipped"]
    # a .txt name does not make binary bytes text
    p = write(tmp_path / "b.txt", noise)
    assert read_path(p).problems == [f"{p}: binary file, skipped"]
    # random bytes without NULs are binary too (many control characters)
    p = write(tmp_path / "c.dat", noise.replace(b"\x00", b"a"))
    assert read_path(p).problems == [f"{p}: binary file, skipped"]


def test_undecodable_text(tmp_path: Path) -> None:
    # no NULs or control bytes, not UTF-8, and no single-byte code page makes text of it
    p = write(tmp_path / "odd.txt", bytes(range(0x80, 0x100)) * 8)
    res = read_path(p)
    assert res.articles == []
    assert res.problems == [
        f"{p}: undecodable text (not UTF-8, UTF-16 or a single-byte encoding), skipped"
    ]


def test_invalid_utf16_after_bom(tmp_path: Path) -> None:
    p = write(tmp_path / "u.txt", b"\xff\xfeA\x00\x00\xd8")  # an unpaired surrogate
    res = read_path(p)
    assert res.problems == [
        f"{p}: undecodable text (invalid UTF-16 after its byte-order mark), skipped"
    ]


def test_read_bytes_formats() -> None:
    assert one(read_bytes(BODY.encode(), "x", fmt="text")).text == BODY
    assert one(read_bytes(PAGE.encode(), "x", fmt="html")).title == "Ferry crossing to reopen"
    data = json.dumps({"text": BODY}).encode()
    assert one(read_bytes(data, "x", fmt="json")).text == BODY
    assert one(read_bytes(data, "x", fmt="jsonl")).origin == "x:1"
    # an explicit format wins over content sniffing
    assert one(read_bytes(data, "x", fmt="text")).text == data.decode()
    with pytest.raises(InputError):
        read_bytes(b"x", "x", fmt="pdf")


def test_format_from_name() -> None:
    assert format_from_name("a/b.TXT") == "text"
    assert format_from_name("b.htm") == "html"
    assert format_from_name("b.jsonl.gz") == "jsonl"
    assert format_from_name("b.warc.gz") == "warc"
    assert format_from_name("b.md") is None


# ----------------------------------------------------------------------------- folders


def test_folder_recursive_sorted(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for rel in ["b.txt", "a/z.txt", "a/b/c.txt", "a.txt", "c/d.txt", ".hidden.txt", ".git/x.txt"]:
        write(root / rel, f"Story from {rel}\n\nSome text of the story at {rel}.")
    res = read_path(root)
    assert res.problems == []
    assert [os.path.relpath(a.origin, root) for a in res.articles] == [
        "a/b/c.txt",
        "a/z.txt",
        "a.txt",
        "b.txt",
        "c/d.txt",
    ]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "void" / "sub").mkdir(parents=True)
    res = read_path(tmp_path / "void")
    assert res.articles == []
    assert res.problems == [f"{tmp_path / 'void'}: folder has no readable files"]


def test_folder_skips_odd_files(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    write(root / "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write(root / "paper.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n")
    zbuf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("x.txt", "hello")
    write(root / "bundle.zip", zbuf.getvalue())
    write(root / "story.txt", BODY)
    res = read_path(root)
    assert len(res.articles) == 1
    assert res.problems == [
        f"{root / 'bundle.zip'}: binary file (ZIP archive), skipped",
        f"{root / 'logo.png'}: binary file (PNG image), skipped",
        f"{root / 'paper.pdf'}: binary file (PDF document), skipped",
    ]


def test_folder_with_only_bad_files(tmp_path: Path) -> None:
    write(tmp_path / "d" / "empty.txt", b"")
    res = read_path(tmp_path / "d")
    assert res.problems == [
        f"{tmp_path / 'd' / 'empty.txt'}: empty file, skipped",
        f"{tmp_path / 'd'}: folder has no readable files",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_folder_symlink_loop_fifo_and_broken_link(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write(root / "sub" / "a.txt", BODY)
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # loop to an ancestor
    (root / "self").symlink_to(root / "self")  # a link to itself
    (root / "dangling").symlink_to(root / "nowhere.txt")
    os.mkfifo(root / "pipe")
    t = time.perf_counter()
    res = read_path(root)
    assert time.perf_counter() - t < 5
    assert [a.origin for a in res.articles] == [str(root / "sub" / "a.txt")]
    assert res.problems == [
        f"{root / 'dangling'}: broken symbolic link, skipped",
        f"{root / 'pipe'}: a FIFO, skipped",
        f"{root / 'self'}: symbolic link loop, skipped",
        f"{root / 'sub' / 'up'}: symbolic link loop, skipped",
    ]
    # a FIFO named directly is not opened either
    assert read_path(root / "pipe").problems == [f"{root / 'pipe'}: a FIFO, skipped"]


def test_folder_reads_all_formats(tmp_path: Path) -> None:
    root = tmp_path / "all"
    write(root / "1.txt", BODY)
    write(root / "2.html", PAGE)
    write(root / "3.json", json.dumps({"text": BODY, "url": "https://j.example/a"}))
    write(root / "4.jsonl", json.dumps(_event(4)))
    write(root / "5.warc.gz", _warc(True))
    res = read_inputs([root])
    assert len(res.articles) == 6
    assert [a.source for a in res.articles] == [
        "1.txt",
        "The Brindlemoor Gazette",
        "j.example",
        "outlet4.example",
        "news.example.org",
        "brindlemoor-gazette.example",
    ]


# ----------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-10-19", date(2019, 10, 19)),
        ("2019-10-19T23:30:00-05:00", date(2019, 10, 19)),
        ("2019-10-19T10:00:00Z", date(2019, 10, 19)),
        ("2019-10-19 10:00:00", date(2019, 10, 19)),
        ("2019/10/19", date(2019, 10, 19)),
        ("20191019", date(2019, 10, 19)),
        ("19 October 2019", date(2019, 10, 19)),
        ("October 19, 2019", date(2019, 10, 19)),
        ("Oct. 19 2019", date(2019, 10, 19)),
        ("Sat, 19 Oct 2019 10:00:00 GMT", date(2019, 10, 19)),
        ("Published: Sept 3rd, 2019 at 10am", date(2019, 9, 3)),
        ("19/10/2019", date(2019, 10, 19)),
        ("10/19/2019", date(2019, 10, 19)),
        ("03/04/2019", None),
        (1571443200, date(2019, 10, 19)),
        ("1571443200000", date(2019, 10, 19)),
        (date(2019, 10, 19), date(2019, 10, 19)),
        ("2019-02-30", None),
        ("2019-13-01", None),
        ("0000-00-00", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        ([2019, 10, 19], None),
        (float("nan"), None),
        (1e30, None),
    ],
)
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_host_of() -> None:
    assert host_of("https://www.Example.com:8080/a?b") == "example.com"
    assert host_of("news.example.org/x") == "news.example.org"
    assert host_of("") == ""
    assert host_of("http://[bad") == ""


# ----------------------------------------------------------------------------- real data


def test_dev_data() -> None:
    if not DEV.exists():
        pytest.skip("shared dev data not present")
    res = read_path(DEV)
    assert res.problems == []
    assert len(res.articles) == 152
    assert all(a.text.strip() for a in res.articles)
    events = [
        json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    urls = [art["url"] for ev in events for art in ev["articles"]]
    assert [a.url for a in res.articles] == urls
    assert [a.source for a in res.articles] == [host_of(u) for u in urls]
    assert all(a.source and not a.source.startswith("www.") for a in res.articles)
