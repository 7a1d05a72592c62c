"""The public Python API: newsbrief.summarize(inputs, words=40, **settings) -> Brief."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsbrief
from newsbrief import Article, Brief, InputError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "aleppo"

TEXT_A = (
    "The city council of Brindle voted on Tuesday to ban cars from its historic centre "
    "from next spring, after two years of debate.\n"
    "The measure passed by nine votes to four, the council said.\n"
    "Shop owners warned that the ban could drive customers to out-of-town malls.\n"
)
TEXT_B = (
    "Brindle's council approved a ban on cars in the historic centre on Tuesday, with the "
    "rule taking effect next spring.\n"
    "Cyclists' groups welcomed the decision and called for more bike lanes.\n"
)


def test_paths_strings_and_articles_mix():
    art = Article.create(TEXT_B, title="Car ban approved", url="https://gazette.example/ban")
    brief = newsbrief.summarize([TEXT_A, art])
    assert isinstance(brief, Brief)
    assert "Brindle" in brief.headline
    assert len(brief.sources) == 2
    assert brief.sentences[0].sources and brief.sentences[0].text in brief.headline


def test_path_and_pathlib_inputs_and_words():
    short = newsbrief.summarize([str(EXAMPLE)])
    longer = newsbrief.summarize([EXAMPLE], words=120)
    assert sum(len(s.text.split()) for s in longer.sentences) <= 120
    assert len(longer.sentences) > len(short.sentences)
    assert longer.headline == short.headline
    assert {a.id for a in short.sources} == {a.id for a in longer.sources}


def test_single_input_not_in_a_list():
    assert "Brindle" in newsbrief.summarize(TEXT_A).headline


def test_settings_overrides_and_unknown_setting():
    brief = newsbrief.summarize([TEXT_A, TEXT_B], support_threshold=0.99)
    assert all(len(s.sources) == 1 for s in brief.sentences)
    with pytest.raises(InputError, match="unknown setting"):
        newsbrief.summarize([TEXT_A], no_such_setting=1)
    with pytest.raises(InputError):
        newsbrief.summarize([TEXT_A], words=0)


def test_nothing_usable_raises_input_error(tmp_path):
    with pytest.raises(InputError):
        newsbrief.summarize([str(tmp_path / "missing.txt")])
    with pytest.raises(InputError):
        newsbrief.summarize(["   "])


def test_readme_python_example_runs(capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Python API\s+```python\n(.*?)```", readme, re.S)
    assert block, "README has a Python API example"
    monkeypatch.chdir(ROOT)
    exec(compile(block.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Aleppo" in out
