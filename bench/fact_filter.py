"""Can a small model tell the wrong facts from the right ones? A leave-one-event-out study.

    .venv/bin/python bench/fact_filter.py                 # both judgement files, LOEO table
    .venv/bin/python bench/fact_filter.py --strict        # a vague measure counts as wrong
    .venv/bin/python bench/fact_filter.py --cache /tmp/factfilter-cache.json
    .venv/bin/python bench/fact_filter.py --rule several_articles   # one feature, no fit
    .venv/bin/python bench/fact_filter.py --specific   # only measures saying more than the kind
    .venv/bin/python bench/fact_filter.py --model trees   # shallow boosted trees (minutes)

Every judged fact newsbrief still shows (matched by (event, kind, measure, value) as
bench/facts_precision.py matches them, its output made by the same path) becomes one row
of features that exist at run time, from the fact of the JSON output alone: its kind and
group, its category, the measure's words and the notes compare adds to it (a period tag
"(in 2008)", "(part of a total)", "(earlier figure)", "(conversion)", ...), the relation
(a hedge), how many articles cite it, whether the value is a round number or written in
words, the evidence sentences' length and share of capitalized words, and for names the
word count, capitals and how common the words are in English (wordfreq's Zipf scale, as
newsbrief.text uses it), and whether the same value is shown under another kind in the
event (kind votes disagree). The label is verdict != "ok" (``--strict``: or vague).

A logistic regression (scikit-learn, features standardized, classes balanced) is fitted
on all events but one and scores the facts of the one left out; the table gives, for
fixed thresholds on the predicted chance of being wrong, the wrong facts hidden and the
right facts lost, per group (numbers / when / names) and overall, with precision before
and after. A last row picks the threshold inside each fold (the highest chance that
loses at most ``--loss`` of the right facts of the other events, scored by an inner
leave-one-event-out) so that no choice is made on the event scored.

Only counts are printed, never a fact, sentence or per-event line (some judged events are
a blind set). The pipeline's output per event can be cached in /tmp (``--cache``): it
holds article sentences, so it never goes into the repository.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_precision import (  # noqa: E402
    GROUPS,
    KIND_ORDER,
    ROOT,
    fact_key,
    load_events,
    read_judgements,
)

DATA = ROOT.parent / "shared" / "data"
SOURCES = (
    (ROOT / "bench" / "data" / "dev_fact_judgements.jsonl", DATA / "dev.jsonl"),
    (ROOT / "bench" / "data" / "train_fact_judgements.jsonl", DATA / "train.jsonl"),
)
#: every kind of fact, in the order bench/facts_precision.py lists them
KINDS = KIND_ORDER
#: notes compare writes after a measure (docs/facts.md, the ``measure`` field)
NOTES = {
    "period": re.compile(r"\((?:in|on|since|by|from|until|before|after|last|this|next)\b"),
    "part": re.compile(r"\(part of a total\)"),
    "earlier": re.compile(r"\(earlier figure\)"),
    "conversion": re.compile(r"\(conversion\)"),
    "whole": re.compile(r"\(the whole "),
}
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"hundreds?|thousands?|millions?|billions?|a few|several|half)\b",
    re.I,
)


def group_of(kind: str) -> str:
    for name, kinds in GROUPS.items():
        if kind in kinds:
            return name
    return "other"


def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency of newsbrief
        return 0.0
    return zipf_frequency(word.lower(), "en")


def _round(normalized: str) -> float:
    """1.0 when the (first) normalized number ends in at least one zero or is under 10."""
    m = re.match(r"-?(\d+(?:\.\d+)?)", normalized)
    if not m:
        return 0.0
    x = float(m.group(1))
    if x != int(x):
        return 0.0
    n = int(x)
    return 1.0 if n < 10 or n % 10 == 0 else 0.0


def _caps_share(sentence: str) -> float:
    words = WORD.findall(sentence)[1:]  # the first word is capitalized anyway
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def features(
    fact: dict[str, Any], event_facts: list[dict[str, Any]], brief: frozenset[str] = frozenset()
) -> dict[str, float]:
    """The run-time features of one fact of the JSON output (``facts`` of `summarize
    --format json`), ``event_facts`` being all the facts of its event and ``brief`` the
    texts of the brief's sentences (its ``sentences``)."""
    kind = str(fact["kind"])
    measure = str(fact["measure"])
    value = str(fact["value"])
    evidence = [str(s) for s in fact.get("evidence") or []]
    n_arts = len(set(fact.get("article_ids") or []))
    out: dict[str, float] = {f"kind={k}": float(kind == k) for k in KINDS}
    out.update({f"group={g}": float(group_of(kind) == g) for g in GROUPS})
    base = re.sub(r"\s*\(.*", "", measure).strip().lower()
    out["measure_words"] = float(len(base.split()))
    category = str(fact.get("category") or "")
    out["casualty"] = float(category not in (*KINDS, "count", ""))
    out["count"] = float(category == "count")
    out["measure_is_kind"] = float(base in {kind, str(fact.get("category") or "")} or not base)
    for name, rx in NOTES.items():
        out[f"note={name}"] = float(bool(rx.search(measure)))
    out["hedge"] = float(str(fact.get("relation") or "=") != "=")
    out["range"] = float(
        "-" in str(fact.get("normalized") or "")[1:] and group_of(kind) == "numbers"
    )
    out["log_articles"] = math.log(1 + n_arts)
    out["several_articles"] = float(n_arts >= 2)
    out["round"] = _round(str(fact.get("normalized") or "")) if group_of(kind) == "numbers" else 0.0
    out["value_in_words"] = (
        float(bool(NUMBER_WORDS.search(value))) if group_of(kind) == "numbers" else 0.0
    )
    lengths = [len(s.split()) for s in evidence] or [0]
    out["log_sentence_words"] = math.log(1 + sum(lengths) / len(lengths))
    out["sentence_caps"] = sum(map(_caps_share, evidence)) / len(evidence) if evidence else 0.0
    names = group_of(kind) == "names"
    words = WORD.findall(value)
    out["name_words"] = float(len(words)) if names else 0.0
    out["name_all_caps"] = float(names and value.isupper() and len(value) > 1)
    out["name_zipf"] = (min(map(_zipf, words)) if words else 0.0) if names else 0.0
    low = value.lower()
    out["name_lower_in_sentence"] = float(
        names and any(re.search(rf"\b{re.escape(low)}\b", s) for s in evidence)
    )
    others = {str(f["kind"]) for f in event_facts if str(f["value"]) == value} - {kind}
    out["other_kind_same_value"] = float(bool(others))
    out["log_event_facts"] = math.log(1 + len(event_facts))
    out["in_brief"] = float(any(s.strip() in brief for s in evidence))
    return out


def rows(cache: Path | None) -> list[dict[str, Any]]:
    """One row per judged fact shown now: event, group, label fields and features."""
    from facts_precision import event_output

    store: dict[str, dict[str, Any]] = {}
    if cache and cache.exists():
        store = json.loads(cache.read_text(encoding="utf-8"))
    out = []
    for jpath, data in SOURCES:
        judgements = read_judgements(jpath)
        judged = {(j["event"], j["kind"], j["measure"], j["value"]): j for j in judgements}
        ids = list(dict.fromkeys(j["event"] for j in judgements))
        todo = [i for i in ids if i not in store]
        if todo:
            for ev in load_events(data, todo):
                proj, _ = event_output(ev)
                brief = [s["text"].strip() for s in proj["sentences"]]
                store[ev["id"]] = {"facts": proj["facts"], "brief": brief}
        for eid in ids:
            facts = store[eid]["facts"]
            brief = frozenset(store[eid]["brief"])
            for f in facts:
                j = judged.get(fact_key(eid, f))
                if j is None:
                    continue
                out.append(
                    {
                        "event": eid,
                        "group": group_of(str(f["kind"])),
                        "wrong": j["verdict"] != "ok",
                        "vague": bool(j.get("vague")),
                        "x": features(f, facts, brief),
                    }
                )
    if cache:
        cache.write_text(json.dumps(store), encoding="utf-8")
    return out


MODEL = "logreg"
C = 0.3


def _model():
    if MODEL == "trees":
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(
            max_depth=3, max_iter=100, learning_rate=0.05, class_weight="balanced"
        )
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        StandardScaler(), LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    )


def loeo(X, y, events) -> Any:
    """Leave-one-event-out chance of being wrong for every row."""
    import numpy as np

    p = np.zeros(len(y))
    for e in sorted(set(events)):
        test = events == e
        if y[~test].min() == y[~test].max():
            continue
        m = _model().fit(X[~test], y[~test])
        p[test] = m.predict_proba(X[test])[:, 1]
    return p


def picked_thresholds(X, y, events, loss: float) -> Any:
    """Per row, the threshold chosen without its event: on the other events' inner
    leave-one-event-out scores, the lowest threshold losing at most ``loss`` of their
    right facts."""
    import numpy as np

    t = np.ones(len(y))
    for e in sorted(set(events)):
        test = events == e
        inner = loeo(X[~test], y[~test], events[~test])
        right = np.sort(inner[~y[~test]])
        k = int(math.floor(loss * len(right)))  # this many right facts may be lost
        t[test] = right[len(right) - k] if k > 0 else right[-1] + 1e-9
    return t


def table(rows_: list[dict[str, Any]], p, thresholds: list[float], picked=None) -> str:
    import numpy as np

    groups = [*GROUPS, "all"]
    p = np.asarray(p, dtype=float)
    y = np.array([r["wrong"] for r in rows_])
    g = np.array([r["group"] for r in rows_])
    lines = [
        "threshold  group    facts wrong  hidden(wrong/right)  wrong hid  right lost  "
        "prec before -> after"
    ]
    settings: list[tuple[str, Any]] = [(f"{t:.2f}", p >= t) for t in thresholds]
    if picked is not None:
        settings.append(("picked", p >= picked))
    for label, hide in settings:
        for grp in groups:
            sel = np.ones(len(y), bool) if grp == "all" else g == grp
            n, w = int(sel.sum()), int(y[sel].sum())
            if not n:
                continue
            hw, hr = int((hide & sel & y).sum()), int((hide & sel & ~y).sum())
            kept = n - hw - hr
            after = (n - w - hr) / kept if kept else float("nan")
            lines.append(
                f"{label:>9}  {grp:<8} {n:>5} {w:>5}  {hw:>8}/{hr:<10}  {hw / max(w, 1):>9.3f}  "
                f"{hr / max(n - w, 1):>10.3f}  {(n - w) / n:.3f} -> {after:.3f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    p_ = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p_.add_argument("--strict", action="store_true", help="a vague measure counts as wrong")
    p_.add_argument("--cache", type=Path, help="JSON cache of the pipeline's facts (in /tmp)")
    p_.add_argument("--loss", type=float, default=0.03, help="right facts a fold may lose")
    p_.add_argument("--weights", action="store_true", help="print the fit on all rows")
    p_.add_argument("--model", choices=("logreg", "trees"), default="logreg")
    p_.add_argument("--C", type=float, default=0.3, help="inverse regularization (logreg)")
    p_.add_argument(
        "--specific", action="store_true", help="only facts whose measure is more than the kind"
    )
    p_.add_argument("--no-pick", action="store_true", help="skip the nested threshold")
    p_.add_argument("--rule", help="no model: hide the facts whose feature RULE is 1")
    args = p_.parse_args(argv)
    global MODEL, C
    MODEL, C = args.model, args.C
    rs = rows(args.cache)
    for r in rs:
        r["wrong"] = r["wrong"] or (args.strict and r["vague"])
    if args.specific:
        rs = [r for r in rs if not r["x"]["measure_is_kind"]]
    names = sorted(rs[0]["x"])
    X = np.array([[r["x"][k] for k in names] for r in rs])
    y = np.array([r["wrong"] for r in rs])
    events = np.array([r["event"] for r in rs])
    print(f"{len(rs)} judged facts shown, {int(y.sum())} wrong, {len(set(events))} events")
    if args.rule:
        hide = X[:, names.index(args.rule)] >= 0.5
        print(f"rule: hide the facts with {args.rule} (nothing fitted)")
        print(table(rs, hide.astype(float), [0.5]))
        return 0
    p = loeo(X, y, events)
    from sklearn.metrics import roc_auc_score

    print(f"leave-one-event-out ROC AUC: {roc_auc_score(y, p):.3f}")
    g = np.array([r["group"] for r in rs])
    for grp in GROUPS:
        sel = g == grp
        if 0 < y[sel].sum() < sel.sum():
            print(f"  {grp}: AUC {roc_auc_score(y[sel], p[sel]):.3f}")
    picked = None if args.no_pick else picked_thresholds(X, y, events, args.loss)
    print(table(rs, p, [0.5, 0.6, 0.7, 0.8, 0.9], picked))
    if args.weights and MODEL == "logreg":
        m = _model().fit(X, y)
        coef = m[-1].coef_[0]
        for k, c in sorted(zip(names, coef, strict=True), key=lambda kc: -abs(kc[1])):
            print(f"  {c:+.3f}  {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
