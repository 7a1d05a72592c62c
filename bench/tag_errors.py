"""Two lists of number facts to judge by hand for "no false facts" (issue 14 item 3):

    .venv/bin/python bench/tag_errors.py --list tags --sample 40 --seed 1
    .venv/bin/python bench/tag_errors.py --list casualty --sample 40 --seed 1
    .venv/bin/python bench/tag_errors.py --counts          # how many of each, no sentences

- ``tags``: every mention whose measure carries a period tag (``m.background``: "(in
  1995)", "(since 2002)", "(the whole conflict)", "(another period)"...), with its sentence
  and the tag; a tag taken from another clause of the sentence is a wrong measure.
- ``casualty``: every count of people with a casualty category (killed, injured,
  hospitalized, missing...) none of whose casualty words is in the number's own clause:
  the words from the number to the nearest clause boundary on each side (see
  :data:`_BOUNDARY`). The category then came from farther off, which is right in "40
  were killed and 12 injured" style lists and wrong in "a plane with 150 on board crashed,
  killing 40".

Events read: all of dev.jsonl, the groups_dev.jsonl events (articles grouped by
``event``) and train.jsonl less the held-out half of train_facts.jsonl (as
bench/facts_regress.py splits it) and less the events of a blind judgement under way
(:data:`BLIND`). Mentions come from the scanner (``_scan``, each article with the event's
commonest publication year as reference, as compare() does), one line per mention; a seeded
sample (``random.Random(seed).sample``) keeps the judging affordable. ``--counts`` prints
only the totals per list and per tag kind.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_regress import BLIND, DATA, events, group_events, heldout_ids  # noqa: E402
from newsbrief.compare.lexicon import _AFTER_CAT, _BEFORE_CAT, PEOPLE_CATEGORIES  # noqa: E402
from newsbrief.compare.scanner import _scan  # noqa: E402

#: tokens that end a number's own clause
_BOUNDARY = frozenset(
    ", ; : ( ) – — - and but while whereas which who whom when where after before as since "
    "including that because although though with".split()
)
#: casualty words outside the two tables: "toll", "lives", "bodies" (killed)
_EXTRA = {"toll": "killed", "lives": "killed", "bodies": "killed", "death": "killed"}


def readable(data: Path) -> list[tuple[str, list]]:
    """The events this script may show (module docstring)."""
    hidden = heldout_ids(data) | BLIND
    evs = events([data / "dev.jsonl", data / "train.jsonl"])
    evs = [(e, arts) for e, arts in evs if e not in hidden]
    return evs + group_events(data / "groups_dev.jsonl")


_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")


def own_clause_words(text: str, pos: int, end: int) -> list[str]:
    """The lower-cased words of the clause of the figure at characters pos..end of the
    sentence: out to the nearest :data:`_BOUNDARY` token on each side (the figure itself
    excluded)."""
    out: list[str] = []
    left = _TOKEN.findall(text[:pos].lower())[::-1]
    right = _TOKEN.findall(text[end:].lower())
    for side in (left, right):
        for w in side:
            if w in _BOUNDARY or w in (".", "!", "?"):
                break
            out.append(w)
    return out


def clause_cats(words: list[str]) -> set[str]:
    """The casualty categories the words name."""
    cats = set()
    for w in words:
        for table in (_AFTER_CAT, _BEFORE_CAT, _EXTRA):
            if w in table:
                cats.add(table[w])
    return cats


def rows(data: Path) -> dict[str, list[dict]]:
    """Both lists, each row an event id, the mention's measure, value and sentence."""
    out: dict[str, list[dict]] = {"tags": [], "casualty": []}
    for eid, arts in readable(data):
        years = [a.published.year for a in arts if a.published]
        ref = max(set(years), key=years.count) if years else None
        for i, a in enumerate(arts):
            sc = _scan(a, i, ref)
            for m in sc.mentions:
                row = {
                    "event": eid,
                    "measure": m.measure,
                    "tag": m.background,
                    "value": m.written,
                    "category": m.category,
                    "sentence": m.sentence,
                }
                if m.background:
                    out["tags"].append(row)
                if m.category in PEOPLE_CATEGORIES and m.kind == "quantity":
                    words = own_clause_words(m.sentence, m.pos, m.pos + len(m.written))
                    if m.category not in clause_cats(words):
                        out["casualty"].append(row | {"clause": " ".join(words)})
    return out


def tag_kind(tag: str) -> str:
    """The kind of a period tag: a year, "since YEAR", or the words."""
    if re.fullmatch(r"\d{4}", tag):
        return "in YEAR"
    if re.fullmatch(r"since \d{4}", tag):
        return "since YEAR"
    if re.fullmatch(r"record since \d{4}", tag):
        return "record since YEAR"
    return tag


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--list", choices=("tags", "casualty"))
    p.add_argument("--sample", type=int, default=0, help="a seeded sample of this size")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--counts", action="store_true")
    p.add_argument("--json", action="store_true", help="rows as JSON Lines")
    args = p.parse_args(argv)
    got = rows(args.data)
    if args.counts or not args.list:
        for name, rs in got.items():
            print(f"{name}: {len(rs)} mentions in {len({r['event'] for r in rs})} events")
        kinds: dict[str, int] = {}
        for r in got["tags"]:
            kinds[tag_kind(r["tag"])] = kinds.get(tag_kind(r["tag"]), 0) + 1
        for k, n in sorted(kinds.items(), key=lambda x: -x[1]):
            print(f"  tag {k}: {n}")
        cats: dict[str, int] = {}
        for r in got["casualty"]:
            cats[r["category"]] = cats.get(r["category"], 0) + 1
        for k, n in sorted(cats.items(), key=lambda x: -x[1]):
            print(f"  casualty {k}: {n}")
        return 0
    rs = got[args.list]
    if args.sample and args.sample < len(rs):
        rs = random.Random(args.seed).sample(rs, args.sample)
    for n, r in enumerate(rs, 1):
        if args.json:
            print(json.dumps(r, ensure_ascii=False))
            continue
        extra = f"  [clause: {r['clause']}]" if "clause" in r else ""
        print(f"{n}. {r['event']} | {r['measure']} ({r['tag']}) = {r['value']}{extra}")
        print(f"   {r['sentence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
