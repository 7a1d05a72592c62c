"""Why a labelled disagreement has no candidate pair in compare's mentions.

For each labelled disagreement of the TUNE part of ../shared/data/train_facts.jsonl (sorted
ids, even positions), our own labels (bench/data/pair_labels.jsonl) and the dev labels
(tests/data/facts_labels.json) and our own labels of groups_dev.jsonl events
(bench/data/groups_pair_labels.jsonl, part "grp") and of train events no one had labelled
(bench/data/new_pair_labels.jsonl, part "new"; with --dev-blind also the blind labels of
9 dev events, bench/data/dev_pair_labels.jsonl, part "blind") -- never the held-out part -- every
mention that states one
side's value in one side's articles (the shared scorer's matching) is looked up. A
disagreement with a candidate pair (newsbrief.compare.pairing.candidate_pairs: the rules'
pairs and the wider net) is counted as ``rule pair`` (a rule proposes it) or ``wide: key``
/ ``wide: same key`` (only the wider net does, with other keys or the same key; the rules'
decision leaves it out); otherwise the closest pair of the two sides' mentions gives the
reason:

- ``not read``: no mention states one side's value in its articles;
- ``kind``: read, but as different kinds (a count against a measurement...);
- ``category``: one kind, different categories (killed / injured / count / people...);
- ``key``: one category, different alignment keys (another counted noun, background...);
- ``never compared``: a kind compare never pairs (dates, years, weekdays, clock times:
  listed as facts, never paired);
- ``same key, left out``: the keys agree and still no candidate (a part, an alias, one
  article, compatible values, too far apart).

    .venv/bin/python bench/facts_coverage.py            # counts per reason and part
    .venv/bin/python bench/facts_coverage.py --list     # and one line per uncovered one
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_quality import (  # noqa: E402
    DEV_LABELS,
    NEW_LABELS,
    groups_events,
    load_event,
    read_new_labels,
    scorer,
    split_of,
)
from fit_pairing import OWN, ROOT, dev_labels, mention_fact, read_events, read_jsonl  # noqa: E402
from newsbrief.compare import _prepared, _rule_pairs, pairing  # noqa: E402
from newsbrief.compare.report import _facts_of  # noqa: E402

REASONS = (
    "rule pair",
    "wide: key",
    "wide: same key",
    "not read",
    "never compared",
    "kind",
    "category",
    "key",
    "same key, left out",
)


def _place(m: Any) -> tuple[int, int, int]:
    """Where a mention stands: article, sentence and character."""
    return (m.article, m.sent, m.pos)


def _reason(a: Any, b: Any) -> str:
    if a.kind not in pairing._PAIRED_KINDS or b.kind not in pairing._PAIRED_KINDS:
        return "never compared"
    if a.kind != b.kind:
        return "kind"
    if a.category != b.category:
        return "category"
    if a.key != b.key:
        return "key"
    return "same key, left out"


def prepared_event(fs: Any, ev: dict[str, Any], path: Path) -> tuple[Any, ...]:
    """An event's articles and scans as compare prepares them, the rules' pairs, every
    candidate pair, the scorer's project of the event and all its mentions."""
    arts = load_event(ev, path).articles
    arts, scans = _prepared(arts)
    _groups, rules = _rule_pairs(scans)
    cands = pairing.candidate_pairs(scans, rules)
    sources = [{"id": a.id, "origin": a.origin, "url": a.url} for a in arts]
    proj = fs.Project({"facts": [], "sources": sources}, ev["articles"], str(path))
    mentions = [m for sc in scans for m in sc.mentions]
    return arts, scans, cands, proj, mentions


def event_reasons(
    fs: Any, ev: dict[str, Any], lab: dict[str, Any], path: Path
) -> list[tuple[str, dict[str, Any], str]]:
    """(reason, labelled disagreement, a short description of the closest mentions)."""
    arts, scans, cands, proj, mentions = prepared_event(fs, ev, path)
    facts = [
        {
            "value": f.value,
            "normalized": f.normalized,
            "article_ids": list(f.article_ids),
            "evidence": list(f.evidence),
            "kind": f.kind,
        }
        for f in _facts_of(arts, scans)
    ]
    out = []
    for d in lab["disagreements"]:
        (va, aa), (vb, ab) = fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")
        ma = [m for m in mentions if fs.fact_hits(proj, va, aa, mention_fact(m, arts))]
        mb = [m for m in mentions if fs.fact_hits(proj, vb, ab, mention_fact(m, arts))]
        # a claim may be a copy of its first mention with the hedge of a later one ("400"
        # in a headline, "more than 400" in the body): mentions are matched by place
        sa, sb = {_place(m) for m in ma}, {_place(m) for m in mb}
        hits = [
            (x, y, r)
            for x, y, r in cands
            if (_place(x) in sa and _place(y) in sb) or (_place(x) in sb and _place(y) in sa)
        ]
        if any(r for _x, _y, r in hits):
            out.append(("rule pair", d, ""))
            continue
        if hits:
            x, y, _r = min(hits, key=lambda h: h[0].key != h[1].key)
            why = "wide: same key" if x.key == y.key else "wide: key"
            out.append(
                (
                    why,
                    d,
                    f"{x.written!r} key={x.key} | {y.written!r} key={y.key}",
                )
            )
            continue
        if not ma or not mb:
            # dates, years and clock times are facts but no mentions: listed, never paired
            listed = [
                f
                for f in facts
                if not (ma or mb)
                and f["kind"] in ("date", "time", "weekday")
                and any(fs.fact_hits(proj, v, arts_, f) for v, arts_ in ((va, aa), (vb, ab)))
            ]
            if listed:
                out.append(("never compared", d, f"listed as {listed[0]['kind']}"))
                continue
            read = ma or mb
            seen = f"read: {read[0].written!r} as {read[0].kind}/{read[0].category}" if read else ""
            out.append(("not read", d, seen))
            continue
        # the closest pair: the reason furthest down the list (same key before other key...)
        best = max(
            ((x, y) for x in ma for y in mb if x is not y),
            key=lambda p: REASONS.index(_reason(*p)),
            default=None,
        )
        if best is None:
            out.append(("same key, left out", d, "one mention for both sides"))
            continue
        x, y = best
        out.append(
            (
                _reason(x, y),
                d,
                f"{x.written!r} {x.kind}/{x.category} key={x.key} partial={x.partial} | "
                f"{y.written!r} {y.kind}/{y.category} key={y.key} partial={y.partial}",
            )
        )
    return out


def readable_labels(
    data: Path, *, rules_judged: bool = True, dev_blind: bool = False
) -> tuple[dict[str, Any], list[tuple[dict[str, Any], str]]]:
    """The events (train, dev and groups_dev, by id) and every labelled event we may read,
    with its part: the tune half of train_facts, our own labels ("own"; without the
    events where only the rules' pairs were judged unless ``rules_judged``), groups_dev
    ("grp"), the new train labels ("new") and the dev labels ("dev"); with ``dev_blind`` the
    blind dev labels too ("blind"; off by default, so fitting scripts do not read them).
    Never the held-out half."""
    events = read_events(data)
    shared = read_jsonl(data / "train_facts.jsonl")
    part = split_of(shared)
    labelled = [(lab, "tune") for lab in shared if part[lab["event_id"]] == "tune"]
    labelled += [
        (lab, "own")
        for lab in read_jsonl(OWN)
        if lab["event_id"] in events and (rules_judged or lab.get("judged") != "rules")
    ]
    for item in groups_events(data):
        events[item["event"]["id"]] = item["event"]
        labelled.append((item["label"], "grp"))
    taken = {lab["event_id"] for lab, _ in labelled}
    labelled += [
        (lab, "new")
        for lab in read_new_labels(NEW_LABELS, events)
        if lab["event_id"] not in taken and lab["event_id"] not in part
    ]
    dev = ROOT / "tests" / "data" / "facts_labels.json"
    if dev.exists():
        labelled += [(lab, "dev") for lab in dev_labels(dev, events)]
    if dev_blind:
        taken = {lab["event_id"] for lab, _ in labelled}
        labelled += [
            (lab, "blind")
            for lab in read_new_labels(DEV_LABELS, events)
            if lab["event_id"] not in taken
        ]
    return events, labelled


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    ap.add_argument("--list", action="store_true", help="one line per uncovered disagreement")
    ap.add_argument(
        "--dev-blind",
        action="store_true",
        help="also the blind labels of 9 dev events (bench/data/dev_pair_labels.jsonl)",
    )
    args = ap.parse_args(argv)
    if not (args.data / "train_facts.jsonl").exists():
        print("facts_coverage: error: no train_facts.jsonl", file=sys.stderr)
        return 2
    fs = scorer(args.tools)
    events, labelled = readable_labels(args.data, dev_blind=args.dev_blind)
    counts: dict[str, Counter[str]] = {}
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab, p in labelled:
            for reason, d, seen in event_reasons(fs, events[lab["event_id"]], lab, path):
                counts.setdefault(p, Counter())[reason] += 1
                if reason != "rule pair":
                    lines.append(
                        f"{p:4s} {lab['event_id']} [{reason}] {d['measure']}: "
                        f"{d['a']['value']!r} (art {d['a']['article']}) vs "
                        f"{d['b']['value']!r} (art {d['b']['article']})  {seen}"
                    )
    total: Counter[str] = Counter()
    print("| part | " + " | ".join(REASONS) + " | all |")
    print("|---" * (len(REASONS) + 2) + "|")
    for p, c in counts.items():
        total.update(c)
        print(f"| {p} | " + " | ".join(str(c[r]) for r in REASONS) + f" | {sum(c.values())} |")
    print("| all | " + " | ".join(str(total[r]) for r in REASONS) + f" | {sum(total.values())} |")
    if args.list:
        print()
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
