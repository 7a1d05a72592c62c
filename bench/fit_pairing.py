"""Fit the pairing decision of newsbrief.compare (src/newsbrief/compare/pairing_model.json).

Every candidate pair of mentions (the alignment rules' pairs and the wider net of
newsbrief.compare.pairing) of each hand-labelled event is described by its features and
labelled 1 when it matches a labelled disagreement (both values and articles, as the
shared scorer ../shared/tools/facts_score.py matches them), else 0. Labelled events: the
TUNE part of ../shared/data/train_facts.jsonl (sorted ids, even positions; the odd ones
are HELD OUT and never fitted on), our own labels (bench/data/pair_labels.jsonl, same
format; on events marked ``"judged": "rules"`` only the rules' pairs were judged, so only
those are fitted on), our own labels of the 37 multi-article events of groups_dev.jsonl
(bench/data/groups_pair_labels.jsonl, every candidate judged: part "own (groups_dev)"),
our own labels of 28 train events no one had labelled (bench/data/new_pair_labels.jsonl,
every candidate judged: part "own (train, new)") and the dev labels
(tests/data/facts_labels.json, converted).

A logistic regression (scikit-learn) is fitted on the pairs; then two cut-offs are chosen
by the F0.5 (precision weighs double) of the reported disagreements on the training
events, scored by the shared scorer: a veto under which a rule's pair is dropped and a
threshold over which another candidate pair is added. The rules' own decision (no veto,
nothing added) is kept unless another is strictly better.

    .venv/bin/python bench/fit_pairing.py              # fit, score each part, 5-fold
    .venv/bin/python bench/fit_pairing.py --write      # and write the model file
    .venv/bin/python bench/fit_pairing.py --rules-only --hide-heldout   # rules, no held-out

The table gives per part the rules, the model fitted on tune + own + dev (held-out: not
fitted on) and k-fold over all labelled events (each event scored by the model fitted
on the other folds only).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_quality import (  # noqa: E402
    DEV_LABELS,
    GROUPS_LABELS,
    NEW_LABELS,
    groups_events,
    load_event,
    pair_matches,
    project_json,
    read_new_labels,
    scorer,
    split_of,
)
from newsbrief.compare import (  # noqa: E402
    _decide,
    _prepared,
    _rule_pairs,
    pairing,
)
from newsbrief.compare.clock import clock_disagreements  # noqa: E402
from newsbrief.compare.report import _disagreements, _facts_of  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "src" / "newsbrief" / "compare" / "pairing_model.json"
OWN = ROOT / "bench" / "data" / "pair_labels.jsonl"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_events(data: Path) -> dict[str, dict[str, Any]]:
    """The events of train.jsonl and (when there) dev.jsonl by id."""
    events = {e["id"]: e for e in read_jsonl(data / "train.jsonl")}
    if (data / "dev.jsonl").exists():
        events |= {e["id"]: e for e in read_jsonl(data / "dev.jsonl")}
    return events


def _num(v: float) -> str:
    return f"{v:.6f}".rstrip("0").rstrip(".")


def dev_labels(path: Path, events: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The dev hand labels (tests/data/facts_labels.json: per article URL the values of each
    category; per disagreement its category and values) in the train_facts format: one
    labelled fact per category and value with the articles stating it, one labelled
    disagreement per two different values of a labelled disagreement."""
    out = []
    for ev in json.loads(path.read_text(encoding="utf-8"))["events"]:
        record = events.get(ev["event"])
        if record is None:
            continue
        index = {a["url"]: i for i, a in enumerate(record["articles"])}
        stated: dict[tuple[str, str], set[int]] = {}
        for url, items in ev["facts"].items():
            if url not in index:
                continue
            for it in items:
                k = (it["category"], _num(float(it["value"])))
                stated.setdefault(k, set()).add(index[url])
        facts = [
            {"measure": cat, "values": [v], "articles": sorted(arts), "quote": ""}
            for (cat, v), arts in stated.items()
        ]
        dis = []
        for d in ev["disagreements"]:
            vals = [_num(float(x)) for x in d["values"]]
            for i, x in enumerate(vals):
                for y in vals[i + 1 :]:
                    ax, ay = stated.get((d["category"], x)), stated.get((d["category"], y))
                    if x != y and ax and ay:
                        dis.append(
                            {
                                "measure": d["category"],
                                "a": {"value": x, "article": min(ax), "quote": ""},
                                "b": {"value": y, "article": min(ay), "quote": ""},
                                "note": d.get("what", ""),
                            }
                        )
        out.append({"event_id": ev["event"], "facts": facts, "disagreements": dis})
    return out


def labelled_events(data: Path) -> tuple[dict[str, Any], list[tuple[dict[str, Any], str]]]:
    """Every labelled event we may read, with its part: the tune half of train_facts.jsonl,
    our own labels (groups_dev, new train events, rules-judged, dev blind) and the dev
    labels. The held-out half is left out before anything is loaded."""
    events = read_events(data)
    shared = read_jsonl(data / "train_facts.jsonl")
    part = split_of(shared)
    out = [(lab, "tune") for lab in shared if part[lab["event_id"]] == "tune"]
    if OWN.exists():
        out += [
            (lab, "own, rules judged" if lab.get("judged") == "rules" else "own")
            for lab in read_jsonl(OWN)
            if lab["event_id"] in events
        ]
    for item in groups_events(data, GROUPS_LABELS):
        events[item["event"]["id"]] = item["event"]
        out.append((item["label"], "own (groups_dev)"))
    taken = {lab["event_id"] for lab, _ in out}
    out += [
        (lab, "own (train, new)")
        for lab in read_new_labels(NEW_LABELS, events)
        if lab["event_id"] not in taken
    ]
    out += [(lab, "own (dev, blind)") for lab in read_new_labels(DEV_LABELS, events)]
    dev = ROOT / "tests" / "data" / "facts_labels.json"
    if dev.exists():
        out += [(lab, "dev") for lab in dev_labels(dev, events)]
    return events, out


def mention_fact(m: Any, arts: list[Any]) -> dict[str, Any]:
    """A mention as the shared scorer reads a reported fact (its value, normalized value,
    article and evidence sentence), for matching it against a label's side."""
    return {
        "value": m.written,
        "normalized": m.normalized,
        "article_ids": [arts[m.article].id],
        "evidence": [m.sentence],
    }


def event_pairs(
    fs: Any, ev: dict[str, Any], lab: dict[str, Any], path: Path, rules_only: bool = False
) -> tuple[list[list[float]], list[int]]:
    """Features and labels of the candidate pairs of one event."""
    loaded = load_event(ev, path)
    arts = loaded.articles
    arts, scans = _prepared(arts)
    key_groups, rules = _rule_pairs(scans)
    sources = [{"id": a.id, "origin": a.origin, "url": a.url} for a in arts]
    proj = fs.Project({"facts": [], "sources": sources}, ev["articles"], str(path))
    PREPARED[lab["event_id"]] = (
        arts,
        scans,
        key_groups,
        rules,
        sources,
        [as_dict(f) for f in _facts_of(arts, scans)],
        str(path),
    )
    specs = [(fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]]
    facts = pairing.EventFacts(scans, [a.published for a in arts])
    xs, ys = [], []

    for a, b, r in pairing.candidate_pairs(scans, rules):
        if rules_only and not r:
            continue  # only the rules' pairs of this event were judged
        fa, fb = mention_fact(a, arts), mention_fact(b, arts)
        hit = [
            i
            for i, ((va, aa), (vb, ab)) in enumerate(specs)
            if (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb))
            or (fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa))
        ]
        y = bool(hit)
        COVERED.setdefault(lab["event_id"], set()).update(hit)
        xs.append(pairing.features(a, b, r, facts))
        ys.append(int(y))
    return xs, ys


#: event id -> (articles, scans, step-1 groups, rule pairs, sources, facts, file name)
PREPARED: dict[str, tuple[Any, ...]] = {}


def as_dict(f: Any) -> dict[str, Any]:
    return {
        "value": f.value,
        "normalized": f.normalized,
        "article_ids": list(f.article_ids),
        "evidence": list(f.evidence),
        "measure": f.measure,
    }


#: event id -> indexes of its labelled disagreements some candidate pair matches
COVERED: dict[str, set[int]] = {}


#: the grid of (veto, threshold) tried; the first is the rules' own decision
GRID = [(v, t) for v in (0.0, 0.2, 0.3, 0.4, 0.5) for t in (1.01, 0.95, 0.9, 0.85, 0.8)]


def fit(xs: list[list[float]], ys: list[int], c: float, judge: Any = None) -> pairing.Model:
    """Logistic regression over the candidate pairs; then the veto and the threshold
    with the best F0.5 of the reported disagreements (``judge(model) -> (P, R)``, the
    shared scorer on the training events), the rules' own decision unless another is
    strictly better."""
    x, y = np.array(xs), np.array(ys)
    lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    lr.fit(x, y)
    weights, intercept = tuple(float(w) for w in lr.coef_[0]), float(lr.intercept_[0])
    if judge is None:
        return pairing.Model(weights, intercept, 1.01, 0.0)
    best, choice = -1.0, GRID[0]
    for veto, thr in GRID:
        prec, rec = judge(pairing.Model(weights, intercept, thr, veto))
        f = 1.25 * prec * rec / (0.25 * prec + rec) if prec + rec else 0.0
        if f > best + 1e-9:
            best, choice = f, (veto, thr)
    return pairing.Model(weights, intercept, choice[1], choice[0])


def decided(event_id: str, model: Any) -> dict[str, Any]:
    """What compare() reports for a prepared event under a pairing model (False: rules),
    the clock times compare/clock.py pairs included (no model decides those)."""
    arts, scans, key_groups, rules, sources, facts, _name = PREPARED[event_id]
    groups = _decide(scans, arts, key_groups, rules, None if model is False else model)
    dis = [
        {"measure": d.measure, "values": [as_dict(f) for f in d.facts]}
        for d in _disagreements(arts, groups) + clock_disagreements(arts, scans)
    ]
    return {"facts": facts, "disagreements": dis, "sources": sources}


def score(
    fs: Any, items: list[tuple[dict[str, Any], dict[str, Any]]], path: Path, model: Any = None
) -> dict[str, int]:
    """The shared scorer's counts over events: the full summarize path (model None: the
    active one), or compare()'s decision alone on prepared events under ``model``."""
    c = {"f_tot": 0, "f_hit": 0, "d_tot": 0, "d_hit": 0, "r_tot": 0, "r_ok": 0}
    for ev, lab in items:
        if model is None:
            out, name = project_json(ev, path), str(path)
        else:
            out, name = decided(lab["event_id"], model), PREPARED[lab["event_id"]][-1]
        proj = fs.Project(out, ev["articles"], name)
        for f in lab["facts"]:
            c["f_tot"] += 1
            c["f_hit"] += any(
                fs.fact_hits(proj, f["values"], set(f["articles"]), pf) for pf in proj.all_facts
            )
        specs = [
            (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
        ]

        def matches(pd: dict[str, Any], spec: Any, proj: Any = proj) -> bool:
            return pair_matches(fs, proj, pd, *spec)

        for spec in specs:
            c["d_tot"] += 1
            c["d_hit"] += any(matches(pd, spec) for pd in proj.disagreements)
        for pd in proj.disagreements:
            c["r_tot"] += 1
            c["r_ok"] += any(matches(pd, spec) for spec in specs)
    return c


def line(name: str, how: str, c: dict[str, int]) -> str:
    def r(a: int, b: int) -> str:
        return f"{a / b:.2f}" if b else "-"

    return (
        f"| {name} | {how} | {r(c['f_hit'], c['f_tot'])} | {r(c['r_ok'], c['r_tot'])} "
        f"({c['r_ok']}/{c['r_tot']}) | {r(c['d_hit'], c['d_tot'])} ({c['d_hit']}/{c['d_tot']}) |"
    )


def add(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) + b[k] for k in b}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    ap.add_argument("--own", type=Path, default=OWN, help="our own labels (train_facts format)")
    ap.add_argument(
        "--groups-labels",
        type=Path,
        default=GROUPS_LABELS,
        help="our own labels of groups_dev.jsonl events; pass '' to leave them out",
    )
    ap.add_argument(
        "--new-labels",
        type=Path,
        default=NEW_LABELS,
        help="our own labels of train.jsonl events not labelled before; pass '' to leave them out",
    )
    ap.add_argument(
        "--dev-labels",
        type=Path,
        default=ROOT / "tests" / "data" / "facts_labels.json",
        help="the dev hand labels, also fitted on (converted to the train_facts "
        "format); pass '' to leave them out",
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularization strength")
    ap.add_argument(
        "--rules-only",
        action="store_true",
        help="only score the rules' decision per part (no fitting)",
    )
    ap.add_argument(
        "--hide-heldout",
        action="store_true",
        help="leave the held-out part out of the table (while working on rules)",
    )
    ap.add_argument("--write", action="store_true", help=f"write {MODEL.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    if not (args.data / "train_facts.jsonl").exists():
        print("fit_pairing: error: no train_facts.jsonl", file=sys.stderr)
        return 2
    fs = scorer(args.tools)
    events = read_events(args.data)
    shared = read_jsonl(args.data / "train_facts.jsonl")
    own = read_jsonl(args.own) if args.own.exists() else []
    part = split_of(shared)
    labelled = [(lab, part[lab["event_id"]]) for lab in shared]
    labelled += [
        (lab, "own, rules judged" if lab.get("judged") == "rules" else "own")
        for lab in own
        if lab["event_id"] in events
    ]
    if str(args.groups_labels) not in ("", "."):
        for item in groups_events(args.data, args.groups_labels):
            events[item["event"]["id"]] = item["event"]
            labelled.append((item["label"], "own (groups_dev)"))
    if str(args.new_labels) not in ("", "."):
        taken = {lab["event_id"] for lab, _ in labelled}
        labelled += [
            (lab, "own (train, new)")
            for lab in read_new_labels(args.new_labels, events)
            if lab["event_id"] not in taken
        ]
    if args.dev_labels and args.dev_labels.exists():
        labelled += [(lab, "dev") for lab in dev_labels(args.dev_labels, events)]
    if args.hide_heldout:  # not even prepared: its coverage count is a held-out figure too
        labelled = [(lab, p) for lab, p in labelled if p != "heldout"]
    part_of = {lab["event_id"]: p for lab, p in labelled}
    labs = {lab["event_id"]: lab for lab, _ in labelled}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        data = {}
        for lab, p in labelled:
            data[lab["event_id"]] = event_pairs(
                fs, events[lab["event_id"]], lab, path, rules_only=p == "own, rules judged"
            )
        n_pos = sum(sum(ys) for _, ys in data.values())
        n_all = sum(len(ys) for _, ys in data.values())
        print(
            f"{len(labelled)} labelled events ({Counter(part_of.values())}), {n_all} candidate "
            f"pairs, {n_pos} matching a labelled disagreement; labelled disagreements with a "
            f"candidate: {sum(map(len, COVERED.values()))} of "
            f"{sum(len(lab['disagreements']) for lab, _ in labelled)}\n"
        )

        def fitted(ids: list[str]) -> pairing.Model:
            xs = [x for e in ids for x in data[e][0]]
            ys = [y for e in ids for y in data[e][1]]
            items = [(events[e], labs[e]) for e in ids]

            def judge(m: pairing.Model) -> tuple[float, float]:
                c = score(fs, items, path, m)
                return c["r_ok"] / max(1, c["r_tot"]), c["d_hit"] / max(1, c["d_tot"])

            return fit(xs, ys, args.c, judge)

        def per_part(model: Any, ids: list[str]) -> dict[str, dict[str, int]]:
            out: dict[str, dict[str, int]] = {}
            for e in ids:
                got = score(fs, [(events[e], labs[e])], path, model)
                out[part_of[e]] = add(out.get(part_of[e], {}), got)
            return out

        ids = [lab["event_id"] for lab, _ in labelled]
        if args.hide_heldout:
            ids = [e for e in ids if part_of[e] != "heldout"]
        if args.rules_only:
            got = per_part(False, ids)
            print("| part (events) | decided by | facts R | disagreements P | disagreements R |")
            print("|---|---|---|---|---|")
            for p, c in got.items():
                n = sum(1 for e in ids if part_of[e] == p)
                print(line(f"{p} ({n})", "rules", c))
            return 0
        fit_parts = (
            "tune",
            "own",
            "own, rules judged",
            "own (groups_dev)",
            "own (train, new)",
            "dev",
        )
        model = fitted([e for e in ids if part_of[e] in fit_parts])
        rules_only = per_part(False, ids)
        fixed = per_part(model, ids)
        order = list(ids)
        random.Random(14).shuffle(order)
        k = max(2, args.folds)
        kfold: dict[str, dict[str, int]] = {}
        for f in range(k):
            test = order[f::k]
            got = per_part(fitted([e for e in ids if e not in test]), test)
            for p, c in got.items():
                kfold[p] = add(kfold.get(p, {}), c)
        pairing.active = None
        print("| part (events) | decided by | facts R | disagreements P | disagreements R |")
        print("|---|---|---|---|---|")
        for p in (
            "tune",
            "heldout",
            "own",
            "own, rules judged",
            "own (groups_dev)",
            "own (train, new)",
            "dev",
        ):
            if p not in rules_only:
                continue
            n = sum(1 for e in ids if part_of[e] == p)
            seen = "fitted on" if p in fit_parts else "**not fitted on**"
            print(line(f"{p} ({n})", "rules", rules_only[p]))
            print(line(f"{p} ({n})", f"model fitted on tune+own+dev ({seen})", fixed[p]))
            print(line(f"{p} ({n})", f"model, {k}-fold (unseen)", kfold[p]))
        total = {}
        for p in kfold:
            total = add(total, kfold[p])
        rtotal = {}
        for p in rules_only:
            rtotal = add(rtotal, rules_only[p])
        print(line(f"all ({len(ids)})", "rules", rtotal))
        print(line(f"all ({len(ids)})", f"model, {k}-fold (unseen)", total))
        print("\nweights of the model fitted on tune+own+dev:")
        for name, w in sorted(
            zip(pairing.FEATURES, model.weights, strict=True), key=lambda x: -abs(x[1])
        ):
            print(f"  {name:18s} {w:+.3f}")
        print(
            f"  intercept {model.intercept:+.3f}, threshold {model.threshold:.3f}, "
            f"veto {model.veto:.3f}"
        )
    if args.write and model.veto == 0.0 and model.threshold > 1.0:
        print("the fitted cut-offs keep the rules' decision: no model file written")
    elif args.write:
        MODEL.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
