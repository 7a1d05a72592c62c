"""Progress reporting (issue 16 item 4): the callbacks of each stage, and bars on a terminal only."""

from __future__ import annotations

import io
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from newsbrief import pipeline
from newsbrief.cli import _Bars, main
from newsbrief.group import ASSIGN_STEPS, assign
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.summarize import SUMMARIZE_STEPS, summarize_articles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "aleppo"


class Calls:
    """Records (stage, done, total) calls."""

    def __init__(self) -> None:
        self.calls: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.calls[stage].append((done, total))

    def check(self, stage: str, total: int | None = None) -> list[int]:
        """The counts of one stage: never decreasing, one total, from 0 up to the total."""
        seen = self.calls[stage]
        assert seen, f"no {stage} progress"
        totals = {t for _, t in seen}
        assert len(totals) == 1, totals
        (t,) = totals
        if total is not None:
            assert t == total
        counts = [d for d, _ in seen]
        assert counts == sorted(counts)
        assert counts[0] == 0 and counts[-1] == t
        return counts


def _articles() -> list:
    return pipeline.load([EXAMPLE]).articles


def test_assign_reports_each_step() -> None:
    seen: list[tuple[int, int]] = []
    found = assign(_articles(), progress=lambda d, t: seen.append((d, t)))
    assert found.events
    assert seen == [(k, ASSIGN_STEPS) for k in range(ASSIGN_STEPS + 1)]


def test_assign_with_nothing_new_still_finishes_its_progress() -> None:
    arts = _articles()
    seen: list[tuple[int, int]] = []
    assign(arts, known={a.id: a for a in arts}, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, ASSIGN_STEPS) and seen[-1] == (ASSIGN_STEPS, ASSIGN_STEPS)


def test_summarize_articles_reports_each_step() -> None:
    seen: list[tuple[int, int]] = []
    with_progress = summarize_articles(_articles(), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(k, SUMMARIZE_STEPS) for k in range(SUMMARIZE_STEPS + 1)]
    assert with_progress == summarize_articles(_articles())  # the callback changes nothing


def test_load_and_brief_report_read_clean_summarize_compare(tmp_path: Path) -> None:
    calls = Calls()
    loaded = pipeline.load([EXAMPLE / "wires.jsonl", EXAMPLE], Settings(), progress=calls)
    assert calls.check("read", total=2) == [0, 1, 2]
    raw = len(loaded.articles) + sum("no text left" in p for p in loaded.problems)
    assert calls.check("clean", total=raw) == list(range(raw + 1))
    pipeline.brief_from_articles(loaded.articles, Settings(), progress=calls)
    calls.check("summarize", total=SUMMARIZE_STEPS)
    assert calls.calls["compare"] == [(0, 1), (1, 1)]


def test_store_add_group_bar_advances_during_grouping(tmp_path: Path) -> None:
    calls = Calls()
    with Store.open(tmp_path / "s.db", create=True) as store:
        store.add(_articles(), Settings(), progress=calls)
    counts = calls.check("group")
    # every step of grouping is reported, not only its start and end
    assert counts[-1] == ASSIGN_STEPS + 2 and len(set(counts)) == ASSIGN_STEPS + 3
    calls.check("summarize", total=1)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    bars = _Bars(quiet=False)
    assert not bars.on
    bars("clean", 0, 3)
    bars("clean", 3, 3)
    assert pipe.getvalue() == ""

    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    bars = _Bars(quiet=False, steps=True)
    bars("summarize", 0, 4)
    bars("summarize", 2, 4)
    bars.close()
    assert "summarize:" in term.getvalue() and "/4" in term.getvalue()
    assert "step" in term.getvalue()

    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    bars = _Bars(quiet=True)
    bars("group", 1, 7)
    assert quiet.getvalue() == ""


def test_summarize_prints_no_bar_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["summarize", str(EXAMPLE)]) == 0
    err = capsys.readouterr().err
    assert "%|" not in err and "step/s" not in err


def test_summarize_shows_the_stages_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["summarize", str(EXAMPLE)]) == 0
    shown = term.getvalue()
    for stage in ("read", "clean", "summarize", "compare"):
        assert f"{stage}:" in shown, stage
    out = capsys.readouterr().out
    assert "Aleppo" in out and "%|" not in out  # the brief goes to stdout, bars do not
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["summarize", str(EXAMPLE), "-q"]) == 0
    assert "%|" not in term.getvalue()


def test_digest_reports_the_steps_of_grouping_and_each_event() -> None:
    from newsbrief.digest import digest_articles

    groups: list[tuple[int, int]] = []
    events: list[tuple[int, int]] = []
    items = digest_articles(
        _articles(),
        progress=lambda d, t: events.append((d, t)),
        group_progress=lambda d, t: groups.append((d, t)),
    )
    assert groups == [(k, ASSIGN_STEPS) for k in range(ASSIGN_STEPS + 1)]
    assert events == [(k, len(items)) for k in range(1, len(items) + 1)]
    assert [e.id for e, _ in items] == [e.id for e, _ in digest_articles(_articles())]
