"""Fit the reader's line model (src/newsbrief/read/line_model.json) on the TUNE half.

Each line of trafilatura's balanced text on a tune-half page of the extraction benchmark
(../shared/data/extraction-benchmark; the split of bench/extraction_split.py: sorted
keys, even positions) is labelled "body" when at least half of its word shingles occur
in the page's hand-made body. A logistic regression over the features of
newsbrief.read.lines (what trafilatura's precision mode kept, link density, shape,
place, element) is fitted with each line weighted by its
share of the page's shingles (the metric weighs every page alike). The regularization
and the keep threshold are chosen by 5-fold cross-validation over tune pages, scoring
the whole reader (kept lines, then clean) with the shared tool's metric. The held-out
half is never read here; ``--held-out`` prints its totals only (use sparingly).

    .venv/bin/python bench/fit_reader.py              # fit, print CV figures, write model
    .venv/bin/python bench/fit_reader.py --no-write   # figures only
    .venv/bin/python bench/fit_reader.py --no-write --drop tag_p,tag_head  # a group's worth
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from extraction_split import DATA, load_tool, split  # noqa: E402

MODEL = ROOT / "src" / "newsbrief" / "read" / "line_model.json"
CACHE = ROOT / "bench" / "out" / "reader_lines.pkl"
THRESHOLDS = [round(0.05 * i, 2) for i in range(3, 16)]
CS = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
BODY_SHARE = 0.5


def page_rows(tool: Any) -> dict[str, dict[str, Any]]:
    """Per page: balanced lines, their features, labels and weights, title and url."""
    from newsbrief.read import lines as L
    from newsbrief.read.html import (
        _fragment,
        _quiet_libraries,
        balanced_extraction,
        decode_html,
        page_views,
        parse,
    )

    _quiet_libraries()
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for key in sorted(truth):
        gt = truth[key]
        raw = gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes())
        page = _fragment(decode_html(raw))
        url = gt.get("url", "")
        tree = parse(page)
        doc = balanced_extraction(tree, url) if tree is not None else None
        text = (doc.text if doc is not None else "") or ""
        lines = [ln for ln in text.split("\n") if ln.strip()]
        views = page_views(tree, url, doc.body if doc is not None else None)
        rows = L.line_features(lines, views)
        body = L._text_shingles(gt.get("articleBody", ""))
        labels, weights = [], []
        for ln in lines:
            tokens = L._TOKEN.findall(ln.casefold())
            labels.append(1 if L._coverage(tokens, body) >= BODY_SHARE else 0)
            weights.append(max(1, len(tokens) - 3))
        total = sum(weights) or 1
        out[key] = {
            "lines": lines,
            "rows": rows,
            "labels": labels,
            "weights": [w / total for w in weights],
            "title": (doc.title if doc is not None else "") or "",
            "url": url,
            "truth": gt.get("articleBody", ""),
        }
    return out


def mask(probabilities: list[float], t: float) -> list[bool]:
    """Which lines the reader keeps at threshold ``t``: as read/lines.kept_lines, at least
    the most probable line."""
    keep = [x >= t for x in probabilities]
    if probabilities and not any(keep):
        keep[max(range(len(keep)), key=probabilities.__getitem__)] = True
    return keep


def reader_text(page: dict[str, Any], keep: list[bool]) -> str:
    """The reader's output for a page given which balanced lines are kept."""
    from newsbrief.clean import clean_text
    from newsbrief.read.html import _same

    lines = [ln for ln, k in zip(page["lines"], keep, strict=True) if k]
    if not lines and page["lines"]:
        lines = page["lines"][:1]
    title = " ".join(page["title"].split())
    if lines and title and len(lines) > 1 and _same(lines[0], title):
        lines = lines[1:]
    return clean_text("\n".join(lines), title, site=page["url"])


DROP: list[int] = []  # feature columns left out (--drop), to measure what a group is worth


def _X(rows: list[list[float]]) -> Any:
    import numpy as np

    X = np.array(rows, dtype=float)
    return np.delete(X, DROP, axis=1) if DROP and len(X) else X


def fit(pages: list[dict[str, Any]], c: float) -> Any:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    X = _X([r for p in pages for r in p["rows"]])
    y = np.array([lab for p in pages for lab in p["labels"]])
    w = np.array([x for p in pages for x in p["weights"]])
    scaler = StandardScaler().fit(X)
    scaler.scale_[scaler.scale_ == 0] = 1.0
    clf = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(X), y, sample_weight=w)
    return scaler, clf


def probs(model: Any, page: dict[str, Any]) -> list[float]:
    scaler, clf = model
    if not page["rows"]:
        return []
    X = scaler.transform(_X(page["rows"]))
    return list(clf.predict_proba(X)[:, 1])


def score(tool: Any, pages: list[dict[str, Any]], keeps: list[list[bool]]) -> tuple:
    rows = [tool.tp_fp_fn(p["truth"], reader_text(p, k)) for p, k in zip(pages, keeps, strict=True)]
    return tool.prf(rows)


def stages(tool: Any, half: str, pages: list[dict[str, Any]], fitted: Any, t: float) -> None:
    """Totals of each stage on a half: balanced lines or the model's, with or without clean."""
    import newsbrief.clean as C

    everything = [[True] * len(p["lines"]) for p in pages]
    keeps = [mask(probs(fitted, p), t) for p in pages]
    for name, k in (("balanced", everything), ("line model", keeps)):
        P, R, F = score(tool, pages, k)
        old = C._clean
        C._clean = lambda text, title="", site=None: (text, None)  # type: ignore[assignment]
        try:
            p0, r0, f0 = score(tool, pages, k)
        finally:
            C._clean = old  # type: ignore[assignment]
        print(
            f"{half}: {name}: F1 {f0:.4f} (P {p0:.4f} R {r0:.4f}); "
            f"+ clean F1 {F:.4f} (P {P:.4f} R {R:.4f})"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-write", action="store_true", help="do not write the model file")
    ap.add_argument("--refresh", action="store_true", help="recompute the cached features")
    ap.add_argument("--held-out", action="store_true", help="also print held-out totals")
    ap.add_argument("--drop", default="", help="features to leave out (comma-separated)")
    ap.add_argument(
        "--repeats", type=int, default=1, help="CV repeats (the first fixed, then shuffled folds)"
    )
    args = ap.parse_args(argv)
    from newsbrief.read.lines import FEATURES

    DROP[:] = [FEATURES.index(n) for n in args.drop.split(",") if n]
    if DROP:
        args.no_write = True
    tool = load_tool()
    t0 = time.perf_counter()
    if CACHE.exists() and not args.refresh:
        data = pickle.loads(CACHE.read_bytes())
    else:
        data = page_rows(tool)
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps(data))
    print(f"features of {len(data)} pages in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    halves = split(list(data))
    tune = [data[k] for k in halves["tune"]]
    import random

    orders = [list(range(len(tune)))]  # repeat 0: the fixed fold assignment (every 5th page)
    for r in range(1, args.repeats):
        order = list(range(len(tune)))
        random.Random(r).shuffle(order)
        orders.append(order)
    everything = [[True] * len(p["lines"]) for p in tune]
    p0, r0, f0 = score(tool, tune, everything)
    print(f"tune, balanced + clean, no line model: F1 {f0:.4f} (P {p0:.4f} R {r0:.4f})")
    best: tuple[float, float, float, float, float] | None = None
    for c in CS:
        oofs: list[list[list[float]]] = []
        for order in orders:
            oof: list[list[float]] = [[] for _ in tune]
            for i in range(FOLDS):
                test = set(order[i::FOLDS])
                model = fit([p for k, p in enumerate(tune) if k not in test], c)
                for k in test:
                    oof[k] = probs(model, tune[k])
            oofs.append(oof)
        for t in THRESHOLDS:
            figs = [score(tool, tune, [mask(pr, t) for pr in oof]) for oof in oofs]
            P, R, F = (sum(f[i] for f in figs) / len(figs) for i in range(3))
            if best is None or F > best[0]:
                best = (F, P, R, c, t)
        print(f"C={c}: best so far CV F1 {best[0]:.4f} at C={best[3]} t={best[4]}", file=sys.stderr)
    assert best is not None
    F, P, R, c, t = best
    print(
        f"tune, {FOLDS}-fold CV over pages ({args.repeats} repeats): "
        f"F1 {F:.4f} (P {P:.4f} R {R:.4f}), C={c}, t={t}"
    )
    scaler, clf = fit(tune, c)
    model = {
        "about": "line keep model of newsbrief.read.lines; made by bench/fit_reader.py "
        "on the tune half of the extraction benchmark",
        "features": list(FEATURES),
        "mean": [round(float(x), 6) for x in scaler.mean_],
        "scale": [round(float(x), 6) for x in scaler.scale_],
        "coef": [round(float(x), 6) for x in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 6),
        "threshold": t,
        "C": c,
    }
    for name, w in sorted(
        zip(model["features"], model["coef"], strict=True), key=lambda x: -abs(x[1])
    ):
        print(f"  {name:16s} {w:+.3f}", file=sys.stderr)
    fitted = (scaler, clf)
    keeps = [mask(probs(fitted, p), t) for p in tune]
    P, R, F = score(tool, tune, keeps)
    print(f"tune, fitted on all of it (in-sample): F1 {F:.4f} (P {P:.4f} R {R:.4f})")
    stages(tool, "tune", tune, fitted, t)
    if args.held_out:
        stages(tool, "HELD-OUT", [data[k] for k in halves["held-out"]], fitted, t)
    if not args.no_write:
        MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
