"""Quality and speed of newsbrief.compare (facts and disagreements).

Quality on the hand labels of 20 train events (../shared/data/train_facts.jsonl), scored
by the project's shared scorer (../shared/tools/facts_score.py, imported, run in process
through the same path as `newsbrief summarize --format json`), on a fixed split by event:
the label file's event ids sorted, even positions are the TUNE part (read and tuned on),
odd positions the HELD-OUT part (not read while tuning; report these); then our own labels
of the 37 multi-article events of ../shared/data/groups_dev.jsonl
(bench/data/groups_pair_labels.jsonl: the "own (groups_dev)" part, read and tuned on) and
of 28 train.jsonl events no one had labelled (bench/data/new_pair_labels.jsonl: the "own
(train, new)" part) and blind labels of the 9 dev.jsonl events not in tests/data/facts_labels.json
(bench/data/dev_pair_labels.jsonl: the "own (dev, blind)" part); --hide-heldout leaves the held-out part out while working. It also counts
noisy facts of the kinds issue 14 names (weekday/demonym/title words as places,
suffixes and country codes as organizations, paywall text, "age of X" twice).

Quality: precision and recall of fact extraction and of disagreement detection against
the hand labels in tests/data/facts_labels.json, per label split (tuning: labelled
first and used to tune the rules; heldout: labelled after a first round of tuning;
final: labelled last and scored once) and for all labels together.

Speed: fact extraction over all dev articles, best of --repeat runs, with two peers
measured in the same run on the same articles: sentence splitting (the cheapest
stage) and the summarize stage, so the ratios survive a noisy machine.

    .venv/bin/python bench/facts_quality.py                  # print the figures
    .venv/bin/python bench/facts_quality.py --write docs/facts.md   # and update the doc
    .venv/bin/python bench/facts_quality.py --train-only -v   # the train split only, details
    .venv/bin/python bench/facts_quality.py --train-only --hide-heldout -v --details own
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsbrief.compare import extract_facts
from newsbrief.evaluate_facts import score_against_labels
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.summarize import summarize_articles
from newsbrief.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- facts-quality:begin -->", "<!-- facts-quality:end -->"
#: our own labels of the multi-article events of groups_dev.jsonl (train_facts format)
GROUPS_LABELS = ROOT / "bench" / "data" / "groups_pair_labels.jsonl"
#: our own labels of 28 train.jsonl events nobody had labelled (train_facts format, stop 24)
NEW_LABELS = ROOT / "bench" / "data" / "new_pair_labels.jsonl"
#: blind labels of the 9 dev.jsonl events not in tests/data/facts_labels.json (stop 25)
DEV_LABELS = ROOT / "bench" / "data" / "dev_pair_labels.jsonl"


NOISE_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
NOISE_PLACES |= {"muslim", "christian", "dr", "mr", "mrs", "ms", "prof"}
NOISE_ORGS = {"llc", "ie", "nz", "inc", "ltd", "plc", "co", "corp"}
PAYWALL = re.compile(r"free articles?|subscri|sign in|log in|newsletter|cookies?", re.I)


def pair_matches(fs: Any, proj: Any, pd: dict[str, Any], side_a: Any, side_b: Any) -> bool:
    """Whether reported disagreement ``pd`` holds both labelled sides (value, articles) on
    two different values: the shared scorer's matching, used by every facts bench script."""
    (va, aa), (vb, ab) = side_a, side_b
    vals = pd["values"]
    return any(
        i != j and fs.fact_hits(proj, va, aa, vals[i]) and fs.fact_hits(proj, vb, ab, vals[j])
        for i in range(len(vals))
        for j in range(len(vals))
    )


def scorer(tools: Path) -> Any:
    """The shared facts scorer as a module (standard library only)."""
    spec = importlib.util.spec_from_file_location("facts_score", tools / "facts_score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(tools / "facts_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def split_of(labels: list[dict[str, Any]]) -> dict[str, str]:
    """event id -> "tune" | "heldout": sorted ids, even positions tune, odd held out."""
    ids = sorted(lab["event_id"] for lab in labels)
    return {e: ("tune" if i % 2 == 0 else "heldout") for i, e in enumerate(ids)}


def project_json(ev: dict[str, Any], path: Path) -> dict[str, Any]:
    """What `newsbrief summarize PATH --format json` prints for the event's articles."""
    from newsbrief import pipeline
    from newsbrief.render import render

    settings = Settings()
    loaded = load_event(ev, path, settings)
    brief = pipeline.brief_from_articles(loaded.articles, settings)
    return json.loads(render(brief, "json", loaded.problems))


def load_event(ev: dict[str, Any], path: Path, settings: Settings | None = None) -> Any:
    """The event's articles as `newsbrief` loads them: written to PATH as JSON Lines (title,
    text, url, date) and read back by `pipeline.load` (the result has `.articles`)."""
    from newsbrief import pipeline

    with path.open("w", encoding="utf-8") as fh:
        for a in ev["articles"]:
            fh.write(json.dumps({k: a.get(k, "") for k in ("title", "text", "url", "date")}) + "\n")
    return pipeline.load([str(path)], settings or Settings())


def noisy(facts: list[dict[str, Any]]) -> list[str]:
    """Facts of the noisy kinds issue 14 lists."""
    out = []
    ages: dict[tuple[str, str], int] = {}
    for f in facts:
        kind, value = f.get("kind"), str(f.get("value") or "")
        measure = str(f.get("measure") or "")
        if kind == "place" and value.lower().strip(".") in NOISE_PLACES:
            out.append(f"place {value!r}")
        elif kind == "organization" and value.lower().strip(".") in NOISE_ORGS:
            out.append(f"organization {value!r}")
        elif PAYWALL.search(measure) or (
            kind not in ("person", "place", "organization") and PAYWALL.search(value)
        ):
            out.append(f"paywall {measure}: {value!r}")
        if measure.startswith("age of "):  # one person's one age under two names
            k = (measure.split()[-1], str(f.get("normalized")))
            ages[k] = ages.get(k, 0) + 1
            if ages[k] == 2:
                out.append(f"duplicate {measure!r} = {value!r}")
    return out


def groups_events(data: Path, labels_path: Path = GROUPS_LABELS) -> list[dict[str, Any]]:
    """Our own labels of groups_dev.jsonl events (bench/data/groups_pair_labels.jsonl), each
    with the event's articles (in file order) under ``articles``; [] when either is missing."""
    pool = data / "groups_dev.jsonl"
    if not pool.exists() or not labels_path.is_file():
        return []
    articles: dict[str, list[dict[str, Any]]] = {}
    with pool.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                a = json.loads(line)
                articles.setdefault(a["event"], []).append(a)
    with labels_path.open(encoding="utf-8") as fh:
        labels = [json.loads(line) for line in fh if line.strip()]
    return [
        {"label": lab, "event": {"id": lab["event_id"], "articles": articles[lab["event_id"]]}}
        for lab in labels
        if lab["event_id"] in articles
    ]


def read_new_labels(path: Path, events: dict[str, Any]) -> list[dict[str, Any]]:
    """Our own labels of train.jsonl events (bench/data/new_pair_labels.jsonl) whose event
    is in ``events``; [] when the file is missing."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        labels = [json.loads(line) for line in fh if line.strip()]
    return [lab for lab in labels if lab["event_id"] in events]


def dev_events(data: Path) -> dict[str, Any]:
    """The dev.jsonl events by id; {} when the file is missing."""
    path = data / "dev.jsonl"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {e["id"]: e for e in (json.loads(line) for line in fh if line.strip())}


def train_quality(
    data: Path,
    tools: Path,
    verbose: bool,
    details: str = "tune",
    hide_heldout: bool = False,
    groups_labels: Path = GROUPS_LABELS,
    new_labels: Path = NEW_LABELS,
    dev_labels: Path = DEV_LABELS,
) -> tuple[str, dict[str, dict[str, float]]]:
    """Markdown table of the shared scorer's figures per part (tune, held-out, all of
    train_facts.jsonl; our own groups_dev labels; our own labels of new train events;
    our own blind labels of dev events)."""
    fs = scorer(tools)
    events = {}
    with (data / "train.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                e = json.loads(line)
                events[e["id"]] = e
    with (data / "train_facts.jsonl").open(encoding="utf-8") as fh:
        labels = [json.loads(line) for line in fh if line.strip()]
    part = split_of(labels)
    if hide_heldout:
        labels = [lab for lab in labels if part[lab["event_id"]] != "heldout"]
    for item in groups_events(data, groups_labels):
        events[item["event"]["id"]] = item["event"]
        labels.append(item["label"])
        part[item["label"]["event_id"]] = "own"
    for lab in read_new_labels(new_labels, events):
        if lab["event_id"] not in part:  # never a train_facts event twice
            labels.append(lab)
            part[lab["event_id"]] = "new"
    dev = dev_events(data) if dev_labels.is_file() else {}
    for lab in read_new_labels(dev_labels, dev):
        if lab["event_id"] not in part:
            events[lab["event_id"]] = dev[lab["event_id"]]
            labels.append(lab)
            part[lab["event_id"]] = "dev"
    zero = {"f_tot": 0, "f_hit": 0, "d_tot": 0, "d_hit": 0, "r_tot": 0, "r_ok": 0, "noise": 0}
    counts = {p: dict(zero) for p in ("tune", "heldout", "own", "new", "dev")}
    seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab in labels:
            ev = events[lab["event_id"]]
            t0 = time.perf_counter()
            out = project_json(ev, path)
            seconds += time.perf_counter() - t0
            proj = fs.Project(out, ev["articles"], str(path))
            c = counts[part[lab["event_id"]]]
            show = verbose and details in ("all", part[lab["event_id"]])
            for f in lab["facts"]:
                c["f_tot"] += 1
                hit = any(
                    fs.fact_hits(proj, f["values"], set(f["articles"]), pf) for pf in proj.all_facts
                )
                c["f_hit"] += hit
                if show and not hit:
                    print(
                        f"  [{part[lab['event_id']]}] FACT MISS {f['measure']}: "
                        f"{f['values'][0]!r} art {f['articles']}: {f.get('quote', '')[:120]!r}"
                    )
            specs = [
                (d, fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b"))
                for d in lab["disagreements"]
            ]

            def matches(pd: dict[str, Any], spec: Any, proj: Any = proj) -> bool:
                return pair_matches(fs, proj, pd, spec[1], spec[2])

            for spec in specs:
                c["d_tot"] += 1
                ok = any(matches(pd, spec) for pd in proj.disagreements)
                c["d_hit"] += ok
                if show and not ok:
                    d = spec[0]
                    print(
                        f"  [{part[lab['event_id']]}] MISS {d['measure']}: "
                        f"{d['a']['value']!r} vs {d['b']['value']!r} [{d.get('note', '')}]"
                    )
            for pd in proj.disagreements:
                c["r_tot"] += 1
                ok = any(matches(pd, spec) for spec in specs)
                c["r_ok"] += ok
                if show and not ok:
                    vals = " vs ".join(str(v.get("value")) for v in pd["values"])
                    print(f"  [{part[lab['event_id']]}] FALSE {pd['measure']}: {vals}")
            bad = noisy(proj.facts)
            c["noise"] += len(bad)
            if show:
                for b in bad:
                    print(f"  [{part[lab['event_id']]}] NOISY {b}")
    counts["all"] = {k: counts["tune"][k] + counts["heldout"][k] for k in zero}

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    rows, figures = [], {}
    names = {
        "tune": "train_facts tune (tuned on)",
        "heldout": "train_facts **held-out** (not tuned on)",
        "all": "train_facts all",
        "own": "own (groups_dev; read, tuned on)",
        "new": "own (train, new)",
        "dev": "own (dev, blind)",
    }
    shown = ["tune"] if hide_heldout else ["tune", "heldout", "all"]
    for extra in ("own", "new", "dev"):
        if any(v == extra for v in part.values()):
            shown.append(extra)
    for p in shown:
        c = counts[p]
        fig = {
            "facts_R": ratio(c["f_hit"], c["f_tot"]),
            "dis_P": ratio(c["r_ok"], c["r_tot"]),
            "dis_R": ratio(c["d_hit"], c["d_tot"]),
        }
        figures[p] = fig
        n_events = sum(
            1 for v in part.values() if v == p or (p == "all" and v in ("tune", "heldout"))
        )
        rows.append(
            f"| {names[p]} | {n_events} | {c['f_tot']} | {fig['facts_R']:.2f} | {c['d_tot']} | "
            f"{c['r_tot']} | {fig['dis_P']:.2f} | {fig['dis_R']:.2f} | {c['noise']} |"
        )
    head = (
        "| part | events | facts labelled | facts R | disagreements "
        "labelled | reported | disagreements P | disagreements R | noisy facts |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
    )
    tail = (
        f"\nsummarize + compare of the {len(labels)} events in process: {seconds:.2f} s in all.\n"
    )
    return head + "\n".join(rows) + "\n" + tail, figures


def load_events(data: Path) -> list[dict[str, Any]]:
    """The dev.jsonl records."""
    with (data / "dev.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def cleaner() -> Any:
    """newsbrief.clean.clean_article with default settings, or None when not available."""
    try:
        from newsbrief.clean import clean_article
    except ImportError:
        return None
    settings = Settings()
    return lambda a: clean_article(a, settings)


def best_of(repeat: int, fn: Any) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def quality_table(
    events: list[dict[str, Any]], labels: dict[str, Any], clean: Any
) -> tuple[str, dict[str, Any]]:
    """Markdown table of the scores per split, and the detailed result for all labels."""
    splits = sorted(
        {e.get("split", "") for e in labels["events"]}, key=["tuning", "heldout", "final"].index
    )
    rows = []
    results = {}
    for split in [*splits, None]:
        r = score_against_labels(events, labels, clean=clean, split=split)
        results[split or "all"] = r
        rows.append(
            f"| {split or '**all**'} | {r['events']} | {r['facts_labelled']} | "
            f"{r['facts_precision']:.3f} | {r['facts_recall']:.3f} | {r['relation_accuracy']:.3f} | "
            f"{r['disagreements_labelled']} | {r['disagreements_detected']} | "
            f"{r['disagreements_precision']:.3f} | {r['disagreements_recall']:.3f} |"
        )
    head = (
        "| labels | events | facts labelled | facts P | facts R | relation acc. | "
        "disagreements labelled | detected | disagreements P | disagreements R |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
    )
    return head + "\n".join(rows) + "\n", results


def speed_table(events: list[dict[str, Any]], repeat: int) -> str:
    """Markdown table: extraction time over all dev articles against two peers."""
    groups = [
        [Article.create(a["text"], title=a.get("title", ""), url=a["url"]) for a in e["articles"]]
        for e in events
    ]
    flat = [a for g in groups for a in g]
    settings = Settings()
    extract = best_of(repeat, lambda: [extract_facts(a) for a in flat])
    split = best_of(repeat, lambda: [split_sentences(a.text) for a in flat])
    summarize = best_of(repeat, lambda: [summarize_articles(g, settings) for g in groups])
    return (
        f"| step ({len(flat)} articles, {len(groups)} events, best of {repeat}) | seconds | "
        "ratio to extraction |\n|---|---|---|\n"
        f"| fact extraction (`extract_facts`) | {extract:.3f} | 1.0 |\n"
        f"| peer: sentence splitting (`split_sentences`) | {split:.3f} | {split / extract:.2f} |\n"
        f"| peer: summarize stage (`summarize_articles`) | {summarize:.3f} | {summarize / extract:.2f} |\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--labels", type=Path, default=ROOT / "tests" / "data" / "facts_labels.json")
    ap.add_argument(
        "--clean", action="store_true", help="clean the articles first (newsbrief.clean)"
    )
    ap.add_argument("--repeat", type=int, default=5, help="timing runs, the best one counts")
    ap.add_argument(
        "--write", type=Path, help=f"replace the block between {BEGIN} and {END} in this file"
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list false alarms and misses")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    ap.add_argument(
        "--train-only",
        action="store_true",
        help="only the train_facts split and our own groups_dev labels",
    )
    ap.add_argument(
        "--hide-heldout",
        action="store_true",
        help="leave the held-out part of train_facts.jsonl out (while working on rules)",
    )
    ap.add_argument(
        "--groups-labels",
        type=Path,
        default=GROUPS_LABELS,
        help="our own labels of groups_dev.jsonl events (pass '' to leave them out)",
    )
    ap.add_argument(
        "--new-labels",
        type=Path,
        default=NEW_LABELS,
        help="our own labels of train.jsonl events not in train_facts (pass '' to leave them out)",
    )
    ap.add_argument(
        "--dev-labels",
        type=Path,
        default=DEV_LABELS,
        help="our own blind labels of dev.jsonl events (pass '' to leave them out)",
    )
    ap.add_argument(
        "--details",
        choices=("tune", "own", "new", "dev", "heldout", "all"),
        default="tune",
        help="which part of train_facts.jsonl -v lists (default: tune; read held-out failures "
        "only once the rules are settled)",
    )
    args = ap.parse_args(argv)
    if (
        not (args.data / "train_facts.jsonl").exists()
        or not (args.tools / "facts_score.py").exists()
    ):
        print("facts_quality: error: no train_facts.jsonl or facts_score.py", file=sys.stderr)
        return 2
    if args.hide_heldout and args.details in ("heldout", "all"):
        args.details = "tune"
    train, _ = train_quality(
        args.data,
        args.tools,
        args.verbose,
        args.details,
        hide_heldout=args.hide_heldout,
        groups_labels=args.groups_labels if str(args.groups_labels) not in ("", ".") else Path(""),
        new_labels=args.new_labels if str(args.new_labels) not in ("", ".") else Path(""),
        dev_labels=args.dev_labels if str(args.dev_labels) not in ("", ".") else Path(""),
    )
    train = (
        "Hand labels of train events (train_facts.jsonl; fixed split by event: sorted ids, "
        "even = tune, odd = held-out) and our own labels of the groups_dev.jsonl events "
        "(bench/data/groups_pair_labels.jsonl) and of new train events "
        "(bench/data/new_pair_labels.jsonl) and blind labels of dev events "
        "(bench/data/dev_pair_labels.jsonl), scored by ../shared/tools/facts_score.py:\n\n" + train
    )
    if args.train_only:
        print(train)
        return 0
    if not (args.data / "dev.jsonl").exists():
        print(f"facts_quality: error: no dev.jsonl in {args.data}", file=sys.stderr)
        return 2
    events = load_events(args.data)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    clean = cleaner() if args.clean else None
    if args.clean and clean is None:
        print("facts_quality: error: newsbrief.clean is not available", file=sys.stderr)
        return 2
    quality, results = quality_table(events, labels, clean)
    speed = speed_table(events, max(1, args.repeat))
    cmd = "`.venv/bin/python bench/facts_quality.py" + (" --clean" if args.clean else "") + "`"
    block = f"{BEGIN}\nMeasured with {cmd}{' (articles cleaned first)' if clean else ' (raw article text)'}.\n\n"
    block += train + "\n" + quality + "\n" + speed
    everything = results["all"]
    block += "\nFalse alarms (all labels): " + (
        "; ".join(everything["false_alarms"]) if everything["false_alarms"] else "none"
    )
    block += ".\n\nLabelled disagreements not found: " + (
        "; ".join(everything["missed"]) if everything["missed"] else "none"
    )
    block += f".\n{END}"
    print(block)
    if args.verbose:
        for name in ("extra_facts", "missed_facts"):
            print(f"\n{name}:")
            for item in everything[name]:
                print("  ", item)
    if args.write:
        doc = args.write.read_text(encoding="utf-8")
        if BEGIN not in doc or END not in doc:
            print(
                f"facts_quality: error: {args.write} has no {BEGIN} ... {END} block",
                file=sys.stderr,
            )
            return 2
        head, rest = doc.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        args.write.write_text(head + block + tail, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
