"""Where the reader loses recall on the extraction benchmark, page by page and by stage.

For each page of a half (bench/extraction_split.py's split), the share of the hand-made
body's 4-gram shingles that is lost at each stage of the reader: not in trafilatura's
balanced text at all (the extractor), dropped by the line model (read/lines.py), dropped
by the title drop and cleaning (clean.py). Per-page rows go to stderr (tune half only:
held-out pages are not to be read), worst first; the totals (macro means over pages, as
the shared metric's recall) to stdout.

    .venv/bin/python bench/fit_reader.py --no-write   # makes the feature cache once
    .venv/bin/python bench/reader_recall.py                  # tune: totals + per-page rows
    .venv/bin/python bench/reader_recall.py --half held-out  # totals only
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from extraction_split import load_tool, split  # noqa: E402
from fit_reader import CACHE, mask, reader_text  # noqa: E402
from newsbrief.read.lines import keep_probabilities, load_model  # noqa: E402


def recall(tool: object, truth: str, text: str) -> float:
    tp, _fp, fn = tool.tp_fp_fn(truth, text)  # type: ignore[attr-defined]
    return tp / (tp + fn) if tp + fn else 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", choices=("tune", "held-out"), default="tune")
    ap.add_argument("--rows", type=int, default=25, help="per-page rows to print (tune)")
    args = ap.parse_args(argv)
    if not CACHE.exists():
        raise SystemExit("error: run bench/fit_reader.py --no-write first (feature cache)")
    tool = load_tool()
    data = pickle.loads(CACHE.read_bytes())
    model = load_model()
    rows = []
    for key in split(list(data))[args.half]:
        pg = data[key]
        keep = mask(keep_probabilities(pg["rows"], model), model["threshold"])
        kept = "\n".join(ln for ln, k in zip(pg["lines"], keep, strict=True) if k)
        r_bal = recall(tool, pg["truth"], "\n".join(pg["lines"]))
        r_model = recall(tool, pg["truth"], kept)
        r_clean = recall(tool, pg["truth"], reader_text(pg, keep))
        rows.append((key, 1 - r_bal, r_bal - r_model, r_model - r_clean, 1 - r_clean))
    n = len(rows) or 1
    for i, name in enumerate(("extractor", "line model", "title + clean", "total"), start=1):
        lost = statistics.fmean(r[i] for r in rows) if rows else 0.0
        hit = sum(1 for r in rows if r[i] > 0.005)
        print(f"{args.half}: recall lost to {name:13s} {lost:.4f} ({hit} of {n} pages > 0.5%)")
    if args.half == "tune":
        print("| page | extractor | line model | title + clean | total |", file=sys.stderr)
        for key, a, b, c, t in sorted(rows, key=lambda r: -r[4])[: args.rows]:
            print(f"| {key} | {a:.3f} | {b:.3f} | {c:.3f} | {t:.3f} |", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
