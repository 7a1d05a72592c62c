"""Self-contained static HTML for a brief or a digest of events.

The page has inline CSS and nothing else: no scripts, no fonts, no images, no external
assets (a Content-Security-Policy meta tag forbids loading any). Every piece of article
text (titles, sentences, outlets, URLs, facts) is untrusted and escaped with
:func:`html.escape`; a URL becomes a link only when its scheme is http or https.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from html import escape
from urllib.parse import urlsplit

from newsbrief.model import Article, Brief, Event

__all__ = ["event_title", "render_brief_html", "render_digest_html", "safe_href"]

_CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #6e6e73; --line: #d2d2d7;
  --accent: #0a5ad4; --bg: #fff; --card: #f7f7f9; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ed; --muted: #a1a1a6;
  --line: #3a3a3c; --accent: #6aa6ff; --bg: #161617; --card: #1f1f21; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1rem 3rem; background: var(--bg);
  color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 0 0 .35rem; line-height: 1.35; }
h3 { font-size: .95rem; margin: 1rem 0 .3rem; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.meta, .sub { color: var(--muted); font-size: .9rem; margin: 0 0 .6rem; }
nav ol { padding-left: 1.4rem; } nav li { margin: .15rem 0; }
article { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 1rem 1.2rem; margin: 1.2rem 0; }
.brief { margin: .4rem 0 .6rem; }
sup { font-size: .7rem; } sup a { margin-left: .1rem; }
ol.sources { padding-left: 1.6rem; margin: .2rem 0; font-size: .92rem; }
ol.sources li { margin: .2rem 0; overflow-wrap: anywhere; }
.copy, .url { color: var(--muted); }
ul.facts { margin: .2rem 0; padding-left: 1.2rem; font-size: .92rem; }
footer { color: var(--muted); font-size: .8rem; margin-top: 2rem; }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


def safe_href(url: str) -> str | None:
    """The URL, escaped for an href attribute, when its scheme is http or https; else None."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(c) < 32 or c.isspace() for c in url):
        return None
    return escape(url, quote=True)


def _anchor(prefix: str, key: str) -> str:
    return f"{prefix}-{_ID_CHARS.sub('-', key)[:64]}"


def _page(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="generator" content="newsbrief">',
            f"<title>{escape(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _dates(first: date | None, last: date | None) -> str:
    if not first:
        return "undated"
    if not last or last == first:
        return first.isoformat()
    return f"{first.isoformat()} – {last.isoformat()}"


def _outlet(a: Article) -> str:
    return a.source or a.origin or a.id


def _source_item(a: Article, anchor: str, copy_of: int | None) -> str:
    label = escape(a.title or a.url or _outlet(a))
    href = safe_href(a.url)
    link = f'<a href="{href}" rel="noopener noreferrer nofollow">{label}</a>' if href else label
    parts = [link, escape(_outlet(a))]
    if a.published:
        parts.append(escape(a.published.isoformat()))
    item = " — ".join(parts)
    if not href and a.url:
        item += f' <span class="url">({escape(a.url)})</span>'
    if copy_of:
        item += f' <span class="copy">(copy of [{copy_of}])</span>'
    return f'<li id="{anchor}">{item}</li>'


def _brief_section(brief: Brief, key: str, heading: str, meta: str, level: int = 2) -> list[str]:
    """The HTML of one brief: heading, cited sentences, facts, numbered sources."""
    number = {a.id: i for i, a in enumerate(brief.sources, 1)}

    def cites(cs: Sequence[int]) -> str:
        links = "".join(
            f'<a href="#{_anchor("src", f"{key}-{c}")}">[{int(c)}]</a>' for c in sorted(set(cs))
        )
        return f"<sup>{links}</sup>" if links else ""

    out = [f'<article id="{_anchor("event", key)}">', f"<h{level}>{escape(heading)}</h{level}>"]
    if meta:
        out.append(f'<p class="meta">{escape(meta)}</p>')
    body = " ".join(f"{escape(s.text)}{cites(s.citations)}" for s in brief.sentences)
    if brief.headline and brief.headline != brief.text:
        out.append(f'<p class="brief"><strong>{escape(brief.headline)}</strong></p>')
    if body:
        out.append(f'<p class="brief">{body}</p>')

    def nums(ids: Sequence[str]) -> list[int]:
        return sorted({number[a] for a in ids if a in number})

    if brief.disagreements:
        out.append("<h3>Where the sources disagree</h3>")
        out.append('<ul class="facts">')
        for d in brief.disagreements:
            arrow = " &rarr; " if d.note == "revision" else " vs "
            vals = arrow.join(f"{escape(f.value)}{cites(nums(f.article_ids))}" for f in d.facts)
            label = "revised" if d.note == "revision" else "conflict"
            out.append(f"<li>{escape(d.measure)}: {vals} ({label})</li>")
        out.append("</ul>")
    if brief.facts:
        out.append("<h3>Facts reported</h3>")
        out.append('<ul class="facts">')
        for f in brief.facts:
            out.append(
                f"<li>{escape(f.measure)}: {escape(f.value)}{cites(nums(f.article_ids))}</li>"
            )
        out.append("</ul>")
    out.append("<h3>Sources</h3>")
    out.append('<ol class="sources">')
    for i, a in enumerate(brief.sources, 1):
        orig = brief.duplicates.get(a.id)
        out.append(
            _source_item(a, _anchor("src", f"{key}-{i}"), number.get(orig) if orig else None)
        )
    out.append("</ol>")
    out.append("</article>")
    return out


def _event_meta(event: Event | None, brief: Brief) -> str:
    outlets = len({_outlet(a) for a in brief.sources})
    size = event.size if event else len(brief.sources)
    parts = [
        f"{outlets} outlet{'s' if outlets != 1 else ''}",
        f"{size} article{'s' if size != 1 else ''}",
    ]
    if event is not None:
        parts.append(_dates(event.first, event.last))
    parts.append(f"event {brief.event_id}")
    return " · ".join(parts)


def render_brief_html(brief: Brief, event: Event | None = None) -> str:
    """A self-contained HTML page of one brief (headline as the title, then the brief)."""
    heading = event_title(brief)
    body = _brief_section(brief, brief.event_id, heading, _event_meta(event, brief), level=1)
    body.append(
        "<footer>Made by newsbrief: every sentence is quoted from the sources cited.</footer>"
    )
    return _page(_short(heading), body)


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def event_title(brief: Brief) -> str:
    """The title of an event, the one rule of every output (CLI, HTML reports, web pages).

    The title of the brief's first cited source that has one, else its headline, else
    "event ID"; at most 120 characters. See :func:`pending_title` for an event not yet briefed.
    """
    return _title_of([a.title for a in brief.sources], brief.headline or brief.text, brief.event_id)


def pending_title(titles: Sequence[str], event_id: str) -> str:
    """The title of an event whose brief is not written yet: its first article title."""
    return _title_of(titles, "", event_id)


def _title_of(titles: Sequence[str], headline: str, event_id: str) -> str:
    for t in titles:
        if t.strip():
            return _short(" ".join(t.split()), 120)
    return _short(" ".join(headline.split()) or f"event {event_id}", 120)


def render_digest_html(
    items: Sequence[tuple[Event, Brief]], title: str = "newsbrief digest"
) -> str:
    """A self-contained HTML report of ranked events: a contents list, then each brief."""
    n_articles = sum(e.size for e, _ in items)
    body = [
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{len(items)} event{"s" if len(items) != 1 else ""} from '
        f"{n_articles} article{'s' if n_articles != 1 else ''}, ranked by number of outlets, "
        "then recency</p>",
        "</header>",
    ]
    if items:
        body.append("<nav><ol>")
        for event, brief in items:
            body.append(
                f'<li><a href="#{_anchor("event", event.id)}">{escape(event_title(brief))}</a></li>'
            )
        body.append("</ol></nav>")
    for k, (event, brief) in enumerate(items, 1):
        heading = f"{k}. {event_title(brief)}"
        body += _brief_section(brief, event.id, heading, _event_meta(event, brief))
    body.append(
        "<footer>Made by newsbrief: every sentence is quoted from the sources cited.</footer>"
    )
    return _page(title, body)
