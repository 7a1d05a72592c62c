"""Labelled disagreements with no candidate pair: what compare's scanner read there.

For every labelled disagreement we may read (the tune half of ../shared/data/train_facts.jsonl,
our own labels, groups_dev, the new train labels and the dev labels: the events of
bench/facts_coverage.py; never the held-out half, which is not even loaded) that no
candidate pair covers (newsbrief.compare.pairing.candidate_pairs: the rules' pairs and the
wider net), print each side's value and article, the article's sentences that hold the
value (the shared scorer's reading of numbers, ../shared/tools/facts_score.py ``parse``;
words for a value without a number) and everything the scanner read in those sentences:
each mention (value as written, kind, category, unit, alignment key, normalized value,
relation, flags) and each date, weekday and clock time. A mention that states the side's
value (as the scorer matches it) is marked ``*``.

Each side gets a first guess at the cause:

- ``not read``: the value is in a sentence, and nothing read there states it;
- ``date`` / ``time`` / ``weekday``: read as a kind that is listed but never compared;
- ``no sentence``: no sentence of the article holds the value (a label's rewording);
- ``read``: a mention states it (the cause is then between the two sides: another kind,
  unit, category or key, a part, a background time...: see the pair line).

    .venv/bin/python bench/unread_values.py            # every uncovered disagreement
    .venv/bin/python bench/unread_values.py --counts   # only the counts per cause
    .venv/bin/python bench/unread_values.py --dropped  # numbers in digits read as nothing

``--dropped`` reads in bulk what no label points to: every number written in digits in the
articles of train.jsonl (less the events of the held-out half of train_facts.jsonl, which
are not read), dev.jsonl and groups_dev.jsonl that the scanner read as nothing (no mention, date or clock
time covers it), with the words around it, most frequent contexts first: how a new
reading bug is found before a label shows it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_coverage import _place, _reason, prepared_event, readable_labels  # noqa: E402
from facts_quality import scorer, split_of  # noqa: E402
from facts_regress import BLIND_EVENTS  # noqa: E402
from fit_pairing import ROOT, mention_fact, read_jsonl  # noqa: E402
from newsbrief.compare.scanner import _scan  # noqa: E402
from newsbrief.model import Article  # noqa: E402


def _article_index(arts: list[Any]) -> dict[int, int]:
    """Label article index (0-based line of the event) -> index among the loaded articles."""
    out = {}
    for i, a in enumerate(arts):
        m = re.search(r":(\d+)$", str(a.origin or ""))
        if m:
            out[int(m.group(1)) - 1] = i
    return out


def _holds(fs: Any, value: str, sentence: str) -> bool:
    """Does the sentence state the label's value (its numbers, or its words without one)?"""
    prim = fs.parse(value)[0]
    if prim:
        return prim <= fs.parse(sentence)[2]
    want = fs.words(value)
    return bool(want) and want <= fs.words(sentence)


def _mention_line(m: Any, hit: bool) -> str:
    flags = [
        f
        for f, on in (
            ("partial", m.partial),
            ("superseded", m.superseded),
            ("alias", m.alias),
            (f"background={m.background}", bool(m.background)),
        )
        if on
    ]
    return (
        f"      {'*' if hit else ' '} {m.written!r} {m.kind}/{m.category} unit={m.unit!r} "
        f"key={m.key} = {m.normalized} {m.relation}" + (f" [{' '.join(flags)}]" if flags else "")
    )


def side_report(
    fs: Any,
    proj: Any,
    arts: list[Any],
    scans: list[Any],
    values: list[str],
    arts_: set[int],
    art: int,
    quote: str,
) -> tuple[str, list[str]]:
    """(first guess at the cause, lines) for one side of a labelled disagreement."""
    loaded = _article_index(arts).get(art)
    if loaded is None:
        return "no article", [f"    article {art} not loaded"]
    sc = scans[loaded]
    value = values[0]
    sents = [si for si, s in enumerate(sc.sentences) if _holds(fs, value, s)]
    if quote:
        q = fs.squash(quote)
        sents = [si for si, s in enumerate(sc.sentences) if q and q in fs.squash(s)] or sents
    lines: list[str] = []
    hits = 0
    kinds: Counter[str] = Counter()
    for si in sents:
        lines.append(f"    s{si}: {sc.sentences[si]}")
        for m in sc.mentions:
            if m.sent != si:
                continue
            hit = fs.fact_hits(proj, values, arts_, mention_fact(m, arts))
            hits += hit
            lines.append(_mention_line(m, hit))
        for written, norm, kind, s in sc.dates:
            if s != si:
                continue
            fact = {"value": written, "normalized": norm, "article_ids": [arts[loaded].id]}
            hit = fs.fact_hits(proj, values, arts_, fact)
            kinds[kind] += hit
            lines.append(f"      {'*' if hit else ' '} {written!r} {kind} = {norm}")
    if not sents:
        return "no sentence", ["    (no sentence of the article holds the value)"]
    if hits:
        return "read", lines
    if kinds:
        return kinds.most_common(1)[0][0], lines
    return "not read", lines


def uncovered(fs: Any, ev: dict[str, Any], lab: dict[str, Any], path: Path) -> list[str]:
    """The report lines of the event's labelled disagreements no candidate pair covers."""
    arts, scans, cands, proj, mentions = prepared_event(fs, ev, path)
    out = []
    for d in lab["disagreements"]:
        sides = [fs.side_spec(lab, d, s) for s in ("a", "b")]
        found = [
            [m for m in mentions if fs.fact_hits(proj, v, a, mention_fact(m, arts))]
            for v, a in sides
        ]
        places = [{_place(m) for m in ms} for ms in found]
        if any(
            (_place(x) in places[0] and _place(y) in places[1])
            or (_place(x) in places[1] and _place(y) in places[0])
            for x, y, _r in cands
        ):
            continue
        pair = [(x, y) for x in found[0] for y in found[1] if x is not y]
        why = _reason(*pair[0]) if pair else "a side has no mention"
        if pair:
            order = ("never compared", "kind", "category", "key", "same key, left out")
            why = max((_reason(x, y) for x, y in pair), key=order.index)
        lines = [f"{lab['event_id']} | {d['measure']} | pair: {why}"]
        guesses = []
        for side, (values, arts_) in zip(("a", "b"), sides, strict=True):
            x = d[side]
            guess, body = side_report(
                fs, proj, arts, scans, values, arts_, x["article"], x.get("quote", "")
            )
            guesses.append(guess)
            lines.append(f"  {side}: {x['value']!r} (art {x['article']}) -> {guess}")
            lines += body
        out.append((why, guesses, lines))
    return out


_NUM = re.compile(r"\d+(?:[.,]\d+)*")


def dropped_numbers(
    data: Path, skip: frozenset[str] = frozenset()
) -> list[tuple[str, str, str, str]]:
    """(word before, number and what is glued to it, word after, sentence) of every number
    in digits the scanner reads as nothing, in the readable events (train.jsonl less the
    held-out half of train_facts, dev.jsonl, groups_dev.jsonl), less the events in skip
    (a set kept blind for another purpose)."""
    held = {e for e, p in split_of(read_jsonl(data / "train_facts.jsonl")).items() if p != "tune"}
    held |= skip | set(BLIND_EVENTS)
    texts = [
        (ev["id"], a)
        for name in ("train.jsonl", "dev.jsonl")
        for ev in read_jsonl(data / name)
        if ev["id"] not in held  # the held-out half: never read
        for a in ev["articles"]
    ]
    if (data / "groups_dev.jsonl").exists():
        texts += [
            (a["event"], a) for a in read_jsonl(data / "groups_dev.jsonl") if a["event"] not in held
        ]
    out = []
    for i, (eid, a) in enumerate(texts):
        art = Article(id=f"{eid}#{i}", title=a.get("title") or "", text=a.get("text") or "")
        sc = _scan(art, i)
        for si, sent in enumerate(sc.sentences):
            spans = [(m.pos, m.pos + len(m.written)) for m in sc.mentions if m.sent == si]
            dated = [w for w, _n, _k, s in sc.dates if s == si]
            for mt in _NUM.finditer(sent):
                a0, a1 = mt.span()
                if any(x <= a0 < y for x, y in spans) or any(mt.group() in w for w in dated):
                    continue
                before = sent[max(0, a0 - 30) : a0].split()
                after = sent[a1 : a1 + 30].split()
                glued = sent[a1:].split(" ")[0] if a1 < len(sent) else ""
                out.append(
                    (
                        before[-1].lower() if before and sent[a0 - 1 : a0] == " " else "",
                        mt.group() + glued,
                        (after[0] if sent[a1 : a1 + 1] == " " and after else glued).lower(),
                        sent,
                    )
                )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    ap.add_argument("--counts", action="store_true", help="only the counts per cause")
    ap.add_argument("--dropped", action="store_true", help="numbers in digits read as nothing")
    ap.add_argument("--max-per-context", type=int, default=3)
    ap.add_argument(
        "--skip", nargs="*", default=[], metavar="EVENT", help="events left out of --dropped"
    )
    args = ap.parse_args(argv)
    if not (args.data / "train_facts.jsonl").exists():
        print("unread_values: error: no train_facts.jsonl", file=sys.stderr)
        return 2
    if args.dropped:
        rows = dropped_numbers(args.data, frozenset(args.skip))
        by: dict[str, list[tuple[str, str, str, str]]] = {}
        for r in rows:
            by.setdefault(r[2].strip(".,;:()\"'’”“"), []).append(r)
        print(f"numbers in digits read as nothing: {len(rows)}")
        for ctx, rs in sorted(by.items(), key=lambda kv: -len(kv[1])):
            print(f"\n## after: {ctx!r} ({len(rs)})")
            for before, num, _after, sent in rs[: args.max_per_context]:
                print(f"  [{before} {num}] {sent[:220]}")
        return 0
    fs = scorer(args.tools)
    events, labelled = readable_labels(args.data)  # never the held-out half
    pairs: Counter[str] = Counter()
    sides: Counter[str] = Counter()
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab, part in labelled:
            n += len(lab["disagreements"])
            for why, guesses, lines in uncovered(fs, events[lab["event_id"]], lab, path):
                pairs[why] += 1
                sides.update(guesses)
                if not args.counts:
                    print(f"[{part}] " + "\n".join(lines) + "\n")
    print(f"labelled disagreements with no candidate pair: {sum(pairs.values())} of {n}")
    print("by the pair: " + ", ".join(f"{k} {v}" for k, v in pairs.most_common()))
    print("by the side: " + ", ".join(f"{k} {v}" for k, v in sides.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
