"""A random sample of the numeric facts newsbrief lists for the 20 labelled train events,
printed with their evidence sentence, for checking fact precision by hand (the train
labels list the facts that matter, not every fact, so precision cannot be scored there).

    .venv/bin/python bench/facts_sample.py              # 30 facts, seed 14
    .venv/bin/python bench/facts_sample.py --n 50 --seed 3

Read each line: is the value stated in the sentence (not invented), and does the measure
name say what it counts? docs/facts_history.md gives the result of the seed-14 sample.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facts_quality import project_json  # noqa: E402

NUMERIC = ("quantity", "money", "percent", "duration", "age", "measurement", "magnitude")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    root = Path(__file__).resolve().parents[1]
    ap.add_argument("--data", type=Path, default=root.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args(argv)
    if not (args.data / "train_facts.jsonl").exists():
        print(f"facts_sample: error: no train_facts.jsonl in {args.data}", file=sys.stderr)
        return 2
    with (args.data / "train_facts.jsonl").open(encoding="utf-8") as fh:
        labelled = {json.loads(line)["event_id"] for line in fh if line.strip()}
    pool = []
    with (
        (args.data / "train.jsonl").open(encoding="utf-8") as fh,
        tempfile.TemporaryDirectory() as t,
    ):
        for line in fh:
            ev = json.loads(line) if line.strip() else None
            if ev is None or ev["id"] not in labelled:
                continue
            out = project_json(ev, Path(t) / "event.jsonl")
            pool += [(ev["id"], f) for f in out.get("facts", []) if f["kind"] in NUMERIC]
    rng = random.Random(args.seed)
    print(f"{len(pool)} numeric facts in {len(labelled)} events; a sample of {args.n}:")
    for eid, f in rng.sample(pool, min(args.n, len(pool))):
        print(
            f"- {eid} [{f['kind']}] {f['measure']}: {f['value']!r} ({f['relation']}, "
            f"{f['normalized']}) | {f['evidence'][0][:220]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
