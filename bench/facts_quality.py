"""Quality and speed of newsbrief.compare (facts and disagreements) on the dev events.

Quality: precision and recall of fact extraction and of disagreement detection against
the hand labels in tests/data/facts_labels.json, per label split (tuning: labelled
first and used to tune the rules; heldout: labelled after a first round of tuning;
final: labelled last and scored once) and for all labels together.

Speed: fact extraction over all dev articles, best of --repeat runs, with two peers
measured in the same run on the same articles: sentence splitting (the cheapest
stage) and the summarize stage, so the ratios survive a noisy machine.

    .venv/bin/python bench/facts_quality.py                  # print the figures
    .venv/bin/python bench/facts_quality.py --write docs/facts.md   # and update the doc
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from newsbrief.compare import extract_facts
from newsbrief.evaluate_facts import score_against_labels
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.summarize import summarize_articles
from newsbrief.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- facts-quality:begin -->", "<!-- facts-quality:end -->"


def load_events(data: Path) -> list[dict[str, Any]]:
    """The dev.jsonl records."""
    with (data / "dev.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def cleaner() -> Any:
    """newsbrief.clean.clean_article with default settings, or None when not available."""
    try:
        from newsbrief.clean import clean_article
    except ImportError:
        return None
    settings = Settings()
    return lambda a: clean_article(a, settings)


def best_of(repeat: int, fn: Any) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def quality_table(
    events: list[dict[str, Any]], labels: dict[str, Any], clean: Any
) -> tuple[str, dict[str, Any]]:
    """Markdown table of the scores per split, and the detailed result for all labels."""
    splits = sorted(
        {e.get("split", "") for e in labels["events"]}, key=["tuning", "heldout", "final"].index
    )
    rows = []
    results = {}
    for split in [*splits, None]:
        r = score_against_labels(events, labels, clean=clean, split=split)
        results[split or "all"] = r
        rows.append(
            f"| {split or '**all**'} | {r['events']} | {r['facts_labelled']} | "
            f"{r['facts_precision']:.3f} | {r['facts_recall']:.3f} | {r['relation_accuracy']:.3f} | "
            f"{r['disagreements_labelled']} | {r['disagreements_detected']} | "
            f"{r['disagreements_precision']:.3f} | {r['disagreements_recall']:.3f} |"
        )
    head = (
        "| labels | events | facts labelled | facts P | facts R | relation acc. | "
        "disagreements labelled | detected | disagreements P | disagreements R |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
    )
    return head + "\n".join(rows) + "\n", results


def speed_table(events: list[dict[str, Any]], repeat: int) -> str:
    """Markdown table: extraction time over all dev articles against two peers."""
    groups = [
        [Article.create(a["text"], title=a.get("title", ""), url=a["url"]) for a in e["articles"]]
        for e in events
    ]
    flat = [a for g in groups for a in g]
    settings = Settings()
    extract = best_of(repeat, lambda: [extract_facts(a) for a in flat])
    split = best_of(repeat, lambda: [split_sentences(a.text) for a in flat])
    summarize = best_of(repeat, lambda: [summarize_articles(g, settings) for g in groups])
    return (
        f"| step ({len(flat)} articles, {len(groups)} events, best of {repeat}) | seconds | "
        "ratio to extraction |\n|---|---|---|\n"
        f"| fact extraction (`extract_facts`) | {extract:.3f} | 1.0 |\n"
        f"| peer: sentence splitting (`split_sentences`) | {split:.3f} | {split / extract:.2f} |\n"
        f"| peer: summarize stage (`summarize_articles`) | {summarize:.3f} | {summarize / extract:.2f} |\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--labels", type=Path, default=ROOT / "tests" / "data" / "facts_labels.json")
    ap.add_argument(
        "--clean", action="store_true", help="clean the articles first (newsbrief.clean)"
    )
    ap.add_argument("--repeat", type=int, default=5, help="timing runs, the best one counts")
    ap.add_argument(
        "--write", type=Path, help=f"replace the block between {BEGIN} and {END} in this file"
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list false alarms and misses")
    args = ap.parse_args(argv)
    if not (args.data / "dev.jsonl").exists():
        print(f"facts_quality: error: no dev.jsonl in {args.data}", file=sys.stderr)
        return 2
    events = load_events(args.data)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    clean = cleaner() if args.clean else None
    if args.clean and clean is None:
        print("facts_quality: error: newsbrief.clean is not available", file=sys.stderr)
        return 2
    quality, results = quality_table(events, labels, clean)
    speed = speed_table(events, max(1, args.repeat))
    cmd = "`.venv/bin/python bench/facts_quality.py" + (" --clean" if args.clean else "") + "`"
    block = f"{BEGIN}\nMeasured with {cmd}{' (articles cleaned first)' if clean else ' (raw article text)'}.\n\n"
    block += quality + "\n" + speed
    everything = results["all"]
    block += "\nFalse alarms (all labels): " + (
        "; ".join(everything["false_alarms"]) if everything["false_alarms"] else "none"
    )
    block += ".\n\nLabelled disagreements not found: " + (
        "; ".join(everything["missed"]) if everything["missed"] else "none"
    )
    block += f".\n{END}"
    print(block)
    if args.verbose:
        for name in ("extra_facts", "missed_facts"):
            print(f"\n{name}:")
            for item in everything[name]:
                print("  ", item)
    if args.write:
        doc = args.write.read_text(encoding="utf-8")
        if BEGIN not in doc or END not in doc:
            print(
                f"facts_quality: error: {args.write} has no {BEGIN} ... {END} block",
                file=sys.stderr,
            )
            return 2
        head, rest = doc.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        args.write.write_text(head + block + tail, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
