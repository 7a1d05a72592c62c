"""Copy-editing rules on the briefs of every real event of dev.jsonl and train.jsonl.

The rules are the shared scoring tool's (../shared/tools/readability.py, which needs
pysbd); the events are read from ../shared/data at test time. Both are skipped when
absent. Each event's articles are given to the public API as the scoring tools give
them (title, blank line, text).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import newsbrief
from newsbrief.summarize.readable import faults, tidy

SHARED = Path(__file__).resolve().parents[2] / "shared"
TOOL = SHARED / "tools" / "readability.py"
SETS = [SHARED / "data" / "dev.jsonl", SHARED / "data" / "train.jsonl"]


def _rules() -> ModuleType:
    pytest.importorskip("pysbd")
    if not TOOL.exists():
        pytest.skip("../shared/tools/readability.py is not present")
    spec = importlib.util.spec_from_file_location("shared_readability", TOOL)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _events(path: Path) -> list[tuple[str, list[str]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        ev = json.loads(line)
        texts = []
        for a in ev["articles"]:
            title, text = (a.get("title") or "").strip(), (a.get("text") or "").strip()
            texts.append(text if not title or text.startswith(title) else f"{title}\n\n{text}")
        out.append((ev["id"], texts))
    return out


@pytest.mark.parametrize("words", [40, 100])
@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_brief_of_a_real_event_passes_the_copy_editing_rules(path: Path, words: int) -> None:
    """The 40-word brief (what eval scores, with sentences shortened to fit) and a longer one."""
    if not path.exists():
        pytest.skip(f"{path} is not present")
    rules = _rules().RULES
    bad = []
    for event_id, texts in _events(path):
        brief = newsbrief.summarize(texts, words=words)
        assert (
            sum(len(s.text.split()) for s in brief.sentences) <= words or len(brief.sentences) == 1
        )
        hit = [name for name, rule in rules.items() if rule(brief.headline)]
        if hit:
            bad.append(f"{event_id} headline: {hit}: {brief.headline}")
        assert brief.sentences[0].text == brief.headline
        # the rules apply sentence by sentence to the rest of the brief, save the
        # headline's length limit
        for s in brief.sentences[1:]:
            hit = [n for n, rule in rules.items() if n != "over 40 words" and rule(s.text)]
            if hit:
                bad.append(f"{event_id} sentence: {hit}: {s.text}")
    assert not bad, "\n".join(bad)


def test_faults_name_each_copy_editing_fault() -> None:
    assert faults("The army retook Aleppo on Thursday.") == []
    assert "more than one sentence" in faults("The army retook Aleppo. Rebels left the city.")
    assert "dateline or shouting opener" in faults("SAN FRANCISCO — Uber has pulled its cars.")
    assert "dateline or shouting opener" in faults("London, September 15 Police said it was.")
    assert "unbalanced quotes" in faults('He called it "a terrorist incident.')
    assert "context-needing opener" in faults("The outcome owes much to Damascus's allies.")
    assert "context-needing opener" in faults("In both states, Ferrer faces five years in prison.")
    assert "doubled punctuation" in faults("The freeway reopened around 4:30 p.m..")
    assert "relative day word" in faults("A man was jailed for 32 years today.")
    assert "glued words or markup junk" in faults("Uber said pensionsThe oldest person died.")
    assert "page boilerplate" in faults("Last Published: Sun, Apr 22 2018.")
    assert "over 40 words" in faults(" ".join(["word"] * 41) + ".")


def test_tidy_deletes_relative_day_adverbs_and_doubled_stops_only() -> None:
    assert tidy("A man was jailed for 32 years today.") == "A man was jailed for 32 years."
    assert tidy("Ferrer pleaded guilty today to money laundering.") == (
        "Ferrer pleaded guilty to money laundering."
    )
    assert tidy("The freeway reopened around 4:30 p.m..") == "The freeway reopened around 4:30 p.m."
    # a noun, or a word a preposition needs, stays
    assert tidy("Today's vote was close.") == "Today's vote was close."
    assert tidy("The road stays shut until today.") == "The road stays shut until today."
