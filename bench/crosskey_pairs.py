"""Whether any signal tells the true cross-key candidates from the false ones (issue 14
item 1): the candidate pairs the rules leave whose two figures were read under two
different keys ("two keys: noun", "two keys: other") or under a key too weak for the rules
("weak key"), as bench/later_pairs.py classes them. Readable labels only
(bench/fit_pairing.py's labelled_events: the held-out half is never loaded).

Each candidate is described by signals with a reason that would hold on unseen news:

- ``context`` / ``sentence``: the Jaccard of the context stems around the two figures / of
  the two sentences' content stems, numbers masked (what pairing.features computes);
- ``context_spread`` / ``sentence_spread`` / ``local_spread``: the same overlaps, and that
  of the few content words each side of the figure (:data:`LOCAL`), each stem weighed by how
  few of the event's articles use it (``log((n + 1) / (k + 1))`` for a stem k of n articles
  use: the place name every article gives weighs nothing);
- ``not_crossed``: neither figure's value is stated, as another figure of its kind, in the
  other's sentence (a re-reported sentence with two figures pairs them slot by slot);
- ``not_kept_apart``: neither article states the other figure's key (a writer who gives
  both keys keeps them for two quantities);
- ``empty_slot``: the two keys differ only where one of them names nothing ("3 metres
  waves" with no measured thing / "waves as high as six metres");
- ``both_first``: each figure is its article's first statement of its bucket (kind,
  category, unit);
- ``same_head``: the counted nouns' heads are one thing by the WordNet table.

Per part and class it prints the candidates matching a label / matching none and each
signal's ROC AUC (true against false); then, pooled over the classes, the candidates over
each threshold of the graded signals, alone and with the filters ``not_crossed`` and
``not_kept_apart``. ``--relax SIGNAL=T`` scores the rules with the candidates of the three
classes whose SIGNAL is at least T taken too (bench/later_pairs.py's --relax scoring:
bench/fit_pairing.py --rules-only --hide-heldout's table); ``--filtered`` adds the two
filters, ``--class`` restricts it to one class, ``--empty`` to the empty-slot candidates.
Counts only: no pair is printed.

    .venv/bin/python bench/crosskey_pairs.py
    .venv/bin/python bench/crosskey_pairs.py --relax local_spread=0.2 --filtered
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_pairing as fp  # noqa: E402
import later_pairs as lp  # noqa: E402
from facts_quality import scorer  # noqa: E402
from newsbrief.compare import pairing  # noqa: E402
from newsbrief.compare.mentions import _Mention  # noqa: E402
from newsbrief.compare.nouns import masked_words  # noqa: E402
from newsbrief.compare.synonyms import same_thing  # noqa: E402

#: the classes of bench/later_pairs.py measured here
CLASSES = ("two keys: other", "two keys: noun", "weak key")
#: content words each side of a figure that make its local context
LOCAL = 3
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]+")


class Event:
    """What the signals of one event's pairs look up: the spread of each stem over the
    event's articles, each sentence's mentions, each article's keys, bucket ranks."""

    def __init__(self, scans: Sequence[Any]) -> None:
        self.scans = scans
        uses: dict[str, int] = {}
        for sc in scans:
            words: set[str] = set()
            for s in sc.sentences:
                words |= masked_words(s)
            for w in words:
                uses[w] = uses.get(w, 0) + 1
        n = len(scans)
        self.weight = {w: math.log((n + 1) / (k + 1)) for w, k in uses.items()}
        self.unseen = math.log((n + 1) / 2)  # a stem no sentence gave: as rare as can be
        self.in_sentence: dict[tuple[int, int], list[_Mention]] = {}
        self.keys: dict[int, set[tuple[str, ...]]] = {}
        for sc in scans:
            for m in sc.mentions:
                self.in_sentence.setdefault((m.article, m.sent), []).append(m)
                if m.alignable and not m.background:
                    self.keys.setdefault(m.article, set()).add(m.key)
        self.rank = pairing.ranks(scans)

    def overlap(self, x: frozenset[str], y: frozenset[str]) -> float:
        """Jaccard of two stem sets, each stem weighed by how few articles use it."""
        union = sum(self.weight.get(w, self.unseen) for w in x | y)
        inter = sum(self.weight.get(w, self.unseen) for w in x & y)
        return inter / union if union else 0.0

    def crossed(self, a: _Mention, b: _Mention) -> bool:
        """One figure's value is another figure of its kind in the other's sentence."""
        for x, y in ((a, b), (b, a)):
            for o in self.in_sentence.get((y.article, y.sent), []):
                if o is not y and o.kind == x.kind and o.value == x.value:
                    return True
        return False

    def kept_apart(self, a: _Mention, b: _Mention) -> bool:
        """The other article states this figure's key too (keys differ)."""
        return a.key != b.key and (
            a.key in self.keys.get(b.article, set()) or b.key in self.keys.get(a.article, set())
        )


def local_words(m: _Mention, width: int = LOCAL) -> frozenset[str]:
    """Stems of the ``width`` content words each side of a figure, numbers masked."""
    out: set[str] = set()
    for side in (
        reversed(_TOKEN.findall(m.sentence[: m.pos])),
        _TOKEN.findall(m.sentence[m.pos :]),
    ):
        seen = 0
        for w in side:
            got = masked_words(w)
            if got:
                out |= got
                seen += 1
                if seen >= width:
                    break
    return frozenset(out)


def empty_slot(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Two keys of one kind that differ only in slots one of them leaves empty."""
    if len(x) != len(y) or x[:1] != y[:1]:
        return False
    diff = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    return bool(diff) and all(not x[i] or not y[i] for i in diff)


def signals(a: _Mention, b: _Mention, ev: Event) -> dict[str, float]:
    """The signals of one candidate pair (module docstring)."""
    sa, sb = masked_words(a.sentence), masked_words(b.sentence)
    heads = a.noun and b.noun and same_thing(a.noun.split()[-1], b.noun.split()[-1])
    return {
        "context": pairing._jaccard(a.context, b.context),
        "sentence": pairing._jaccard(sa, sb),
        "context_spread": ev.overlap(a.context, b.context),
        "sentence_spread": ev.overlap(sa, sb),
        "local_spread": ev.overlap(local_words(a), local_words(b)),
        "not_crossed": float(not ev.crossed(a, b)),
        "not_kept_apart": float(not ev.kept_apart(a, b)),
        "empty_slot": float(empty_slot(a.key, b.key)),
        "both_first": float(ev.rank.get(id(a), 9) == 0 and ev.rank.get(id(b), 9) == 0),
        "same_head": float(bool(heads)),
    }


GRADED = ("context", "sentence", "context_spread", "sentence_spread", "local_spread")
FILTERS = ("not_crossed", "not_kept_apart")


def auc(pos: list[float], neg: list[float]) -> float:
    """The probability that a true candidate scores above a false one (ties half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def rows(args: argparse.Namespace) -> list[tuple[str, str, int, dict[str, float]]]:
    """(part, class, matches a label, signals) of every measured candidate."""
    fs = scorer(args.tools)
    events, labelled = fp.labelled_events(args.data)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab, part in labelled:
            ev = events[lab["event_id"]]
            fp.event_pairs(fs, ev, lab, path)
            arts, scans, _groups, rules, *_rest = fp.PREPARED[lab["event_id"]]
            facts = Event(scans)
            proj = fs.Project(
                fp.decided(lab["event_id"], False), ev["articles"], fp.PREPARED[lab["event_id"]][-1]
            )
            specs = [
                (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
            ]
            for a, b, names in lp.left_pairs(scans, rules):
                if names[0] not in CLASSES:
                    continue
                fa, fb = fp.mention_fact(a, arts), fp.mention_fact(b, arts)
                hit = any(
                    (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb))
                    or (fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa))
                    for (va, aa), (vb, ab) in specs
                )
                out.append((part, names[0], int(hit), signals(a, b, facts)))
    return out


def report(got: list[tuple[str, str, int, dict[str, float]]]) -> None:
    names = list(got[0][3]) if got else []
    parts = list(dict.fromkeys(p for p, *_ in got))
    for cls in (*CLASSES, "all three"):
        print(f"\n{cls}: true / false candidates and ROC AUC of each signal\n")
        print("| part | true / false | " + " | ".join(names) + " |")
        print("|---|---|" + "---|" * len(names))
        for part in (*parts, "all"):
            sel = [r for r in got if part in ("all", r[0]) and cls in ("all three", r[1])]
            pos = [r[3] for r in sel if r[2]]
            neg = [r[3] for r in sel if not r[2]]
            cells = [f"{auc([x[n] for x in pos], [x[n] for x in neg]):.2f}" for n in names]
            print(f"| {part} | {len(pos)} / {len(neg)} | " + " | ".join(cells) + " |")
    print("\nall three classes: true / false candidates at or over a threshold (alone; with")
    print("not_crossed and not_kept_apart)\n")
    print("| signal >= T | " + " | ".join(parts) + " |")
    print("|---|" + "---|" * len(parts))
    for n in GRADED:
        for t in (0.1, 0.2, 0.3, 0.4):
            cells = []
            for part in parts:
                sel = [r for r in got if r[0] == part and r[3][n] >= t]
                fil = [r for r in sel if all(r[3][f] for f in FILTERS)]
                cells.append(
                    f"{sum(r[2] for r in sel)}/{sum(1 - r[2] for r in sel)}; "
                    f"{sum(r[2] for r in fil)}/{sum(1 - r[2] for r in fil)}"
                )
            print(f"| {n} >= {t} | " + " | ".join(cells) + " |")


def relax(spec: str, filtered: bool, only: str, empty: bool) -> int:
    """bench/later_pairs.py --relax with the candidates whose signal passes taken too."""
    name, _, t = spec.partition("=")
    threshold = float(t)
    memo: dict[int, Event] = {}

    def test(a: _Mention, b: _Mention, scans: Any) -> bool:
        ev = memo.get(id(scans))
        if ev is None:
            memo.clear()
            ev = memo[id(scans)] = Event(scans)
        got = signals(a, b, ev)
        if filtered and not all(got[f] for f in FILTERS):
            return False
        if empty and not got["empty_slot"]:
            return False
        return got[name] >= threshold

    taken = []
    for cls in CLASSES:
        if only in ("", cls):
            lp.VARIANTS[f"crosskey {cls}"] = (cls, test)
            taken.append(f"crosskey {cls}")
    return lp.score_relaxed(taken)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=fp.ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=fp.ROOT.parent / "shared" / "tools")
    ap.add_argument("--relax", default="", help="SIGNAL=T: score the rules with these taken")
    ap.add_argument("--filtered", action="store_true", help="--relax: with the two filters")
    ap.add_argument("--class", dest="cls", default="", help="--relax: one class only")
    ap.add_argument("--empty", action="store_true", help="--relax: empty-slot candidates only")
    args = ap.parse_args(argv)
    if args.relax:
        return relax(args.relax, args.filtered, args.cls, args.empty)
    report(rows(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
