"""End-to-end tests of `newsbrief summarize`: real inputs, every output format, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsbrief.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "aleppo"
SEEDS = ROOT.parent / "shared" / "data" / "seeds"
DEV = ROOT.parent / "shared" / "data" / "dev.jsonl"

# Lines of boilerplate in the seeds and the example that must never reach any output.
BOILERPLATE = [
    "At The Quint",
    "becoming a member",
    "by admin",
    "AP inputs",
    "AFP inputs",
    "23/12/2016",
    "Follow us",
    "newsletter",
    "Damascus:",
    "A Syrian army soldier places",
]

ARTICLE = (
    "Flood waters swept through the river town of Marlow on Sunday, forcing 2,000 residents "
    "from their homes, the mayor said.\n"
    "Emergency crews used boats to reach families stranded on rooftops in the low-lying east "
    "of the town.\n"
    "Forecasters warned that more heavy rain was expected across the region on Monday night.\n"
)


def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real console entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "newsbrief.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def outputs(paths: list[str]) -> dict[str, str]:
    out = {}
    for fmt in ("text", "markdown", "json"):
        r = run(["summarize", *paths, "--format", fmt])
        assert r.returncode == 0, r.stderr.decode()
        out[fmt] = r.stdout.decode()
    return out


def check_aleppo(paths: list[str]) -> None:
    out = outputs(paths)
    brief = json.loads(out["json"])
    head = brief["headline"]
    assert "Aleppo" in head
    assert any(w in head.lower() for w in ("army", "government", "assad", "forces"))
    assert any(w in head.lower() for w in ("control", "retak", "recaptur", "retook", "regain"))
    assert len(brief["sources"]) >= 2
    cited = {c for s in brief["sentences"] for c in s["citations"]}
    assert len(cited) >= 2, brief["sentences"]
    for fmt, text in out.items():
        for line in BOILERPLATE:
            assert line not in text, (fmt, line)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds absent")
def test_seeds_end_to_end():
    check_aleppo([str(SEEDS)])


def test_example_end_to_end():
    assert EXAMPLE.is_dir() and len(list(EXAMPLE.iterdir())) >= 3
    check_aleppo([str(EXAMPLE)])


def test_example_longer_brief_and_sources():
    r = run(["summarize", str(EXAMPLE), "--words", "120"])
    assert r.returncode == 0, r.stderr.decode()
    text = r.stdout.decode()
    assert text.startswith("Headline:")
    assert "Sources:" in text and "[1]" in text


def test_json_schema_fields():
    r = run(["summarize", str(EXAMPLE), "--format", "json"])
    d = json.loads(r.stdout)
    assert d["schema_version"] == 1
    assert set(d) >= {
        "event_id",
        "headline",
        "words",
        "sentences",
        "sources",
        "facts",
        "disagreements",
    }
    numbers = [s["number"] for s in d["sources"]]
    assert numbers == list(range(1, len(numbers) + 1))
    ids = {s["id"] for s in d["sources"]}
    for s in d["sentences"]:
        assert s["sources"] and set(s["sources"]) <= ids
        assert all(1 <= c <= len(numbers) for c in s["citations"])


def test_stdin():
    r = run(["summarize", "-"], stdin=ARTICLE.encode())
    assert r.returncode == 0, r.stderr.decode()
    assert "Marlow" in r.stdout.decode()


def test_output_file(tmp_path):
    out = tmp_path / "brief.md"
    assert main(["summarize", str(EXAMPLE), "-f", "markdown", "-o", str(out)]) == 0
    assert out.read_text().startswith("## ")


@pytest.mark.skipif(not DEV.exists(), reason="dev.jsonl absent")
def test_jsonl_events_longer_brief():
    r = run(["summarize", str(DEV), "--words", "120", "--format", "json"])
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout)
    assert sum(len(s["text"].split()) for s in d["sentences"]) <= 120
    assert len(d["sources"]) == 152


# --- bad input: one line on stderr, exit 2, never a traceback -------------------------


def bad_inputs(tmp: Path) -> dict[str, list[str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp / "undecodable.txt").write_bytes(bytes([0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D] * 200))
    (tmp / "bad.jsonl").write_text('{"title": "x", "text": \n')
    (tmp / "notext.html").write_text("<html><head><title>t</title></head><body></body></html>")
    (tmp / "emptydir").mkdir()
    return {
        "missing": [str(tmp / "nope.txt")],
        "empty file": [str(tmp / "empty.txt")],
        "binary": [str(tmp / "binary.bin")],
        "undecodable": [str(tmp / "undecodable.txt")],
        "malformed json line": [str(tmp / "bad.jsonl")],
        "html without text": [str(tmp / "notext.html")],
        "empty folder": [str(tmp / "emptydir")],
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "empty file",
        "binary",
        "undecodable",
        "malformed json line",
        "html without text",
        "empty folder",
    ],
)
def test_bad_input_alone_is_one_line_error(tmp_path, case):
    args = bad_inputs(tmp_path)[case]
    r = run(["summarize", *args])
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert r.stdout == b""
    assert "Traceback" not in err
    lines = [x for x in err.splitlines() if x.strip()]
    assert lines[-1].startswith("newsbrief: error: ")
    assert all(x.startswith("newsbrief: ") for x in lines)


def test_bad_inputs_are_skipped_and_the_rest_summarized(tmp_path):
    cases = bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    args = [a for v in cases.values() for a in v] + [str(good)]
    r = run(["summarize", *args])
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert "Marlow" in r.stdout.decode()
    assert "Traceback" not in err
    warnings = [x for x in err.splitlines() if x.startswith("newsbrief: warning:")]
    assert len(warnings) >= len(cases)


def test_usage_errors_are_one_line(tmp_path):
    for args in (
        ["summarize"],
        ["summarize", "x", "--words", "0"],
        ["frobnicate"],
        ["summarize", "x", "-f", "pdf"],
    ):
        r = run(args)
        assert r.returncode == 2
        assert r.stderr.decode().strip().startswith("newsbrief: error:"), args
        assert len(r.stderr.decode().strip().splitlines()) == 1


def test_no_command_prints_help():
    r = run([])
    assert r.returncode == 2 and b"summarize" in r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_folder_with_fifo_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = run(["summarize", str(tmp_path)])
    assert r.returncode == 0, r.stderr.decode()


@pytest.mark.parametrize("command", ["summarize", "add", "watch", "serve"])
def test_every_command_refuses_a_budget_below_whole_sentences(command, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("")
    args = [command] + ([] if command == "serve" else [str(feeds)])
    if command != "summarize":
        args += ["--store", str(tmp_path / "s.db")]
    r = run([*args, "--words", "9"])
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "must be at least 10" in err and len(err.strip().splitlines()) == 1
