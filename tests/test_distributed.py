"""The Dask engine (newsbrief.distributed) on a 2-worker LocalCluster: same results as one machine.

One cluster of two worker processes serves the whole module. The tests compare the
engine with the single-machine digest (pipeline.load + digest.digest_articles) on the
dev set, check bad records, near-duplicates and Parquet input, kill a worker in the
middle of a run, and drive ``newsbrief digest --engine dask``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import cloudpickle  # noqa: E402  (a dependency of dask)
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from newsbrief import pipeline  # noqa: E402
from newsbrief.cli import main  # noqa: E402
from newsbrief.dedup import find_duplicates  # noqa: E402
from newsbrief.digest import digest_articles  # noqa: E402
from newsbrief.distributed import (  # noqa: E402
    DaskOptions,
    read_briefs,
    read_events,
    run_digest,
)
from newsbrief.render import event_json  # noqa: E402
from newsbrief.settings import Settings  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl"
ROOT = Path(__file__).resolve().parents[1]
# small partitions, so that even the dev set is cut into several
SMALL = DaskOptions(partition_bytes=24_000)

# the hook that kills a worker travels to the workers by value (they cannot import tests)
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def needs_dev() -> None:
    if not DEV.exists():
        pytest.skip(f"dev set not found at {DEV}")


@pytest.fixture(scope="module")
def client() -> Any:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def single_machine(path: Path) -> list[dict[str, Any]]:
    """The single-machine digest of a file, as JSON (one object per event, ranked)."""
    settings = Settings()
    loaded = pipeline.load([path], settings)
    return [event_json(e, b) for e, b in digest_articles(loaded.articles, settings)]


def without_rank(briefs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in b.items() if k != "rank"} for b in briefs]


def members(events: list[dict[str, Any]]) -> set[frozenset[str]]:
    return {frozenset(a["id"] for a in e["articles"]) for e in events}


@pytest.fixture(scope="module")
def dev_run(client: Any, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The engine's briefs of the dev set (clean run, shared by several tests)."""
    needs_dev()
    out = tmp_path_factory.mktemp("dev")
    result = run_digest([DEV], out, options=SMALL, client=client)
    assert result.counts["partitions"] > 3
    return read_briefs(out)


def test_dev_set_equals_single_machine_digest(dev_run: list[dict[str, Any]]) -> None:
    expected = single_machine(DEV)
    got = without_rank(dev_run)
    assert len(got) == len(expected) == 30
    assert [e["id"] for e in got] == [e["id"] for e in expected]  # same events, same ranks
    assert members(got) == members(expected)
    assert [e["headline"] for e in got] == [e["headline"] for e in expected]
    # the whole JSON, brief sentences, citations, facts and origins ("dev.jsonl:LINE") too
    assert got == expected
    assert [b["rank"] for b in dev_run] == list(range(1, 31))


def test_outputs_are_parquet_and_json_lines(client: Any, tmp_path: Path) -> None:
    needs_dev()
    out = tmp_path / "out"
    run_digest([DEV], out, options=DaskOptions(partition_bytes=60_000), client=client)
    events = pq.read_table(out / "events.parquet").to_pylist()
    briefs = pq.read_table(out / "briefs.parquet").to_pylist()
    listed = read_events(out)
    assert [e["rank"] for e in events] == list(range(1, len(events) + 1))
    assert events == listed
    assert [b["event_id"] for b in briefs] == [e["id"] for e in events]
    first = json.loads(briefs[0]["json"])
    assert first["headline"] == events[0]["headline"] == briefs[0]["headline"]
    assert [a["id"] for a in first["articles"]] == events[0]["article_ids"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["events"] == len(events)
    assert not (out / "_work").exists()


def test_blocking_paths_keep_the_events(client: Any, tmp_path: Path) -> None:
    """Blocks split by terms, components cut into date chunks, task-based shuffles: same events."""
    needs_dev()
    options = DaskOptions(partition_bytes=20_000, max_block=4, shuffle="tasks")
    result = run_digest([DEV], tmp_path, options=options, client=client)
    assert result.counts["split_blocks"] > 0 and result.counts["large_components"] > 0
    events = read_events(tmp_path)
    ids = [a for e in events for a in e["article_ids"]]
    assert len(ids) == len(set(ids)) == 152  # every article in exactly one event
    assert {frozenset(e["article_ids"]) for e in events} == members(single_machine(DEV))


def test_title_template_is_left_out_as_on_one_machine(client: Any, tmp_path: Path) -> None:
    """Titles of one template ("Headline number N") are left out of the vectors, as locally."""
    needs_dev()
    events = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()][:12]
    lines: list[str] = []
    for ev in events:
        for a in ev["articles"]:
            lines.append(
                json.dumps(
                    {
                        **a,
                        "id": a["url"],
                        "title": f"Headline number {len(lines)}",
                        "text": a["text"][:240],  # short: the title weighs much
                    }
                )
            )
    src = tmp_path / "templated.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_digest([src], out, options=DaskOptions(partition_bytes=4_000), client=client)
    assert result.counts["partitions"] > 3 and result.counts["templated"] == len(lines)
    got = {frozenset(e["article_ids"]) for e in read_events(out)}
    assert got == members(single_machine(src))
    assert len(got) > 5  # the template did not join the stories into one


def messy_corpus(path: Path) -> tuple[Path, dict[str, int]]:
    """Dev articles as flat records, with copies, a repeat and bad records; and a clean twin file.

    Returns the path of the clean twin (the good records only) and the expected rejects.
    """
    events = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()][:10]
    good: list[str] = []
    for ev in events:
        for a in ev["articles"]:
            good.append(json.dumps({"id": a["url"], **a}))
    # syndicated copies: another outlet, a line added at the end
    for k in (0, 7, 20):
        a = json.loads(good[k])
        a["url"] = a["url"].replace("://", "://mirror.") + "?copy"
        a["text"] = a["text"] + "\nThis story was first published by a partner site."
        good.append(json.dumps(a))
    good.append(good[3])  # the same article twice
    bad = [
        '{"title": "broken", "text": "no closing brace"',
        json.dumps({"title": "no text here", "url": "https://x.example/a", "date": "2016-09-26"}),
        json.dumps(
            {"title": "bad date", "text": "Some words here. " * 20, "date": "next Blursday"}
        ),
        json.dumps({"title": "huge", "text": "word " * 30_000}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "boilerplate", "text": "Follow us on Twitter"}),
    ]
    lines = []
    for i, g in enumerate(good):
        lines.append(g)
        if i % 9 == 4 and bad:
            lines.append(bad.pop(0))
    lines.extend(bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    twin = path.with_name("clean.jsonl")
    twin.write_text("\n".join(good) + "\n", encoding="utf-8")
    expected = {
        "invalid-json": 1,
        "no-text": 1,
        "invalid-date": 1,
        "too-long": 1,
        "not-an-object": 1,
        "empty-after-cleaning": 1,
    }
    return twin, expected


@pytest.fixture(scope="module")
def messy_run(client: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The engine on dev articles with copies, a repeat and bad records interleaved."""
    needs_dev()
    tmp = tmp_path_factory.mktemp("messy")
    path = tmp / "messy.jsonl"
    twin, expected = messy_corpus(path)
    out = tmp / "out"
    options = DaskOptions(partition_bytes=16_000, max_text_chars=100_000)
    result = run_digest([path], out, options=options, client=client)
    return {"path": path, "twin": twin, "expected": expected, "out": out, "result": result}


def test_bad_records_are_counted_and_written(messy_run: dict[str, Any]) -> None:
    path, out, result, expected = (messy_run[k] for k in ("path", "out", "result", "expected"))
    assert result.rejects == expected
    rejects = [json.loads(x) for x in (out / "rejects.jsonl").read_text().splitlines()]
    assert len(rejects) == sum(expected.values()) == result.counts["rejected"]
    lines = path.read_text(encoding="utf-8").split("\n")
    for r in rejects:
        assert r["input"] == str(path) and r["reason"]
        # the line number points at the rejected line of the file
        assert lines[r["line"] - 1].startswith(r["record"][:40])
        assert 0 <= r["partition"] < result.counts["partitions"]
    broken = next(r for r in rejects if r["kind"] == "invalid-json")
    assert lines[broken["line"] - 1] == broken["record"]


def test_duplicates_and_events_of_the_good_records(messy_run: dict[str, Any]) -> None:
    out, result, twin = messy_run["out"], messy_run["result"], messy_run["twin"]
    assert result.counts["repeated"] == 1 and result.counts["duplicates"] == 3
    settings = Settings()
    loaded = pipeline.load([twin], settings)
    dups = [json.loads(x) for x in (out / "duplicates.jsonl").read_text().splitlines()]
    # the copies found by shuffled LSH bands are those newsbrief.dedup finds on one machine
    assert {d["id"]: d["duplicate_of"] for d in dups} == find_duplicates(loaded.articles, settings)
    # the good records give the single-machine digest of the clean twin file
    got = read_briefs(out)
    expected = [event_json(e, b) for e, b in digest_articles(loaded.articles, settings)]
    assert members(got) == members(expected)
    assert [e["headline"] for e in got] == [e["headline"] for e in expected]


def test_parquet_input_gives_the_same_events(
    client: Any, messy_run: dict[str, Any], tmp_path: Path
) -> None:
    rows = [json.loads(x) for x in messy_run["twin"].read_text(encoding="utf-8").splitlines()]
    # other field names the readers accept: content, headline, link, published
    table = pa.table(
        {
            "content": [r["text"] for r in rows],
            "headline": [r["title"] for r in rows],
            "link": [r["url"] for r in rows],
            "published": [r["date"] for r in rows],
        }
    )
    pq.write_table(table, tmp_path / "articles.parquet", row_group_size=25)
    result = run_digest([tmp_path / "articles.parquet"], tmp_path / "pq", client=client)
    assert result.counts["partitions"] == -(-len(rows) // 25)
    by_parquet, by_jsonl = read_events(tmp_path / "pq"), read_events(messy_run["out"])
    assert [(e["id"], e["article_ids"], e["headline"]) for e in by_parquet] == [
        (e["id"], e["article_ids"], e["headline"]) for e in by_jsonl
    ]


class KillOnce:
    """Kill the worker process running the first task of a stage (once: a marker file says so)."""

    def __init__(self, marker: str, stage: str) -> None:
        self.marker = marker
        self.stage = stage

    def __call__(self, stage: str, part: int) -> None:
        if stage != self.stage:
            return
        try:
            with open(self.marker, "x") as f:
                f.write(f"{os.getpid()} {part}\n")
        except FileExistsError:
            return
        os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("stage", ["summarize"])
def test_killed_worker_is_retried_without_losing_events(
    client: Any, dev_run: list[dict[str, Any]], tmp_path: Path, stage: str
) -> None:
    marker = tmp_path / "killed"
    before = set(client.run(os.getpid).values())
    options = DaskOptions(partition_bytes=24_000, on_task=KillOnce(str(marker), stage))
    run_digest([DEV], tmp_path / "out", options=options, client=client)
    killed = int(marker.read_text().split()[0])
    assert killed in before  # a worker of the cluster ran the task, and died
    client.wait_for_workers(2, timeout=60)
    assert killed not in set(client.run(os.getpid).values())  # its nanny started a new one
    got = read_briefs(tmp_path / "out")
    assert got == dev_run  # nothing lost, nothing twice
    ids = [a for b in got for a in (x["id"] for x in b["articles"])]
    assert len(ids) == len(set(ids))


def test_cli_digest_engine_dask(
    client: Any, dev_run: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    address = client.scheduler.address
    cmd = ["digest", str(DEV), "--engine", "dask"]
    assert main([*cmd, "--scheduler", address, "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "30 events from 152 articles" in captured.out and str(out) in captured.out
    assert read_briefs(out) == dev_run
    # usage errors are one line, exit 2
    for args in (
        [*cmd, "--scheduler", address, "--workers", "2", "-o", str(out)],
        cmd,  # no -o OUTDIR
        ["digest", str(DEV), "--workers", "2"],  # --workers without --engine dask
    ):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith("newsbrief: error:") and len(err.splitlines()) == 1
    assert "--engine dask" in err


def test_cli_console_script_on_a_local_cluster(tmp_path: Path) -> None:
    """The real command: a subprocess that starts its own local cluster and exits cleanly."""
    needs_dev()
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "newsbrief.cli", "digest", str(DEV), "--engine", "dask"]
    done = subprocess.run(
        [*cmd, "--workers", "1", "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert len(read_events(out)) == 30


def test_no_usable_input_is_an_input_error(client: Any, tmp_path: Path) -> None:
    from newsbrief.errors import InputError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="no usable article"):
        run_digest([bad], tmp_path / "out", client=client)
    assert len((tmp_path / "out" / "rejects.jsonl").read_text().splitlines()) == 2
    with pytest.raises(InputError, match="no readable"):
        run_digest([tmp_path / "missing.jsonl"], tmp_path / "out2", client=client)
