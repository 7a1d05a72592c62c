"""Mine compare's table of counted nouns that name one quantity (src/newsbrief/compare/
noun_pairs.json) from the training events themselves, not from a hand list.

Evidence that two nouns count one thing: in one event, two articles state the SAME value
of the same kind and category (a count of people killed, a count of things...) under two
nouns, in sentences that say the same thing once numbers are masked (the content words
around, the two nouns left out, overlap by at least ``--jaccard``): "71 passengers were on
board" / "71 people were on board". Each such pair of (lemmatized) nouns gets one point of
**support** per event where it is seen. Evidence against: one article giving the two nouns
different values of one kind and category ("30 people were killed, 10 children among
them"): a writer uses one noun for one quantity, so two nouns with two figures in one
article are two quantities; one point of **contra** per event. A pair is kept when its
support is at least ``--min-support`` events and larger than its contra.

Events mined: ../shared/data/train.jsonl less the HELD-OUT half of train_facts.jsonl
(sorted ids, odd positions: never read) and less ``--exclude`` ids (the k-fold of
bench/noun_pairs_kfold.py); dev.jsonl and groups_dev.jsonl are never mined (they are the
checks). The runtime (newsbrief/compare/nouns.py) reads only the table.

    .venv/bin/python bench/make_noun_pairs.py            # writes the table
    .venv/bin/python bench/make_noun_pairs.py --check    # says whether it is current
    .venv/bin/python bench/make_noun_pairs.py --list     # every pair seen, with its evidence
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_quality import load_event, split_of  # noqa: E402
from fit_pairing import read_jsonl  # noqa: E402
from newsbrief.compare import _prepared, nouns  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsbrief" / "compare" / "noun_pairs.json"
DATA = ROOT.parent / "shared" / "data"

#: the masked sentences of two statements of one value overlap at least this much
JACCARD = nouns.JACCARD
#: a pair is kept when seen in at least this many events (and more often than against)
MIN_SUPPORT = 2
head = nouns.head


def mineable(
    data: Path = DATA, exclude: Iterable[str] = (), groups: bool = False
) -> list[dict[str, Any]]:
    """The train events that may be mined: not the held-out half of train_facts.jsonl,
    not ``exclude``; with ``groups`` also the multi-article events of groups_dev.jsonl
    (bench/noun_pairs_kfold.py --pool-groups only: the shipped table never mines them)."""
    part = split_of(read_jsonl(data / "train_facts.jsonl"))
    skip = {e for e, p in part.items() if p == "heldout"} | set(exclude)
    out = [e for e in read_jsonl(data / "train.jsonl") if e["id"] not in skip]
    if groups:
        by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for a in read_jsonl(data / "groups_dev.jsonl"):
            if a.get("family") != "distractor":
                by_event[a["event"]].append(a)
        out += [
            {"id": e, "articles": arts}
            for e, arts in by_event.items()
            if len(arts) > 1 and e not in skip
        ]
    return out


def mine(
    events: list[dict[str, Any]], jaccard: float = JACCARD, show: bool = False
) -> tuple[dict[nouns.Pair, int], dict[nouns.Pair, int]]:
    """Support and contra (events) of every noun pair seen in ``events``. The table in use
    is switched off while mining (the keys are read without any mined join)."""
    support: dict[nouns.Pair, int] = defaultdict(int)
    contra: dict[nouns.Pair, int] = defaultdict(int)
    saved = nouns.table_path
    nouns.table_path = Path("/nonexistent")
    nouns.reset()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "event.jsonl"
            for ev in events:
                _arts, scans = _prepared(load_event(ev, path).articles)
                pro, con, seen = nouns.evidence([m for sc in scans for m in sc.mentions], jaccard)
                for p in pro:
                    support[p] += 1
                for p in con:
                    contra[p] += 1
                if show:
                    for pair, a, b in seen:
                        print(
                            f"{ev['id'][:22]} {pair} {a.written!r} | {b.written!r}\n"
                            f"    A: {a.sentence[:150]}\n    B: {b.sentence[:150]}"
                        )
    finally:
        nouns.table_path = saved
        nouns.reset()
    return dict(support), dict(contra)


def table(
    support: dict[nouns.Pair, int],
    contra: dict[nouns.Pair, int],
    min_support: int = MIN_SUPPORT,
) -> dict[str, Any]:
    kept = sorted(
        [*p, n, contra.get(p, 0)]
        for p, n in support.items()
        if n >= min_support and n > contra.get(p, 0)
    )
    return {
        "about": "counted nouns that name one quantity, mined from train events by "
        "bench/make_noun_pairs.py: [key kind, noun, noun, events for, events against]",
        "jaccard": JACCARD,
        "min_support": min_support,
        "pairs": kept,
    }


def dumps(tab: dict[str, Any]) -> str:
    """The table as JSON, one pair a line."""
    head = {k: v for k, v in tab.items() if k != "pairs"}
    lines = [json.dumps(p) for p in tab["pairs"]]
    body = ",\n  ".join(lines)
    return json.dumps(head, indent=1)[:-2] + f',\n "pairs": [\n  {body}\n ]\n}}\n'


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-support", type=int, default=MIN_SUPPORT)
    ap.add_argument("--check", action="store_true", help="compare with the shipped table")
    ap.add_argument("--list", action="store_true", help="print every supporting statement")
    args = ap.parse_args(argv)
    events = mineable(args.data)
    support, contra = mine(events, show=args.list)
    got = table(support, contra, args.min_support)
    text = dumps(got)
    print(f"{len(events)} events mined, {len(support)} noun pairs seen, {len(got['pairs'])} kept")
    for kind, a, b, n, c in got["pairs"]:
        print(f"  {kind}: {a} / {b}: {n} events for, {c} against")
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("the shipped table is current" if same else "the shipped table differs")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
