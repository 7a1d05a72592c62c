"""Output formats for briefs: text (default), markdown and JSON.

Renderers are pure functions from model objects to a string. Article text is
untrusted: the markdown renderer escapes what markdown would interpret.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from newsbrief.model import Article, Brief

FORMATS = ("text", "markdown", "json")


def _marks(citations: tuple[int, ...]) -> str:
    return "[" + ",".join(str(c) for c in citations) + "]"


def _source_line(a: Article) -> str:
    parts = [a.source or a.origin or a.id]
    if a.title:
        parts.append(a.title)
    if a.published:
        parts.append(a.published.isoformat())
    return " — ".join(parts)


def _fact_lines(brief: Brief, number: dict[str, int]) -> tuple[list[str], list[str]]:
    facts = [
        f"{f.measure}: {f.value} {_marks(tuple(sorted(number[a] for a in f.article_ids if a in number)))}"
        for f in brief.facts
    ]
    dis = []
    for d in brief.disagreements:
        vals = "; ".join(
            f"{f.value} {_marks(tuple(sorted(number[a] for a in f.article_ids if a in number)))}"
            for f in d.facts
        )
        dis.append(f"{d.measure}: {vals}")
    return facts, dis


def render_text(brief: Brief, width: int = 88) -> str:
    """The brief with numbered citation marks, then the numbered source list."""
    number = {a.id: i for i, a in enumerate(brief.sources, 1)}
    wrap = textwrap.TextWrapper(width=width, break_long_words=False, break_on_hyphens=False)
    out: list[str] = []
    body = " ".join(f"{s.text} {_marks(s.citations)}" for s in brief.sentences)
    if brief.headline and brief.headline != brief.text:
        out += ["Headline:", *wrap.wrap(brief.headline), "", f"Brief ({brief.words} words):"]
    out += wrap.wrap(body)
    facts, dis = _fact_lines(brief, number)
    if dis:
        out += ["", "Where the sources disagree:"]
        out += [f"  - {line}" for line in dis]
    if facts:
        out += ["", "Facts reported:"]
        out += [f"  - {line}" for line in facts]
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


def _md_url(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C")


def render_markdown(brief: Brief) -> str:
    """Markdown: the headline as a heading, cited sentences, facts and the source list."""
    number = {a.id: i for i, a in enumerate(brief.sources, 1)}

    def cites(cs: tuple[int, ...]) -> str:
        return "".join(f"[\\[{c}\\]](#source-{c})" for c in cs)

    body = " ".join(f"{md_escape(s.text)} {cites(s.citations)}" for s in brief.sentences)
    if brief.headline != brief.text:
        out = ["## Headline", "", md_escape(brief.headline), "", f"## Brief ({brief.words} words)"]
    else:
        out = ["## Brief"]
    out += ["", body, ""]
    facts, dis = _fact_lines(brief, number)
    if dis:
        out += ["### Where the sources disagree", ""] + [f"- {md_escape(x)}" for x in dis] + [""]
    if facts:
        out += ["### Facts reported", ""] + [f"- {md_escape(x)}" for x in facts] + [""]
    out += ["### Sources", ""]
    for i, a in enumerate(brief.sources, 1):
        label = md_escape(_source_line(a))
        line = f'{i}. <a id="source-{i}"></a>'
        line += f"[{label}]({_md_url(a.url)})" if a.url else label
        orig = brief.duplicates.get(a.id)
        if orig in number:
            line += f" (copy of {number[orig]})"
        out.append(line)
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
    raise ValueError(f"unknown format {fmt!r}")
