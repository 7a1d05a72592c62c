"""Fault tests of the inputs: bad files in a folder, oversized texts, flattened articles,
article identity, path-like strings in the Python API, and output to a full disk or a
closed pipe (issue 12, items 3-5). Fast and offline."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsbrief import pipeline
from newsbrief.clean import clean_text
from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.read import read_inputs, read_path
from newsbrief.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ALEPPO = ROOT / "examples" / "aleppo"
SHARED = ROOT.parent / "shared" / "data"
GOOD = (
    "Officials in the harbour town of Brindlemoor said on Monday that the ferry crossing "
    "will reopen in spring after two years of repairs to the landing stage.\n\n"
    "The harbour master said the first boats would run on the old timetable."
)
PAGE = (
    b"<html><head><title>Storm hits coast</title></head><body><p>"
    + b"The storm hit the coast on Monday night and damaged many homes, officials said. " * 8
    + b"</p></body></html>"
)


def _warc_record(uri: str | None) -> bytes:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
    if uri is not None:
        head += f"WARC-Target-URI: {uri}\r\n".encode()
    head += b"Content-Type: application/http; msgtype=response\r\n"
    return head + b"Content-Length: %d\r\n\r\n" % len(body) + body + b"\r\n\r\n"


def _cli(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsbrief.cli", *args],
        capture_output=kw.pop("capture", True),  # type: ignore[arg-type]
        text=True,
        timeout=120,
        cwd=ROOT,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD)
    return d


# --------------------------------------------------------------------------- bad files


def test_record_without_target_uri_is_one_problem(folder: Path) -> None:
    (folder / "nouri.warc").write_bytes(_warc_record(None))
    got = read_path(folder)
    assert [a.source for a in got.articles] == ["good.txt"]
    assert any("nouri.warc" in p and "WARC-Target-URI" in p for p in got.problems)


def test_truncated_warc_gz_keeps_the_folder(folder: Path) -> None:
    data = b"".join(gzip.compress(_warc_record(f"http://example.com/{i}")) for i in range(3))
    (folder / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    got = read_path(folder)
    sources = {a.source for a in got.articles}
    assert "good.txt" in sources and "example.com" in sources


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_non_utf8_file_name(folder: Path, tmp_path: Path) -> None:
    bad = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(bad, "wb") as f:
        f.write(b"Prices rose five percent on Monday in the capital city, traders said.\n")
    got = read_path(folder)
    assert len(got.articles) == 2
    for a in got.articles:
        a.source.encode("utf-8")  # printable and storable
        a.origin.encode("utf-8")
    for cmd in (["summarize", str(folder)], ["digest", str(folder)]):
        r = _cli(*cmd, "--format", "json")
        assert r.returncode == 0, r.stderr
        assert "internal error" not in r.stderr
    r = _cli("add", str(folder), "--store", str(tmp_path / "s.sqlite"))
    assert r.returncode == 0, r.stderr
    assert "added 2 article(s)" in r.stdout


# --------------------------------------------------------------------------- size limit


def test_oversized_text_file_is_skipped_unread(folder: Path) -> None:
    limit = 1000
    (folder / "huge.txt").write_text("Words of a dump that never ends. " * 200)  # 6,600 bytes
    got = read_inputs([folder], max_text_chars=limit)
    assert [a.source for a in got.articles] == ["good.txt"]
    assert any("huge.txt" in p and "max_text_chars" in p for p in got.problems)


def test_text_over_the_limit_is_skipped_by_load(folder: Path) -> None:
    (folder / "long.txt").write_text("A sentence of a long text about nothing at all. " * 40)
    loaded = pipeline.load([folder], Settings(max_text_chars=1500))
    assert [a.source for a in loaded.articles] == ["good.txt"]
    assert len([p for p in loaded.problems if "long.txt" in p]) == 1
    assert "limit max_text_chars=1,500" in loaded.problems[0]


def test_one_limit_for_dask_and_readers() -> None:
    from newsbrief.distributed import DaskOptions

    assert DaskOptions().max_text_chars is None  # None: Settings.max_text_chars
    assert Settings().max_text_chars > 100_000
    with pytest.raises(InputError):
        Settings(max_text_chars=0)


# --------------------------------------------------------------------------- flattened


def test_flattened_article_with_a_tweet_is_not_dropped() -> None:
    text = " ".join(
        [
            "Home Transport Aviation Lion Air flight crashes with 189 people on board.",
            "The Boeing 737 jet crashed into the sea soon after take-off from Jakarta.",
            "Rescuers found debris and personal belongings floating near the site.",
            "Our thoughts are with the families pic.twitter.com/abc123 — Agency (@agency)",
            "October 29, 2018 The airline said the plane had been in service since August.",
        ]
        * 3
    )
    out = clean_text(text)
    assert "crashed into the sea" in out
    assert "pic.twitter.com" not in out


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is absent")
def test_real_flattened_articles_keep_text() -> None:
    lost = []
    n = 0
    for path in sorted(SHARED.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            for a in record.get("articles") or [record]:
                flat = " ".join((a.get("text") or "").split())
                if len(flat) < 1000:
                    continue
                n += 1
                if not clean_text(flat):
                    lost.append(flat[:60])
    assert n > 100
    assert lost == []


# --------------------------------------------------------------------------- identity


def test_same_text_under_another_name_or_stdin_is_one_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "renamed.txt").write_text(GOOD)
    got = read_inputs(
        [tmp_path / "a.txt", tmp_path / "renamed.txt", "-"], stdin=io.BytesIO(GOOD.encode())
    )
    assert len({a.id for a in got.articles}) == 1
    assert len({a.id for a in pipeline.load([GOOD, GOOD]).articles}) == 1


def test_same_wire_copy_of_two_outlets_stays_two() -> None:
    a = Article.create(GOOD, url="https://one.example/a", source="One")
    b = Article.create(GOOD, url="https://two.example/b", source="Two")
    c = Article.create(GOOD, source="Three")  # a site name, no URL
    assert len({a.id, b.id, c.id}) == 3


def test_re_add_under_new_names_adds_nothing(tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    copy = tmp_path / "copy"
    copy.mkdir()
    for f in ALEPPO.iterdir():
        (copy / f"renamed-{f.name}").write_bytes(f.read_bytes())
    assert _cli("add", str(ALEPPO), "--store", store).returncode == 0
    r = _cli("add", str(copy), "--store", store)
    assert r.returncode == 0, r.stderr
    assert "added 0 article(s)" in r.stdout
    r = _cli("events", "--store", store, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["outlets"] == 4


# --------------------------------------------------------------------------- Python API


@pytest.mark.parametrize("s", ["missing.txt", "data/today", "./news", "crawl.warc.gz"])
def test_path_like_string_that_names_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, s: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="no such file: "):
        pipeline.load([s])


def test_one_line_text_is_still_a_text() -> None:
    loaded = pipeline.load(["Prices rose 5% in 2024/25, the ministry of trade said on Monday."])
    assert len(loaded.articles) == 1


# --------------------------------------------------------------------------- output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_full_disk_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        r = _cli("summarize", str(ALEPPO), stdout=full, capture=False, stderr=subprocess.PIPE)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0
    assert "No space left" in r.stderr and "internal error" not in r.stderr
    r = _cli("summarize", str(ALEPPO), "-o", "/dev/full")
    assert r.returncode == 1 and "internal error" not in r.stderr


def test_closed_pipe_is_quiet() -> None:
    rd, wr = os.pipe()
    os.close(rd)
    try:
        r = _cli("digest", str(ALEPPO), stdout=wr, capture=False, stderr=subprocess.PIPE)
    finally:
        os.close(wr)
    assert r.returncode == 1
    assert r.stderr == ""
