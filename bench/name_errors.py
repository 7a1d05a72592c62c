"""Every name fact over the readable events, to look for classes of wrong names in bulk.

    .venv/bin/python bench/name_errors.py                       # names per kind, with counts
    .venv/bin/python bench/name_errors.py --save /tmp/names-a.json
    .venv/bin/python bench/name_errors.py --diff /tmp/names-a.json --evidence   # after a change
    .venv/bin/python bench/name_errors.py --skip wcep-20190121-2 ...            # leave events out

The events are those of ../shared/data/dev.jsonl and train.jsonl (built and cleaned as
bench/facts_regress.py builds them) and of groups_dev.jsonl (one event per "event" field),
less the held-out half of train_facts.jsonl (bench/facts_quality.py's split: never listed,
not even counted) and less the events given with ``--skip``. For each person, place and
organization fact that ``compare`` shows it prints the kind, the name and the number of
events naming it; ``--diff`` prints the names lost and gained since a saved run instead
(``--evidence`` adds a piece of the first evidence sentence around each gained name). The
saved file holds evidence sentences: keep it outside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_regress import BLIND, DATA, events, group_events, heldout_ids  # noqa: E402
from newsbrief.compare import compare  # noqa: E402

KINDS = ("person", "place", "organization")


def name_facts(data: Path, skip: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Event id -> its name facts (kind, value, articles citing it, evidence sentences)."""
    hidden = heldout_ids(data) | BLIND
    paths = [data / f for f in ("dev.jsonl", "train.jsonl") if (data / f).exists()]
    todo = events(paths)
    if (data / "groups_dev.jsonl").exists():
        todo += group_events(data / "groups_dev.jsonl")
    out: dict[str, list[dict[str, Any]]] = {}
    for eid, arts in todo:
        if eid in hidden or eid.split(":", 1)[-1] in skip:
            continue
        facts, _ = compare(arts)
        out[eid] = [
            {"kind": f.kind, "value": f.value, "n": len(f.article_ids), "ev": list(f.evidence)}
            for f in facts
            if f.kind in KINDS
        ]
    return out


def diff(old: dict[str, Any], new: dict[str, Any], evidence: bool) -> list[str]:
    """The names lost ("-") and gained ("+") per event."""
    lines = []
    for eid in sorted(set(old) | set(new)):
        a = {(f["kind"], f["value"]) for f in old.get(eid, [])}
        b = {(f["kind"], f["value"]): f for f in new.get(eid, [])}
        for kind, value in sorted(a - set(b)):
            lines.append(f"- {eid} | {kind} | {value}")
        for key in sorted(set(b) - a):
            line = f"+ {eid} | {key[0]} | {key[1]}"
            if evidence and b[key]["ev"]:
                s = b[key]["ev"][0]
                at = max(0, s.find(key[1].split()[0]))
                line += f"  ## {s[max(0, at - 60) : at + 90]!r}"
            lines.append(line)
    lost = sum(1 for x in lines if x.startswith("-"))
    lines.append(f"lost {lost}, gained {len(lines) - lost}")
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--skip", nargs="+", default=[], help="event ids to leave out")
    p.add_argument("--save", type=Path, help="write the name facts here (JSON)")
    p.add_argument("--diff", type=Path, help="show what changed since this saved run")
    p.add_argument("--evidence", action="store_true", help="with --diff: a piece of evidence")
    args = p.parse_args(argv)
    got = name_facts(args.data, set(args.skip))
    if args.save:
        args.save.write_text(json.dumps(got, ensure_ascii=False), encoding="utf-8")
    if args.diff:
        old = json.loads(args.diff.read_text(encoding="utf-8"))
        print("\n".join(diff(old, got, args.evidence)))
        return 0
    if not args.save:
        for kind in KINDS:
            counts = Counter(f["value"] for fs in got.values() for f in fs if f["kind"] == kind)
            print(f"== {kind}: {sum(counts.values())} facts, {len(counts)} names")
            print(" | ".join(f"{v} ({n})" if n > 1 else v for v, n in sorted(counts.items())))
    print(f"{len(got)} events, {sum(len(v) for v in got.values())} name facts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
