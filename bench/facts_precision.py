"""Fact precision by hand: every fact newsbrief shows for a few events, to be judged.

    .venv/bin/python bench/facts_precision.py                      # list the 9 blind dev events' facts
    .venv/bin/python bench/facts_precision.py --events wcep-20180604-3
    .venv/bin/python bench/facts_precision.py --judgements bench/data/dev_fact_judgements.jsonl
    .venv/bin/python bench/facts_precision.py --data ../shared/data/train.jsonl \
        --judgements bench/data/train_fact_judgements.jsonl   # 3 train events (stop 27)

The pipeline runs exactly as bench/facts_quality.py's ``project_json`` runs it (the event's
articles written as JSON Lines, read, summarized and compared as `newsbrief summarize PATH
--format json` does), and every fact of the JSON output (``facts``; a disagreement's values
are facts too and are listed there) is printed as one numbered block: kind, measure, value
(normalized, relation, unit), then each article it cites (its 0-based index in the data
file, its source number in the brief, its outlet) with the evidence sentence. The events'
disagreements follow, then three checks of issue 14's noise: the noisy facts
bench/facts_quality.py counts (weekday, faith and title words as places, company suffixes
as organizations, paywall text, one age under two names), disagreements whose values are
all stated by one article (an article disagreeing with itself), and citation marks of the
text output that are not in increasing order.

With ``--judgements FILE`` (JSON Lines, one judgement a line: ``{"event", "kind",
"measure", "value", "verdict", "why"}``, verdict one of VERDICTS, optional ``"vague":
true`` for a right but uninformative measure name) it prints precision per kind and
overall (ok / judged; "strict" also counts a vague measure as wrong), the facts without a
judgement (new facts of changed code) and the judgements that match no fact any more.
A fact is matched by (event, kind, measure, value).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
DEV_LABELS = ROOT / "bench" / "data" / "dev_pair_labels.jsonl"
JUDGEMENTS = ROOT / "bench" / "data" / "dev_fact_judgements.jsonl"
VERDICTS = ("ok", "wrong value", "wrong measure", "not a figure", "noise")
NUMERIC = ("quantity", "money", "percent", "duration", "age", "measurement", "magnitude")
KIND_ORDER = (*NUMERIC, "ordinal", "date", "weekday", "time", "person", "place", "organization")
#: rows that sum kinds: the figures, the when-facts, the names
GROUPS = {
    "numbers": (*NUMERIC, "ordinal"),
    "when": ("date", "weekday", "time"),
    "names": ("person", "place", "organization"),
}
CITES = re.compile(r"\[(\d+(?:,\d+)*)\]")

Key = tuple[str, str, str, str]


def blind_ids(path: Path = DEV_LABELS) -> list[str]:
    """The event ids of the blind dev labels, in file order."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["event_id"] for line in fh if line.strip()]


def load_events(data: Path, ids: list[str]) -> list[dict[str, Any]]:
    """The events of a WCEP-style JSON Lines file named in ``ids``, in the order of ``ids``."""
    found: dict[str, dict[str, Any]] = {}
    with data.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                ev = json.loads(line)
                if ev["id"] in ids:
                    found[ev["id"]] = ev
    missing = [i for i in ids if i not in found]
    if missing:
        raise SystemExit(f"facts_precision: not in {data}: {', '.join(missing)}")
    return [found[i] for i in ids]


def event_output(ev: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The JSON object and the text output of newsbrief for the event (project_json's path)."""
    from facts_quality import project_json
    from newsbrief import pipeline
    from newsbrief.render import render
    from newsbrief.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        proj = project_json(ev, path)
        settings = Settings()
        loaded = pipeline.load([str(path)], settings)
        text = render(pipeline.brief_from_articles(loaded.articles, settings), "text")
    return proj, text


def article_index(proj: dict[str, Any]) -> dict[str, tuple[int, int, str]]:
    """article id -> (0-based index in the data file, source number, outlet)."""
    out = {}
    for s in proj["sources"]:
        line = int(str(s.get("origin") or ":0").rsplit(":", 1)[-1] or 0)
        out[s["id"]] = (line - 1, s["number"], s.get("source") or "")
    return out


def fact_key(event: str, f: dict[str, Any]) -> Key:
    return (event, str(f["kind"]), str(f["measure"]), str(f["value"]))


def sort_facts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts in a stable reading order: by kind (numeric first), then measure, then value."""
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(
        facts, key=lambda f: (rank.get(f["kind"], 99), f["measure"].lower(), str(f["value"]))
    )


def self_disagreements(proj: dict[str, Any]) -> list[str]:
    """Disagreements all of whose values are stated by one and the same article."""
    out = []
    for d in proj.get("disagreements", []):
        arts = [set(v["article_ids"]) for v in d["values"]]
        if len(set.union(*arts)) == 1:
            out.append(f"{d['measure']}: " + " vs ".join(v["value"] for v in d["values"]))
    return out


def unsorted_citations(text: str) -> list[str]:
    """Citation marks of the text output whose numbers are not strictly increasing."""
    out = []
    for m in CITES.finditer(text):
        nums = [int(n) for n in m.group(1).split(",")]
        if nums != sorted(set(nums)):
            out.append(m.group(0))
    return out


def json_order(proj: dict[str, Any]) -> list[str]:
    """Facts of the JSON output whose ``article_ids`` are not in source-number order (the
    text output sorts its marks; the JSON keeps the order compare found them in)."""
    number = {s["id"]: s["number"] for s in proj["sources"]}
    out = []
    for f in proj["facts"]:
        nums = [number.get(a, 0) for a in f["article_ids"]]
        if nums != sorted(nums):
            out.append(f"{f['measure']} {f['value']!r} {nums}")
    return out


def listing(events: list[dict[str, Any]], judged: dict[Key, dict[str, Any]] | None = None) -> str:
    """Every fact of every event as numbered blocks, with the disagreements and noise checks."""
    from facts_quality import noisy

    lines: list[str] = []
    n = 0
    for ev in events:
        proj, text = event_output(ev)
        where = article_index(proj)
        facts = sort_facts(proj["facts"])
        lines += ["", f"=== {ev['id']}: {len(facts)} facts, {len(proj['sources'])} sources"]
        for f in facts:
            n += 1
            j = (judged or {}).get(fact_key(ev["id"], f))
            mark = f"  [judged: {j['verdict']}]" if j else ("  [NOT JUDGED]" if judged else "")
            lines.append(
                f"[{n}] {f['kind']} | {f['measure']} | {f['value']}"
                f"  (normalized {f['normalized']}, {f['relation']}, unit {f['unit'] or '-'})" + mark
            )
            for aid, sentence in zip(f["article_ids"], f["evidence"], strict=False):
                idx, num, outlet = where.get(aid, (-1, 0, "?"))
                lines.append(f"     art {idx} (#{num} {outlet}): {sentence}")
        for d in proj.get("disagreements", []):
            vals = " vs ".join(
                f"{v['value']} (arts {sorted(where[a][0] for a in v['article_ids'])})"
                for v in d["values"]
            )
            lines.append(f"  disagreement: {d['measure']}: {vals}")
        checks = {
            "noisy": noisy(proj["facts"]),
            "article disagreeing with itself": self_disagreements(proj),
            "unsorted citations (text)": unsorted_citations(text),
            "article_ids not in source order (JSON)": json_order(proj),
        }
        for name, found in checks.items():
            lines.append(f"  check {name}: {'; '.join(found) if found else 'none'}")
    return "\n".join(lines)


def read_judgements(path: Path) -> list[dict[str, Any]]:
    """The judgements of a JSON Lines file, each checked for its fields and verdict."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            j = json.loads(line)
            missing = {"event", "kind", "measure", "value", "verdict", "why"} - set(j)
            if missing or j["verdict"] not in VERDICTS:
                raise ValueError(f"{path}:{i}: bad judgement {sorted(missing) or j['verdict']}")
            out.append(j)
    return out


def precision(judgements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per kind, per group of GROUPS and "all": judged, ok, precision (ok / judged), strict
    precision (ok and not vague / judged) and the count of each verdict."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for j in judgements:
        groups.setdefault(j["kind"], []).append(j)
        for name, kinds in GROUPS.items():
            if j["kind"] in kinds:
                groups.setdefault(name, []).append(j)
        groups.setdefault("all", []).append(j)
    out = {}
    for kind, js in groups.items():
        ok = sum(j["verdict"] == "ok" for j in js)
        strict = sum(j["verdict"] == "ok" and not j.get("vague") for j in js)
        out[kind] = {
            "judged": len(js),
            "ok": ok,
            "precision": ok / len(js),
            "strict": strict / len(js),
            "verdicts": dict(Counter(j["verdict"] for j in js)),
        }
    return out


def report(events: list[dict[str, Any]], judgements: list[dict[str, Any]]) -> str:
    """Precision of the judged facts of ``events``, then the facts without a judgement and
    the judgements that match no fact the code now shows."""
    ids = {ev["id"] for ev in events}
    judged = {(j["event"], j["kind"], j["measure"], j["value"]): j for j in judgements}
    shown: set[Key] = set()
    for ev in events:
        proj, _ = event_output(ev)
        shown |= {fact_key(ev["id"], f) for f in proj["facts"]}
    now = [judged[k] for k in sorted(shown) if k in judged]
    rank = {k: i for i, k in enumerate((*KIND_ORDER, *GROUPS, "all"))}
    lines = ["kind           judged    ok  precision  strict  verdicts"]
    for kind, r in sorted(precision(now).items(), key=lambda kv: rank.get(kv[0], 98)):
        verdicts = ", ".join(f"{v} {c}" for v, c in sorted(r["verdicts"].items()))
        lines.append(
            f"{kind:<14} {r['judged']:>6} {r['ok']:>5}  {r['precision']:>9.3f}  "
            f"{r['strict']:>6.3f}  {verdicts}"
        )
    new = sorted(k for k in shown if k not in judged)
    gone = sorted(k for k in judged if k[0] in ids and k not in shown)
    lines.append(f"\nfacts without a judgement: {len(new)}")
    lines += [f"  {e} | {k} | {m} | {v}" for e, k, m, v in new]
    lines.append(f"judgements matching no fact shown now: {len(gone)}")
    lines += [f"  {e} | {k} | {m} | {v}" for e, k, m, v in gone]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev.jsonl")
    p.add_argument("--events", nargs="+", help="event ids (default: the 9 blind dev events)")
    p.add_argument("--judgements", type=Path, help="score this JSONL of judgements")
    p.add_argument("--mark", type=Path, help="list the facts, marking which FILE judges")
    args = p.parse_args(argv)
    if args.judgements:
        judgements = read_judgements(args.judgements)
        # the judged events by default (the 9 blind dev events for the dev file)
        ids = args.events or list(dict.fromkeys(j["event"] for j in judgements))
        print(report(load_events(args.data, ids), judgements))
        return 0
    events = load_events(args.data, args.events or blind_ids())
    marks = None
    if args.mark:
        marks = {
            (j["event"], j["kind"], j["measure"], j["value"]): j for j in read_judgements(args.mark)
        }
    print(listing(events, marks))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
