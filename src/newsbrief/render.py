"""Output formats for briefs: text (default), markdown and JSON.

Renderers are pure functions from model objects to a string. Article text is
untrusted: the markdown renderer escapes what markdown would interpret.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from newsbrief.compare import facts_for_display
from newsbrief.model import Article, Brief, Event
from newsbrief.render_html import safe_href

FORMATS = ("text", "markdown", "json")


def _marks(citations: tuple[int, ...]) -> str:
    return "[" + ",".join(str(c) for c in sorted(set(citations))) + "]"


def _source_line(a: Article) -> str:
    parts = [a.source or a.origin or a.id]
    if a.title:
        parts.append(a.title)
    if a.published:
        parts.append(a.published.isoformat())
    return " — ".join(parts)


def _md_sources(brief: Brief, number: dict[str, int], anchor: str) -> list[str]:
    """The numbered Markdown list of a brief's sources, each with an anchor and its link."""
    out = []
    for i, a in enumerate(brief.sources, 1):
        label = md_escape(_source_line(a))
        line = f'{i}. <a id="{anchor}-{i}"></a>'
        if a.url and safe_href(a.url):
            line += f"[{label}]({_md_url(a.url.strip())})"
        else:  # a javascript:, data: or other non-web URL is never written as a link
            line += label + (" (link left out: not http or https)" if a.url.strip() else "")
        orig = brief.duplicates.get(a.id)
        if orig in number:
            line += f" (copy of {number[orig]})"
        out.append(line)
    return out


def _fact_lines(brief: Brief, number: dict[str, int]) -> tuple[list[str], list[str]]:
    """One line per fact (numbers first, then names and dates) and per disagreement."""
    shown = facts_for_display(brief)
    facts = [
        f"{f['measure']}: {f['value']} {_marks(tuple(f['citations']))}" for f in shown["facts"]
    ]
    for label, items in (*shown["names"].items(), ("dates", shown["dates"])):
        if items:
            more = f"; and {len(items) - 8} more" if len(items) > 8 else ""
            facts.append(
                f"{label}: " + "; ".join(f"{v} {_marks(tuple(c))}" for v, c in items[:8]) + more
            )
    dis = []
    for d in shown["disagreements"]:
        arrow = " -> " if d["note"] == "revision" else " vs "
        steps = arrow.join(
            f"{v['value']} {_marks(tuple(v['citations']))}"
            + (f" ({v['where']})" if v["where"] else "")
            for v in d["values"]
        )
        dis.append(
            f"{d['measure']}: {steps}, {'revised' if d['note'] == 'revision' else 'conflict'}"
        )
    return facts, dis


def _evidence_lines(brief: Brief) -> list[list[tuple[int, str]]]:
    """Per disagreement, the cited sentences behind its values: (source number, snippet)."""
    out = []
    for d in facts_for_display(brief)["disagreements"]:
        seen: list[tuple[int, str]] = []
        for v in d["values"]:
            for n, sentence in v["evidence"]:
                item = (n, _snippet(sentence, v["value"]))
                if item not in seen:
                    seen.append(item)
        out.append(seen)
    return out


def _snippet(sentence: str, value: str, width: int = 280) -> str:
    """The sentence, or a window of it around the value when it is long."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= width:
        return sentence
    at = max(sentence.find(value), 0)
    start = max(0, min(at - width // 2, len(sentence) - width))
    end = start + width
    if start:
        start = sentence.find(" ", start) + 1 or start
    if end < len(sentence):
        end = sentence.rfind(" ", start, end) if " " in sentence[start:end] else end
    cut = sentence[start:end].strip()
    return ("…" if start else "") + cut + ("…" if end < len(sentence) else "")


def render_text(brief: Brief, width: int = 88) -> str:
    """The brief with numbered citation marks, then the numbered source list."""
    number = {a.id: i for i, a in enumerate(brief.sources, 1)}
    wrap = textwrap.TextWrapper(width=width, break_long_words=False, break_on_hyphens=False)
    out: list[str] = []
    body = " ".join(f"{s.text} {_marks(s.citations)}" for s in brief.sentences)
    if brief.headline and brief.headline != brief.text:
        out += ["Headline:", *wrap.wrap(brief.headline), "", f"Brief ({_length(brief)}):"]
    out += wrap.wrap(body)
    facts, dis = _fact_lines(brief, number)
    if dis:
        out += ["", "Where the sources disagree:"]
        item = textwrap.TextWrapper(
            width=width, initial_indent="  - ", subsequent_indent="    ", break_long_words=False
        )
        quote = textwrap.TextWrapper(width=width, subsequent_indent=" " * 10)
        for line, evidence in zip(dis, _evidence_lines(brief), strict=True):
            out += item.wrap(line)
            for n, text in evidence:
                out += quote.wrap(f"      [{n}] “{text}”")
    if facts:
        out += ["", "Facts reported:"]
        item = textwrap.TextWrapper(
            width=width, initial_indent="  - ", subsequent_indent="    ", break_long_words=False
        )
        for line in facts:
            out += item.wrap(line)
    out += ["", "Sources:"]
    for i, a in enumerate(brief.sources, 1):
        line = f"  [{i}] {_source_line(a)}"
        orig = brief.duplicates.get(a.id)
        if orig in number:
            line += f" (copy of [{number[orig]}])"
        out.append(line)
        if a.url:
            out.append(f"      {a.url}")
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def md_escape(text: str) -> str:
    """Escape the characters markdown (and inline HTML) would interpret."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def _length(brief: Brief) -> str:
    """The brief's length in words, and the budget when no whole sentence fitted in it."""
    n = len(brief.text.split())
    if n > brief.words:
        return f"{n} words: over the {brief.words}-word budget, no whole sentence fits in it"
    return f"{n} words"


def _md_url(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C")


def render_markdown(brief: Brief) -> str:
    """Markdown: the headline as a heading, cited sentences, facts and the source list."""
    number = {a.id: i for i, a in enumerate(brief.sources, 1)}

    def cites(cs: tuple[int, ...]) -> str:
        return "".join(f"[\\[{c}\\]](#source-{c})" for c in sorted(set(cs)))

    body = " ".join(f"{md_escape(s.text)} {cites(s.citations)}" for s in brief.sentences)
    if brief.headline != brief.text:
        out = ["## Headline", "", md_escape(brief.headline), "", f"## Brief ({_length(brief)})"]
    else:
        out = ["## Brief"]
    out += ["", body, ""]
    facts, dis = _fact_lines(brief, number)
    if dis:
        out += ["### Where the sources disagree", ""]
        for line, evidence in zip(dis, _evidence_lines(brief), strict=True):
            out.append(f"- {md_escape(line)}")
            out += [f"  - [{n}](#source-{n}): “{md_escape(text)}”" for n, text in evidence]
        out.append("")
    if facts:
        out += ["### Facts reported", ""] + [f"- {md_escape(x)}" for x in facts] + [""]
    out += ["### Sources", ""] + _md_sources(brief, number, "source")
    return "\n".join(out) + "\n"


def brief_json(brief: Brief) -> dict[str, Any]:
    """The brief as a JSON-ready dict (see docs/brief.schema.json)."""
    return brief.to_dict()


def render_json(brief: Brief, problems: list[str] | None = None) -> str:
    """JSON text of the brief, with the list of skipped inputs when there were any."""
    d = brief_json(brief)
    if problems:
        d["problems"] = list(problems)
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


def render(brief: Brief, fmt: str = "text", problems: list[str] | None = None) -> str:
    """Render a brief in one of :data:`FORMATS`."""
    if fmt == "text":
        return render_text(brief)
    if fmt == "markdown":
        return render_markdown(brief)
    if fmt == "json":
        return render_json(brief, problems)
    if fmt == "html":
        from newsbrief.render_html import render_brief_html

        return render_brief_html(brief)
    raise ValueError(f"unknown format {fmt!r}")


# --------------------------------------------------------------------------- digests
# Many events at once (newsbrief digest / events / show): each event with its brief.

#: formats of a digest and of one stored event
DIGEST_FORMATS = ("text", "markdown", "json", "html")


def _outlet_of(a: Article) -> str:
    return a.source or a.origin or a.id


def _event_line(event: Event, brief: Brief) -> str:
    n = len({_outlet_of(a) for a in brief.sources})
    if event.first and event.last and event.last != event.first:
        when = f"{event.first.isoformat()} – {event.last.isoformat()}"
    else:
        when = event.first.isoformat() if event.first else "undated"
    return (
        f"{n} outlet{'s' if n != 1 else ''} · {event.size} article{'s' if event.size != 1 else ''}"
        f" · {when} · event {event.id}"
    )


def event_json(event: Event, brief: Brief) -> dict[str, Any]:
    """One event as JSON: id, dates, size, outlets, its brief and its articles."""
    by_id = {a.id: a for a in brief.sources}
    arts = [by_id[a] for a in event.article_ids if a in by_id]
    return {
        "id": event.id,
        "first": event.first.isoformat() if event.first else None,
        "last": event.last.isoformat() if event.last else None,
        "size": event.size,
        "outlets": len({_outlet_of(a) for a in arts}),
        "headline": brief.headline,
        "brief": brief.to_dict(),
        "articles": [
            {
                "id": a.id,
                "url": a.url,
                "title": a.title,
                "outlet": _outlet_of(a),
                "date": a.published.isoformat() if a.published else None,
                "duplicate_of": brief.duplicates.get(a.id),
            }
            for a in arts
        ],
    }


def _indent(text: str, pad: str = "   ") -> list[str]:
    return [pad + line if line else "" for line in text.rstrip("\n").split("\n")]


def _digest_markdown_event(k: int, event: Event, brief: Brief, level: int = 2) -> list[str]:
    from newsbrief.render_html import event_title

    number = {a.id: i for i, a in enumerate(brief.sources, 1)}
    anchor = f"e{k}-source"
    hashes = "#" * level

    def cites(cs: tuple[int, ...]) -> str:
        return "".join(f"[\\[{c}\\]](#{anchor}-{c})" for c in sorted(set(cs)))

    out = [
        f"{hashes} {k}. {md_escape(event_title(brief))}",
        "",
        f"*{md_escape(_event_line(event, brief))}*",
        "",
    ]
    if brief.headline and brief.headline != brief.text:
        out += [f"**{md_escape(brief.headline)}**", ""]
    out += [" ".join(f"{md_escape(s.text)} {cites(s.citations)}" for s in brief.sentences), ""]
    facts, dis = _fact_lines(brief, number)
    if dis:
        out += ["Where the sources disagree:", ""] + [f"- {md_escape(x)}" for x in dis] + [""]
    if facts:
        out += ["Facts reported:", ""] + [f"- {md_escape(x)}" for x in facts] + [""]
    out += ["Sources:", ""] + _md_sources(brief, number, anchor)
    return out + [""]


def render_digest(
    items: list[tuple[Event, Brief]], fmt: str = "text", problems: list[str] | None = None
) -> str:
    """Render ranked (event, brief) pairs in one of :data:`DIGEST_FORMATS`.

    JSON is a list of events (see :func:`event_json`); skipped inputs are not part of
    it (the command line reports them on stderr).
    """
    from newsbrief.render_html import event_title, render_digest_html

    if fmt == "json":
        return json.dumps([event_json(e, b) for e, b in items], ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render_digest_html(items)
    n_articles = sum(e.size for e, _ in items)
    summary = f"{len(items)} event{'s' if len(items) != 1 else ''} from {n_articles} article{'s' if n_articles != 1 else ''}"
    if fmt == "markdown":
        out = [
            "# newsbrief digest",
            "",
            f"{summary}, ranked by number of outlets, then recency.",
            "",
        ]
        for k, (event, brief) in enumerate(items, 1):
            out += _digest_markdown_event(k, event, brief)
        return "\n".join(out).rstrip("\n") + "\n"
    if fmt == "text":
        out = [f"newsbrief digest: {summary}", ""]
        for k, (event, brief) in enumerate(items, 1):
            out += [f"{k}. {event_title(brief)}", f"   {_event_line(event, brief)}", ""]
            out += _indent(render_text(brief, width=85)) + [""]
        return "\n".join(out).rstrip("\n") + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def render_event(event: Event, brief: Brief, fmt: str = "text") -> str:
    """Render one event and its brief (``newsbrief show``) in one of :data:`DIGEST_FORMATS`."""
    from newsbrief.render_html import event_title, render_brief_html

    if fmt == "json":
        return json.dumps(event_json(event, brief), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render_brief_html(brief, event)
    if fmt == "markdown":
        head = [
            f"# {md_escape(event_title(brief))}",
            "",
            f"*{md_escape(_event_line(event, brief))}*",
            "",
        ]
        return "\n".join(head) + "\n" + render_markdown(brief)
    if fmt == "text":
        return f"{event_title(brief)}\n{_event_line(event, brief)}\n\n" + render_text(brief)
    raise ValueError(f"unknown format {fmt!r}")
