"""Recall candidates for the reader: body lines the balanced text lacks, as other
extractors and the page's main container hold them, with features for a learned
recall step (measured by bench/reader_kfold.py; not part of the shipped reader).

trafilatura's balanced pass misses some of an article's body. Other extractors read the
page differently, so their lines that the balanced text does not hold are *candidates*:

* ``recall``: trafilatura's recall-favouring pass;
* ``justext``: jusText's non-boilerplate paragraphs (jusText ships with trafilatura);
* ``readability``: trafilatura's readability-lxml port;
* ``container``: the text blocks of the page's main container (bench/reader_pools.py:
  the deepest element with 80% of the words of the blocks the balanced text holds).

Each candidate is described (:data:`RFEATURES`) by which sources hold it (agreement),
its link density, its shape (length, final stop, stopword share, punctuation, capitals,
digits), its place beside the balanced text (before, inside or after it; how much of
the neighbouring lines trafilatura's precision mode kept; how many candidates sit at
the same place), the page element it sits in (tag, depth below the container, inside
the container, a furniture-named class, a figure or a quotation, the same element and
class as the balanced text's blocks) and how much more text the sources agree on than
the balanced text holds on its page.
"""

from __future__ import annotations

import copy
import math
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsbrief.read.lines import _STOP_END, _TAGS, _TOKEN, _WS  # noqa: E402  the line model's own
from reader_pools import (  # noqa: E402
    _COVERED,
    _element_name,
    _line_index,
    _names_furniture,
    _shingles,
    _signature,
    in_figure,
    main_container,
    match_line,
    page_blocks,
    quoted,
)

__all__ = [
    "RFEATURES",
    "SOURCES",
    "Candidate",
    "candidate_rows",
    "candidates",
    "merge",
    "source_lines",
    "gate",
]

_PUNCT = re.compile(r"[,;:.!?]")

SOURCES = ("recall", "justext", "readability", "container")

#: feature names, in the order :func:`candidate_rows` writes them
RFEATURES = (
    *(f"src_{s}" for s in SOURCES),
    "n_sources",
    "link_density",
    "log_words",
    "short",
    "stop_end",
    "stopword_share",
    "punct_per_word",
    "upper_share",
    "digit_share",
    "starts_upper",
    "before",
    "inside",
    "after",
    "position",
    "neighbour_precision",
    *(f"el_{t}" for t in _TAGS),
    "in_container",
    "depth",
    "furniture",
    "figure",
    "quoted",
    "like_kept",
    "run",
    "page_agreed",
    "page_all",
)


@dataclass
class Candidate:
    """A line some source holds and the balanced text does not."""

    text: str
    after: int  # the balanced line it follows (-1: before the first)
    element: str = ""  # p, head, item, quote, cell or ""
    in_container: bool = False
    depth: int = -1  # levels below the container (-1: outside it or not found)
    furniture: bool = False
    figure: bool = False
    quoted: bool = False
    like_kept: bool = False
    sources: set[str] = field(default_factory=set)


def _key(line: str) -> str:
    return _WS.sub(" ", line).strip().casefold()


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _runs(text: str) -> set[tuple[str, ...]]:
    """Every 1- to 4-word run of the text (case-folded): a short line is held when its
    whole token run occurs."""
    tokens = _tokens(text)
    out: set[tuple[str, ...]] = set()
    for n in (1, 2, 3, 4):
        out.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def _held(text: str, runs: set[tuple[str, ...]]) -> bool:
    sh = _shingles(_tokens(text))
    return bool(sh) and sum(1 for s in sh if s in runs) >= _COVERED * len(sh)


# --------------------------------------------------------------------------- the sources


def _readability_lines(tree: Any) -> list[str]:
    from trafilatura.readability_lxml import Document

    summary = Document(copy.deepcopy(tree)).summary()  # it mutates the tree it reads
    if isinstance(summary, str):
        import lxml.html

        summary = lxml.html.fromstring(summary)
    return [
        t.text_content() for t in summary.iter("p", "li", "h2", "h3", "h4", "blockquote", "pre")
    ]


def _justext_lines(html: str) -> list[str]:
    import justext

    paras = justext.justext(html, _stoplist())
    return [p.text for p in paras if not p.is_boilerplate]


@lru_cache(maxsize=1)
def _stoplist() -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist("English"))


def source_lines(tree: Any, html: str, url: str) -> dict[str, list[str]]:
    """The non-empty lines of each text source but the container ("" lines left out;
    a source that fails gives none)."""
    import trafilatura

    out: dict[str, list[str]] = {}
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url or None, include_comments=False, favor_recall=True, fast=True
        )
        out["recall"] = ((doc.text if doc is not None else "") or "").split("\n")
    except Exception:
        out["recall"] = []
    try:
        out["justext"] = _justext_lines(html)
    except Exception:
        out["justext"] = []
    try:
        out["readability"] = _readability_lines(tree)
    except Exception:
        out["readability"] = []
    return {k: [s for s in (_WS.sub(" ", x).strip() for x in v) if s] for k, v in out.items()}


def candidates(
    tree: Any, lines: list[str], sources: dict[str, list[str]], title: str = ""
) -> list[Candidate]:
    """The lines of ``sources`` and the main container's blocks that ``lines`` (the
    balanced text's non-empty lines) do not hold, each once, placed after the balanced
    line that the line (or block) before it in its own source matched."""
    if tree is None or not lines:
        return []
    where = _line_index(lines)
    blocks = page_blocks(tree)
    matched = [match_line(text, where) for _, text in blocks]
    box, box_depth = main_container(blocks, matched)
    inside = set(box.iter()) if box is not None else set()
    kept_signatures = {
        _signature(el) for (el, _), m in zip(blocks, matched, strict=True) if m is not None
    }
    block_of: dict[str, Any] = {}
    for el, text in blocks:
        block_of.setdefault(_key(text), el)
    block_where = _line_index([text for _, text in blocks])
    title_key = _key(title)
    balanced_runs = _runs("\n".join(lines))

    found: dict[str, Candidate] = {}
    order: list[str] = []

    def add(text: str, after: int, source: str, el: Any = None) -> None:
        k = _key(text)
        if not k or k == title_key:
            return
        if k in found:
            found[k].sources.add(source)
            return
        if el is None:
            el = block_of.get(k)
            if el is None:
                j = match_line(text, block_where)
                el = blocks[j][0] if j is not None else None
        c = Candidate(text=text, after=after, sources={source})
        if el is not None:
            c.element = _element_name(el)
            c.in_container = el in inside
            if c.in_container:
                c.depth = sum(1 for _ in el.iterancestors()) - box_depth
            c.furniture = _names_furniture(el, box)
            c.figure = in_figure(el)
            c.quoted = quoted(el)
            c.like_kept = _signature(el) in kept_signatures
        found[k] = c
        order.append(k)

    if box is not None:
        after = -1
        for (el, text), m in zip(blocks, matched, strict=True):
            if el not in inside:
                continue
            if m is not None:
                after = max(after, m)
            elif not _held(text, balanced_runs):
                add(text, after, "container", el)
    for name in SOURCES:
        if name == "container":
            continue
        after = -1
        for text in sources.get(name, []):
            m = match_line(text, where)
            if m is not None:
                after = max(after, m)
            elif not _held(text, balanced_runs):
                add(text, after, name)
    out = [found[k] for k in order]
    texts = {s: _runs("\n".join(sources.get(s, []))) for s in SOURCES if s != "container"}
    for c in out:  # agreement: a source that holds the line in other words counts too
        for s, runs in texts.items():
            if s not in c.sources and _held(c.text, runs):
                c.sources.add(s)
        if c.in_container:
            c.sources.add("container")
    return out


# --------------------------------------------------------------------------- the model


def candidate_rows(
    cands: list[Candidate], lines: list[str], anchors: list[str], precision: list[float]
) -> list[list[float]]:
    """One feature row (see :data:`RFEATURES`) per candidate of a page whose balanced
    text has ``lines``; ``precision`` is each balanced line's share kept by trafilatura's
    precision mode (the line model's first feature).

    Beside the candidate's own features, three say how much the balanced text seems to
    have missed around it: ``run``, how many candidates sit after the same balanced line
    (a missing passage rather than a stray block), and, for the page, the words of the
    candidates that two or more sources hold (``page_agreed``) and of all candidates
    (``page_all``) against the balanced text's words (log ratios): when other
    extractors agree on much more text than the balanced pass kept, it likely missed
    part of the article (the case trafilatura's own fallback extractors are for).
    """
    from newsbrief.read.lines import _link_densities

    stop = _stoplist()
    n_lines = len(lines)
    links = _link_densities([c.text for c in cands], anchors)
    words = max(1, sum(len(ln.split()) for ln in lines))
    agreed = math.log1p(sum(len(c.text.split()) for c in cands if len(c.sources) >= 2) / words)
    every = math.log1p(sum(len(c.text.split()) for c in cands) / words)
    runs: dict[int, int] = {}
    for c in cands:
        runs[c.after] = runs.get(c.after, 0) + 1
    rows = []
    for c, link in zip(cands, links, strict=True):
        s = c.text
        words = s.split()
        tokens = _tokens(s)
        letters = [ch for ch in s if ch.isalpha()]
        near = [precision[i] for i in (c.after, c.after + 1) if 0 <= i < len(precision)]
        rows.append(
            [
                *(1.0 if src in c.sources else 0.0 for src in SOURCES),
                float(len(c.sources)),
                link,
                math.log1p(len(words)),
                1.0 if len(words) < 8 else 0.0,
                1.0 if _STOP_END.search(s) else 0.0,
                sum(1 for t in tokens if t in stop) / len(tokens) if tokens else 0.0,
                len(_PUNCT.findall(s)) / len(words) if words else 0.0,
                sum(1 for ch in letters if ch.isupper()) / len(letters) if letters else 0.0,
                sum(1 for ch in s if ch.isdigit()) / len(s) if s else 0.0,
                1.0 if s[:1].isupper() else 0.0,
                1.0 if c.after < 0 else 0.0,
                1.0 if 0 <= c.after < n_lines - 1 else 0.0,
                1.0 if c.after >= n_lines - 1 else 0.0,
                (c.after + 1) / n_lines if n_lines else 0.0,
                sum(near) / len(near) if near else 0.0,
                *(1.0 if c.element == t else 0.0 for t in _TAGS),
                float(c.in_container),
                math.log1p(c.depth) if c.depth >= 0 else -1.0,
                float(c.furniture),
                float(c.figure),
                float(c.quoted),
                float(c.like_kept),
                math.log1p(runs[c.after] - 1),
                agreed,
                every,
            ]
        )
    return rows


def gate(rows: list[list[float]], level: float, min_sources: int = 2) -> list[bool]:
    """The page gate: on a page where the words that two or more sources agree on beyond
    the balanced text reach ``level`` (``page_agreed``, a log ratio to the balanced
    text's words), every candidate held by ``min_sources`` sources; elsewhere none. It
    is trafilatura's own fallback idea (when the main pass found much less than the
    other extractors agree on, it missed part of the article), one level fitted."""
    n, agreed = RFEATURES.index("n_sources"), RFEATURES.index("page_agreed")
    return [r[agreed] >= level and r[n] >= min_sources for r in rows]


def merge(lines: list[str], keep: list[bool], cands: list[Candidate], taken: list[bool]):
    """The balanced lines and the taken candidates, each after its line, with their keep
    marks (a taken candidate is kept)."""
    after: dict[int, list[str]] = {}
    for c, t in zip(cands, taken, strict=True):
        if t:
            after.setdefault(min(c.after, len(lines) - 1), []).append(c.text)
    out_lines: list[str] = list(after.get(-1, []))
    out_keep: list[bool] = [True] * len(out_lines)
    for i, (line, k) in enumerate(zip(lines, keep, strict=True)):
        out_lines.append(line)
        out_keep.append(k)
        for text in after.get(i, []):
            out_lines.append(text)
            out_keep.append(True)
    return out_lines, out_keep
