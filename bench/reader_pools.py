"""Recall-oriented candidate pools for the reader, measured on the extraction benchmark.

The reader's text is trafilatura's balanced extraction minus the lines its line model
drops, so body text that the balanced pass never outputs is lost for good (the
"extractor" share of bench/reader_recall.py). This script measures, on the TUNE half of
bench/extraction_split.py's split, how much of that text other candidate pools hold and
whether a classifier fitted on the tune half can take it back:

* ``container``: every text block (a block element's own text, inline children in) of
  the page's main container that the balanced text does not hold; the container is the
  deepest element with 80% of the words of the blocks the balanced text has;
* ``boilerpipe`` (boilerpy3's ArticleExtractor), ``goose3``, ``readability``
  (trafilatura's bundled readability-lxml port), ``justext``: their lines that the
  balanced text does not hold; each only where the package is installed.

For each pool: its new lines a page, how many of them are body (half of their 4-word
shingles in the hand-made body), and the ORACLE recall (balanced text plus exactly the
pool's body lines; the most the pool could give). For the container pool, also a
logistic classifier over DOM and shape features (link density, length, final stop,
inside a quotation, a figure or a furniture-named class, same element and class as a
kept block, heading), fitted on the extra blocks of training folds only: 5-fold CV over
tune pages (3 repeats), the reader's shipped line model for the balanced lines, the kept
blocks placed after the line before them, cleaning, the shared metric, against the same
CV with no blocks added. ``--held-out`` prints the held-out half's totals of the pools
(counts and oracle recall; a look at held-out labels in aggregate: count it).

    .venv/bin/python bench/fit_reader.py --no-write   # makes the feature cache once
    .venv/bin/python bench/reader_pools.py
    .venv/bin/python bench/reader_pools.py --held-out
"""

from __future__ import annotations

import argparse
import gzip
import logging
import math
import pickle
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from extraction_split import DATA, load_tool, split  # noqa: E402
from fit_reader import CACHE, mask, reader_text  # noqa: E402

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_BLOCK = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 blockquote td th dd dt figcaption pre section article main "
    "header footer aside ul ol dl table tr figure form nav address center details summary".split()
)
_SKIP = frozenset(
    "script style noscript template svg iframe button select option textarea head input "
    "object embed canvas video audio".split()
)
_HEAD = frozenset("h1 h2 h3 h4 h5 h6".split())
#: words that name page furniture in class and id attributes (as readability-style
#: extractors read them); matched as whole parts of the attribute ("share-bar", "adSlot")
_FURNITURE = re.compile(
    r"(?:^|[^a-z])(?:share|sharing|social|related|recommend\w*|promo\w*|newsletter|subscribe|"
    r"sponsor\w*|advert\w*|ad|ads|banner|breadcrumbs?|comments?|footer|header|nav|navigation|"
    r"menu|sidebar|widget|tags?|meta|byline|author|credit|caption|timestamp|date|signup|"
    r"popup|modal|cookie|more|read-?more|teaser|outbrain|taboola)(?:$|[^a-z])",
    re.I,
)
_CONTAINER_SHARE = 0.8
_COVERED = 0.5
_MIN_WORDS = 3


@dataclass
class Extra:
    """A block of the main container that the balanced text does not hold."""

    after: int  # index of the balanced line it follows (-1: before the first)
    text: str
    tag: str  # p, head, item, quote, cell or "" (the line model's element names)
    furniture: bool  # its class or id, or an ancestor's inside the container, names furniture
    like_kept: bool  # its (element, class) signature is one of the kept blocks'
    quoted: bool  # inside a <blockquote>
    figure: bool  # inside a <figure> or <figcaption> (a caption)


def _tag(el: Any) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def page_blocks(root: Any) -> list[tuple[Any, str]]:
    """Each block element's own text (inline children in, nested blocks apart), in
    document order, empty blocks left out."""
    out: list[tuple[Any, list[str]]] = []

    def walk(el: Any, cur: list[str]) -> None:
        tag = _tag(el)
        if not tag or tag in _SKIP:
            if el.tail:
                cur.append(el.tail)
            return
        if tag in _BLOCK:
            mine: list[str] = [el.text or ""]
            out.append((el, mine))
            for ch in el:
                walk(ch, mine)
        else:
            if tag == "br":
                cur.append(" ")
            if el.text:
                cur.append(el.text)
            for ch in el:
                walk(ch, cur)
        if el.tail:
            cur.append(el.tail)

    top: list[str] = [root.text or ""]
    out.insert(0, (root, top))
    for ch in root:
        walk(ch, top)
    blocks = []
    for el, parts in out:
        text = _WS.sub(" ", "".join(parts)).strip()
        if text:
            blocks.append((el, text))
    return blocks


def _shingles(tokens: list[str], n: int = 4) -> list[tuple[str, ...]]:
    if len(tokens) <= n:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def _line_index(lines: list[str]) -> dict[tuple[str, ...], int]:
    """Every 1- to 4-word run of each line -> the (first) line holding it."""
    out: dict[tuple[str, ...], int] = {}
    for i, line in enumerate(lines):
        tokens = _TOKEN.findall(line.casefold())
        for n in (1, 2, 3, 4):
            for j in range(len(tokens) - n + 1):
                out.setdefault(tuple(tokens[j : j + n]), i)
    return out


def _signature(el: Any) -> tuple[str, str]:
    return _tag(el), " ".join(sorted((el.get("class") or "").split()))


def _names_furniture(el: Any, stop: Any) -> bool:
    e = el
    while e is not None:
        attrs = f"{e.get('class') or ''} {e.get('id') or ''}"
        if attrs.strip() and _FURNITURE.search(attrs):
            return True
        if e is stop:
            return False
        e = e.getparent()
    return False


def _element_name(el: Any) -> str:
    tag = _tag(el)
    if tag == "p":
        return "p"
    if tag in _HEAD:
        return "head"
    if tag in ("li", "dd", "dt"):
        return "item"
    if tag == "blockquote":
        return "quote"
    if tag in ("td", "th"):
        return "cell"
    return ""


def match_line(text: str, where: dict[tuple[str, ...], int]) -> int | None:
    """The balanced line (index in ``where``, made by :func:`_line_index`) holding most of
    ``text``'s 4-word shingles when they hold at least half of them, else None."""
    sh = _shingles(_TOKEN.findall(text.casefold()))
    hits = sorted(where[s] for s in sh if s in where)
    if sh and len(hits) >= _COVERED * len(sh):
        return hits[len(hits) // 2]
    return None


def main_container(blocks: list[tuple[Any, str]], matched: list[int | None]) -> tuple[Any, int]:
    """The deepest element holding ``_CONTAINER_SHARE`` of the words of the blocks the
    balanced text holds (blocks of ``_MIN_WORDS`` words or more), and its depth; (None,
    -1) when no such block is matched."""
    counts: dict[Any, int] = {}
    total = 0
    for (el, text), m in zip(blocks, matched, strict=True):
        n = len(text.split())
        if m is not None and n >= _MIN_WORDS:
            total += n
            e = el
            while e is not None:
                counts[e] = counts.get(e, 0) + n
                e = e.getparent()
    box, depth = None, -1
    if total:
        for e, c in counts.items():
            if c >= _CONTAINER_SHARE * total:
                d = sum(1 for _ in e.iterancestors())
                if d > depth:
                    box, depth = e, d
    return box, depth


def in_figure(el: Any) -> bool:
    """``el`` is, or is inside, a <figure> or <figcaption> (a caption)."""
    return _tag(el) in ("figure", "figcaption") or any(
        _tag(a) in ("figure", "figcaption") for a in el.iterancestors()
    )


def quoted(el: Any) -> bool:
    """``el`` is, or is inside, a <blockquote>."""
    return _tag(el) == "blockquote" or any(_tag(a) == "blockquote" for a in el.iterancestors())


def extra_blocks(root: Any, lines: list[str], title: str = "") -> list[Extra]:
    """The main container's blocks that ``lines`` (the balanced text's non-empty lines)
    do not hold, each placed after the line its preceding block matched."""
    if root is None or not lines:
        return []
    where = _line_index(lines)
    blocks = page_blocks(root)
    matched = [match_line(text, where) for _, text in blocks]
    box, _depth = main_container(blocks, matched)
    if box is None:
        return []
    inside = set(box.iter())
    kept_signatures = {
        _signature(el) for (el, _), m in zip(blocks, matched, strict=True) if m is not None
    }
    title_key = _WS.sub(" ", title).strip().casefold()
    out: list[Extra] = []
    after = -1
    for (el, text), m in zip(blocks, matched, strict=True):
        if el not in inside:
            continue
        if m is not None:
            after = max(after, m)
            continue
        if title_key and text.casefold() == title_key:
            continue
        out.append(
            Extra(
                after=after,
                text=text,
                tag=_element_name(el),
                furniture=_names_furniture(el, box),
                like_kept=_signature(el) in kept_signatures,
                quoted=quoted(el),
                figure=in_figure(el),
            )
        )
    return out


# ---------------------------------------------------------------- the other extractors


def _peer_texts(html: str) -> dict[str, str]:
    """Each installed peer extractor's text of the page ("" where it fails)."""
    out: dict[str, str] = {}
    try:
        from boilerpy3 import extractors

        try:
            out["boilerpipe"] = extractors.ArticleExtractor().get_content(html) or ""
        except Exception:
            out["boilerpipe"] = ""
    except ImportError:
        pass
    try:
        from goose3 import Goose

        try:
            out["goose3"] = Goose().extract(raw_html=html).cleaned_text or ""
        except Exception:
            out["goose3"] = ""
    except ImportError:
        pass
    try:
        import lxml.html
        from trafilatura.readability_lxml import Document

        try:
            summary = Document(lxml.html.fromstring(html)).summary()  # takes a parsed tree
            if isinstance(summary, str):
                summary = lxml.html.fromstring(summary)
            out["readability"] = "\n".join(
                t.text_content() for t in summary.iter("p", "li", "h2", "h3", "blockquote")
            )
        except Exception:
            out["readability"] = ""
    except ImportError:
        pass
    try:
        import justext

        try:
            paras = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
            out["justext"] = "\n".join(p.text for p in paras if not p.is_boilerplate)
        except Exception:
            out["justext"] = ""
    except ImportError:
        pass
    return out


# ---------------------------------------------------------------- the extra-block classifier

XFEATURES = (
    "link_density",
    "log_words",
    "short",
    "stop_end",
    "quoted",
    "figure",
    "furniture",
    "like_kept",
    "heading",
    "position",
)
_STOP_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")


def _xrows(extras: list[Extra], n_lines: int, anchors: list[str]) -> list[list[float]]:
    from newsbrief.read.lines import _link_densities

    links = _link_densities([x.text for x in extras], anchors)
    rows = []
    for x, link in zip(extras, links, strict=True):
        words = len(x.text.split())
        rows.append(
            [
                link,
                math.log1p(words),
                1.0 if words < 8 else 0.0,
                1.0 if _STOP_END.search(x.text) else 0.0,
                float(x.quoted),
                float(x.figure),
                float(x.furniture),
                float(x.like_kept),
                1.0 if x.tag == "head" else 0.0,
                (x.after + 1) / n_lines if n_lines else 0.0,
            ]
        )
    return rows


def _is_body(text: str, body: set) -> bool:
    from newsbrief.read import lines as L

    return L._coverage(L._TOKEN.findall(text.casefold()), body) >= 0.5


def _new_lines(text: str, balanced: set) -> list[str]:
    from newsbrief.read import lines as L

    return [
        ln
        for ln in text.split("\n")
        if ln.strip() and L._coverage(L._TOKEN.findall(ln.casefold()), balanced) < 0.5
    ]


def collect(keys: list[str], data: dict[str, Any], peers: bool) -> dict[str, dict[str, Any]]:
    """Per page: the shipped model's keep mask, the container's extra blocks (features,
    labels, weights), and each pool's new lines."""
    from newsbrief.read import lines as L
    from newsbrief.read.html import _anchors, _fragment, _quiet_libraries, decode_html, parse

    _quiet_libraries()
    logging.disable(logging.CRITICAL)
    model = L.load_model()
    out: dict[str, dict[str, Any]] = {}
    t_pool: dict[str, float] = {}
    for key in keys:
        pg = data[key]
        html = _fragment(
            decode_html(gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes()))
        )
        t = time.perf_counter()
        tree = parse(html)
        extras = extra_blocks(tree, pg["lines"], pg["title"]) if tree is not None else []
        anchors = _anchors(tree)
        t_pool["container"] = t_pool.get("container", 0.0) + time.perf_counter() - t
        body = L._text_shingles(pg["truth"])
        bal = L._text_shingles("\n".join(pg["lines"]))
        pools = {"container": [x.text for x in extras]}
        if peers:
            t = time.perf_counter()
            for name, text in _peer_texts(html).items():
                pools[name] = _new_lines(text, bal)
            t_pool["peers"] = t_pool.get("peers", 0.0) + time.perf_counter() - t
        labels = [1 if _is_body(x.text, body) else 0 for x in extras]
        total = sum(max(1, len(L._TOKEN.findall(ln.casefold())) - 3) for ln in pg["lines"]) or 1
        out[key] = {
            "keep": mask(L.keep_probabilities(pg["rows"], model), model["threshold"]),
            "extras": extras,
            "xrows": _xrows(extras, len(pg["lines"]), anchors),
            "xlabels": labels,
            "xweights": [
                max(1, len(L._TOKEN.findall(x.text.casefold())) - 3) / total for x in extras
            ],
            "pools": {
                n: (lines, [ln for ln in lines if _is_body(ln, body)]) for n, lines in pools.items()
            },
        }
    n = len(keys) or 1
    print(
        "ms a page: container blocks (parse + blocks + link texts) "
        f"{1000 * t_pool.get('container', 0.0) / n:.0f}"
        + (f", all peers {1000 * t_pool['peers'] / n:.0f}" if "peers" in t_pool else ""),
        file=sys.stderr,
    )
    return out


def merged_text(pg: dict[str, Any], extra: dict[str, Any], take: list[bool]) -> str:
    """The reader's output with the taken extra blocks placed after their line."""
    lines: list[str] = []
    keep: list[bool] = []
    after: dict[int, list[str]] = {}
    for x, t in zip(extra["extras"], take, strict=True):
        if t:
            after.setdefault(min(x.after, len(pg["lines"]) - 1), []).append(x.text)
    for text in after.get(-1, []):
        lines.append(text)
        keep.append(True)
    for i, (line, k) in enumerate(zip(pg["lines"], extra["keep"], strict=True)):
        lines.append(line)
        keep.append(k)
        for text in after.get(i, []):
            lines.append(text)
            keep.append(True)
    return reader_text({**pg, "lines": lines}, keep)


def _fit(items: list[dict[str, Any]], c: float) -> Any:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    X = np.array([r for it in items for r in it["xrows"]], dtype=float)
    y = np.array([lab for it in items for lab in it["xlabels"]])
    w = np.array([x for it in items for x in it["xweights"]])
    if len(X) == 0 or len(set(y.tolist())) < 2:
        return None
    scaler = StandardScaler().fit(X)
    scaler.scale_[scaler.scale_ == 0] = 1.0
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    return scaler, clf.fit(scaler.transform(X), y, sample_weight=w)


def _probs(model: Any, item: dict[str, Any]) -> list[float]:
    if model is None or not item["xrows"]:
        return [0.0] * len(item["xrows"])
    import numpy as np

    scaler, clf = model
    return list(clf.predict_proba(scaler.transform(np.array(item["xrows"], dtype=float)))[:, 1])


def cv(tool: Any, pages: list[dict[str, Any]], items: list[dict[str, Any]], repeats: int) -> None:
    orders = [list(range(len(pages)))]
    for r in range(1, repeats):
        order = list(range(len(pages)))
        random.Random(r).shuffle(order)
        orders.append(order)
    folds = 5

    def figures(takes: list[list[bool]]) -> tuple:
        rows = [
            tool.tp_fp_fn(p["truth"], merged_text(p, it, tk))
            for p, it, tk in zip(pages, items, takes, strict=True)
        ]
        return tool.prf(rows)

    P, R, F = figures([[False] * len(it["extras"]) for it in items])
    print(f"tune, shipped reader, no extra blocks: F1 {F:.4f} (P {P:.4f} R {R:.4f})")
    best = None
    for c in (0.1, 1.0, 10.0):
        oofs = []
        for order in orders:
            oof: list[list[float]] = [[] for _ in items]
            for i in range(folds):
                test = set(order[i::folds])
                model = _fit([it for k, it in enumerate(items) if k not in test], c)
                for k in test:
                    oof[k] = _probs(model, items[k])
            oofs.append(oof)
        for t in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
            figs = [figures([[x >= t for x in pr] for pr in oof]) for oof in oofs]
            P, R, F = (statistics.fmean(f[i] for f in figs) for i in range(3))
            taken = statistics.fmean(sum(x >= t for pr in oof for x in pr) for oof in oofs)
            print(f"  C={c} t={t}: CV F1 {F:.4f} (P {P:.4f} R {R:.4f}), {taken:.0f} blocks taken")
            if best is None or F > best[0]:
                best = (F, P, R, c, t)
    assert best is not None
    print(
        f"tune, 5-fold CV ({repeats} repeats), best: F1 {best[0]:.4f} (P {best[1]:.4f} "
        f"R {best[2]:.4f}) at C={best[3]} t={best[4]}"
    )


def report(tool: Any, half: str, keys: list[str], data: dict, items: dict) -> None:
    def rec(truth: str, text: str) -> float:
        tp, _fp, fn = tool.tp_fp_fn(truth, text)
        return tp / (tp + fn) if tp + fn else 1.0

    base = statistics.fmean(rec(data[k]["truth"], "\n".join(data[k]["lines"])) for k in keys)
    print(f"{half}: balanced text recall {base:.4f}")
    for name in items[keys[0]]["pools"]:
        new = statistics.fmean(len(items[k]["pools"][name][0]) for k in keys)
        good = statistics.fmean(len(items[k]["pools"][name][1]) for k in keys)
        oracle = statistics.fmean(
            rec(data[k]["truth"], "\n".join(data[k]["lines"] + items[k]["pools"][name][1]))
            for k in keys
        )
        print(
            f"{half}: {name:11s} {new:6.1f} new lines a page, {good:4.2f} of them body; "
            f"oracle recall {oracle:.4f} (+{100 * (oracle - base):.2f} points)"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--held-out", action="store_true", help="also print held-out pool totals")
    ap.add_argument("--no-peers", action="store_true", help="the container pool only")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    if not CACHE.exists():
        raise SystemExit("error: run bench/fit_reader.py --no-write first (feature cache)")
    tool = load_tool()
    data = pickle.loads(CACHE.read_bytes())
    halves = split(list(data))
    tune = halves["tune"]
    items = collect(tune, data, not args.no_peers)
    report(tool, "tune", tune, data, items)
    cv(tool, [data[k] for k in tune], [items[k] for k in tune], args.repeats)
    if args.held_out:
        held = halves["held-out"]
        report(tool, "HELD-OUT", held, data, collect(held, data, not args.no_peers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
