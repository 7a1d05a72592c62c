"""Keep or drop each line of trafilatura's balanced text, by a small fitted model.

trafilatura's balanced extraction keeps nearly all of an article's body but also some
page furniture (related links, teasers, promos, labels). Precision mode errs in other
places, so where the two modes agree is evidence: each line of the balanced text is
described by

* how much of it (4-word shingles) trafilatura's precision mode also kept (the precision
  mode prunes link-dense and teaser blocks; its own text is not used, since it also cuts
  words out of sentences it keeps);
* its link density (the share of its characters inside the page's link texts);
* its shape: length, final stop, capitals, digits, separators ("|", "»");
* its place: relative position, distance from the text's edges; and the element
  trafilatura read it from (paragraph, heading, list item, quote, table cell).

A logistic model over these features (fitted by ``bench/fit_reader.py`` on the tune half
of the extraction benchmark; coefficients in ``line_model.json``) gives each line the
probability that it belongs to the article body; lines under the model's threshold are
dropped. Every kept line is the balanced text's own, word for word.

readability-lxml's and jusText's verdicts were tried as further features: on 5-fold
cross-validation over the tune pages they added nothing (F1 0.9814 with or without them)
and cost about 40 ms a page, so they are not used (docs/benchmarks.md, extraction).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "FEATURES",
    "Views",
    "keep_probabilities",
    "kept_lines",
    "line_features",
    "load_model",
]

_TOKEN = re.compile(r"\w+", re.UNICODE)
_WS = re.compile(r"\s+")
_STOP_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_SEPARATORS = re.compile(r"[|»›•·]|\s[-–—]\s*$")
_TAGS = ("p", "head", "item", "quote", "cell")

#: feature names, in the order :func:`line_features` writes them
FEATURES = (
    "cov_precision",
    "link_density",
    "log_words",
    "short",
    "stop_end",
    "starts_upper",
    "upper_share",
    "title_words",
    "digit_share",
    "separators",
    "position",
    "edge",
    "first",
    "last",
    *(f"tag_{t}" for t in _TAGS),
    "prec_x_short",
    "link_x_short",
)


@dataclass
class Views:
    """What the other extractors made of the page, for the features of each line."""

    precision: str = ""
    anchors: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)


def _key(line: str) -> str:
    return _WS.sub(" ", line).strip().casefold()


def _shingles(tokens: list[str], n: int = 4) -> set[tuple[str, ...]]:
    if len(tokens) <= n:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _text_shingles(text: str) -> set[tuple[str, ...]]:
    """Every 1- to 4-word run of the text (a short line counts as covered when its
    whole token run occurs), case-folded."""
    tokens = _TOKEN.findall(text.casefold())
    out: set[tuple[str, ...]] = set()
    for n in (1, 2, 3, 4):
        out.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def _coverage(tokens: list[str], other: set[tuple[str, ...]]) -> float:
    sh = _shingles(tokens)
    if not sh:
        return 0.0
    return sum(1 for s in sh if s in other) / len(sh)


def _link_densities(lines: list[str], anchors: list[str]) -> list[float]:
    """Per line, the share of its characters inside the page's link texts found in it.

    A link text counts once per line where it occurs with its words whole (a line is a
    candidate only when it holds the link text's rarest word), so that a page with
    thousands of links is read in one pass over them.
    """
    keys = [_key(line) for line in lines]
    covered = [0] * len(keys)
    if not anchors or not keys:
        return [0.0] * len(keys)
    where: dict[str, set[int]] = {}
    for i, k in enumerate(keys):
        for tok in _TOKEN.findall(k):
            where.setdefault(tok, set()).add(i)
    for a in anchors:
        tokens = _TOKEN.findall(a)
        if not tokens:
            continue
        best: set[int] | None = None
        for tok in tokens:
            hit = where.get(tok)
            if hit is None:
                best = None
                break
            if best is None or len(hit) < len(best):
                best = hit
        for i in best or ():
            if a in keys[i]:
                covered[i] += len(a)
    return [min(1.0, c / len(k)) if k else 0.0 for c, k in zip(covered, keys, strict=True)]


def line_features(lines: list[str], views: Views) -> list[list[float]]:
    """One feature row (see :data:`FEATURES`) per line of the balanced text."""
    prec = _text_shingles(views.precision)
    n = len(lines)
    links = _link_densities([line.strip() for line in lines], views.anchors)
    rows: list[list[float]] = []
    for i, line in enumerate(lines):
        s = line.strip()
        tokens = _TOKEN.findall(s.casefold())
        words = s.split()
        letters = [c for c in s if c.isalpha()]
        upper = sum(1 for c in letters if c.isupper()) / len(letters) if letters else 0.0
        titled = sum(1 for w in words if w[:1].isupper()) / len(words) if words else 0.0
        digits = sum(1 for c in s if c.isdigit()) / len(s) if s else 0.0
        short = 1.0 if len(words) < 8 else 0.0
        cov_p = _coverage(tokens, prec)
        link = links[i]
        pos = i / (n - 1) if n > 1 else 0.0
        tag = views.tags.get(_key(s), "")
        rows.append(
            [
                cov_p,
                link,
                math.log1p(len(words)),
                short,
                1.0 if _STOP_END.search(s) else 0.0,
                1.0 if s[:1].isupper() else 0.0,
                upper,
                titled,
                digits,
                1.0 if _SEPARATORS.search(s) else 0.0,
                pos,
                min(i, n - 1 - i) / n if n else 0.0,
                1.0 if i == 0 else 0.0,
                1.0 if i == n - 1 else 0.0,
                *(1.0 if tag == t else 0.0 for t in _TAGS),
                cov_p * short,
                link * short,
            ]
        )
    return rows


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """The shipped line model (``line_model.json``, made by ``bench/fit_reader.py``)."""
    raw = resources.files("newsbrief.read").joinpath("line_model.json").read_text("utf-8")
    model = json.loads(raw)
    if tuple(model["features"]) != FEATURES:
        raise ValueError("line_model.json was fitted on other features; rerun bench/fit_reader.py")
    return model


def keep_probabilities(rows: list[list[float]], model: dict[str, Any] | None = None) -> list[float]:
    """The model's probability that each line belongs to the article body."""
    m = model or load_model()
    mean, scale, coef, b = m["mean"], m["scale"], m["coef"], m["intercept"]
    out = []
    for row in rows:
        z = b + sum(w * (x - mu) / sd for w, x, mu, sd in zip(coef, row, mean, scale, strict=True))
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def kept_lines(text: str, views: Views, model: dict[str, Any] | None = None) -> str:
    """``text`` without the lines the model drops (at least one line is always kept)."""
    m = model or load_model()
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return text
    probs = keep_probabilities(line_features(lines, views), m)
    kept = [ln for ln, p in zip(lines, probs, strict=True) if p >= m["threshold"]]
    if not kept:
        kept = [lines[max(range(len(lines)), key=probs.__getitem__)]]
    return "\n".join(kept)
