"""`newsbrief digest`: events ranked, one brief each, in every format; HTML escaping."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.digest import digest_articles, outlets, rank_key
from newsbrief.model import Article, Event
from newsbrief.render import render_digest, render_event
from newsbrief.render_html import render_brief_html, render_digest_html, safe_href
from newsbrief.settings import Settings
from test_group import DAY, story_articles

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl"


def ranked_stories() -> tuple[list[Article], list[str]]:
    """The stories with different numbers of outlets and dates, to test the ranking."""
    arts, labels = story_articles()
    out = []
    for a, lab in zip(arts, labels, strict=True):
        if lab == "merger" and a.source == "biz-journal.example":
            continue  # the merger has 2 outlets
        if lab == "election":
            # the election: 3 articles but 2 outlets, and the latest
            a = Article.create(
                a.text,
                a.title,
                a.url,
                "poravia-news.example" if a.source == "global-post.example" else a.source,
                date(2024, 3, 12),
            )
        out.append(a)
    return out, labels


def test_events_ranked_by_outlets_then_recency() -> None:
    arts, _ = ranked_stories()
    items = digest_articles(arts, Settings())
    assert len(items) == 3
    by_id = {a.id: a for a in arts}
    counts = [outlets(by_id[x] for x in e.article_ids) for e, _ in items]
    assert counts == [3, 2, 2]
    # flood first (3 outlets); then the election (later) before the merger
    assert "Kelmar" in items[0][1].headline
    assert "Voss" in items[1][1].headline and "Norvex" in items[2][1].headline
    for event, brief in items:
        assert brief.event_id == event.id
        assert {a.id for a in brief.sources} == set(event.article_ids)


def test_rank_key_puts_undated_events_last() -> None:
    dated = Event("a", ("x",), date(2020, 1, 1), date(2020, 1, 1), 1)
    undated = Event("b", ("y",), None, None, 1)
    assert sorted([undated, dated], key=lambda e: rank_key(e, 1)) == [dated, undated]


def test_digest_json_lists_events_with_articles() -> None:
    arts, _ = story_articles()
    items = digest_articles(arts)
    data = json.loads(render_digest(items, "json"))
    assert isinstance(data, list) and len(data) == 3
    for entry in data:
        assert set(entry) >= {"id", "brief", "articles", "first", "last", "size", "outlets"}
        assert entry["brief"]["event_id"] == entry["id"]
        assert len(entry["articles"]) == entry["size"] == 3
        for art in entry["articles"]:
            assert set(art) >= {"url", "title", "outlet", "date"}
            assert art["url"].startswith("https://") and art["date"] == DAY.isoformat()


def test_digest_text_and_markdown_show_every_event() -> None:
    arts, _ = story_articles()
    items = digest_articles(arts)
    text = render_digest(items, "text")
    md = render_digest(items, "markdown")
    assert text.startswith("newsbrief digest: 3 events from 9 articles")
    for event, brief in items:
        assert event.id in text and event.id in md
        assert brief.sentences[0].text[:40] in text
    # anchors are per event, so citations of one event never point into another
    anchors = re.findall(r'<a id="([^"]+)"></a>', md)
    assert len(anchors) == len(set(anchors)) == 9


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]


def hostile_articles() -> list[Article]:
    """The flood story, with markup and a javascript: URL in what the articles say."""
    arts, labels = story_articles()
    flood = [a for a, lab in zip(arts, labels, strict=True) if lab == "flood"]
    evil = Article.create(
        flood[0].text + ' Witnesses said <script>alert("x")</script> the water rose quickly.',
        title='<img src=x onerror="alert(1)"> Kelmar floods',
        url="javascript:alert(document.cookie)",
        source='"><b>outlet</b>',
        published=DAY,
    )
    return [evil, *flood[1:]]


def test_html_escapes_everything_from_articles() -> None:
    items = digest_articles(hostile_articles(), Settings(words=200))
    assert len(items) == 1
    for page in (render_digest_html(items), render_brief_html(items[0][1], items[0][0])):
        assert "<script" not in page.lower()
        # the sentence carrying markup is kept out of the brief (summarize.readable);
        # the markup in the title and source name is shown escaped
        assert "&lt;img" in page and "&lt;b&gt;" in page
        parser = _Collect()
        parser.feed(page)
        assert "script" not in parser.tags and "img" not in parser.tags
        assert "b" not in parser.tags
        for tag, name, value in parser.attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert value is not None
                assert value.startswith(("#", "https://", "http://")), value
        hrefs = [v for _, n, v in parser.attrs if n == "href"]
        assert not any(v and v.lower().startswith("javascript") for v in hrefs)
        # self-contained: no external stylesheet, script, image or font
        assert not any(t in parser.tags for t in ("link", "script", "img", "iframe", "object"))
        assert "Content-Security-Policy" in page


def test_safe_href() -> None:
    assert safe_href("https://a.example/x?a=1&b=2") == "https://a.example/x?a=1&amp;b=2"
    assert safe_href('http://a.example/"onmouseover=') == "http://a.example/&quot;onmouseover="
    for bad in ("javascript:alert(1)", "data:text/html,hi", "ftp://a.example/", "//a.example", ""):
        assert safe_href(bad) is None


def test_render_event_formats() -> None:
    arts, _ = story_articles()
    event, brief = digest_articles(arts)[0]
    assert json.loads(render_event(event, brief, "json"))["id"] == event.id
    assert render_event(event, brief, "html").startswith("<!DOCTYPE html>")
    assert event.id in render_event(event, brief, "markdown")
    assert event.id in render_event(event, brief, "text")
    with pytest.raises(ValueError):
        render_event(event, brief, "pdf")


def write_inputs(folder: Path) -> list[Article]:
    arts, _ = story_articles()
    lines = [
        json.dumps({"title": a.title, "text": a.text, "url": a.url, "date": DAY.isoformat()})
        for a in arts
    ]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n")
    return arts


def test_digest_command_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_inputs(tmp_path)
    src = str(tmp_path / "news.jsonl")
    assert main(["digest", src, "--format", "json", "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 3 and sum(e["size"] for e in data) == 9
    assert main(["digest", src, "--words", "80", "--window-days", "0"]) == 0
    assert "3 events from 9 articles" in capsys.readouterr().out
    report = tmp_path / "report.html"
    assert main(["digest", src, "--format", "html", "-o", str(report)]) == 0
    page = report.read_text()
    assert page.startswith("<!DOCTYPE html>") and all(s in page for s in ("Kelmar", "Voss"))
    assert main(["digest", src, "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# newsbrief digest")


def test_digest_command_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_inputs(tmp_path)
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    # a bad file is reported and skipped, the rest is digested
    assert main(["digest", str(tmp_path / "news.jsonl"), str(bad), "-f", "json"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 3
    assert "bad.bin" in captured.err
    assert main(["digest", str(tmp_path / "missing.txt")]) == 2
    assert main(["digest", str(tmp_path / "news.jsonl"), "--window-days", "-1"]) == 2
    assert main(["digest", str(tmp_path / "news.jsonl"), "--format", "pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith("newsbrief: ") for line in err)
    assert "Traceback" not in "".join(err)


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/dev.jsonl not available")
def test_digest_of_dev_finds_its_events(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", str(DEV), "--format", "json", "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert 28 <= len(data) <= 32  # 30 events in the file
    assert data[0]["outlets"] >= data[-1]["outlets"]
    assert sum(e["size"] for e in data) >= 140
    assert {e["id"] for e in data} == {e["brief"]["event_id"] for e in data}
