"""A newcomer's first hour (issue 16): -v, several events, small budgets, links, Dask inputs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from newsbrief.cli import MIN_WORDS, main
from newsbrief.model import Article
from newsbrief.pipeline import brief_from_articles, clean_articles
from newsbrief.render import render
from newsbrief.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "aleppo"


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_before_or_after_the_command_logs_each_stage(
    where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["summarize", str(EXAMPLE)]
    argv = ["-v", *args] if where == "before" else [*args, "-v"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "INFO: read 4 article(s)" in err and "0 input(s) or record(s) skipped" in err
    assert "INFO: summarized 4 article(s)" in err and " s;" in err  # stage times
    assert main(args) == 0
    assert "INFO" not in capsys.readouterr().err  # quiet without -v


def test_verbose_digest_says_how_it_grouped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", str(EXAMPLE), "--verbose"]) == 0
    err = capsys.readouterr().err
    assert "INFO: grouped 4 article(s) into 1 event(s) in" in err
    assert "INFO: summarized 1 event(s) in" in err


def test_add_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s.db")
    assert main(["add", str(EXAMPLE), "--store", store, "-v"]) == 0
    err = capsys.readouterr().err
    assert "INFO: grouped 4 new article(s) (0 already stored)" in err
    assert main(["add", str(EXAMPLE), "--store", store, "-v"]) == 0
    assert "all already stored" in capsys.readouterr().err


def test_an_events_file_warns_and_points_to_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = []
    for place in ("Orla", "Vesk"):
        arts = [
            {"title": f"{place} dam {k}", "text": f"The dam at {place} was finished on Monday "
             f"after {k + 3} years of work, engineers at {place} said on the day."}
            for k in range(2)
        ]  # fmt: skip
        lines.append(json.dumps({"summary": "x", "articles": arts}))
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["summarize", str(path)]) == 0
    warn = [x for x in capsys.readouterr().err.splitlines() if "warning" in x]
    assert len(warn) == 1 and "holds 2 events" in warn[0] and "newsbrief digest" in warn[0]
    # articles one a line (an articles file) are one input, no warning
    flat = tmp_path / "articles.jsonl"
    flat.write_text(
        "\n".join(json.dumps(a) for x in lines for a in json.loads(x)["articles"]) + "\n"
    )
    assert main(["summarize", str(flat)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["summarize", str(EXAMPLE)]) == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["summarize", "digest", "add"])
def test_budgets_under_the_minimum_are_one_line_errors(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = ["--store", str(tmp_path / "s.db")] if command == "add" else []
    assert main([command, str(EXAMPLE), "--words", "1", *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"at least {MIN_WORDS}" in err
    assert not (tmp_path / "s.db").exists()


def test_the_brief_header_gives_its_real_length() -> None:
    arts = clean_articles(
        [Article.create("The river burst its banks overnight and flooded forty homes in the old "
                        "quarter of the town, the fire service said on Tuesday morning.")],
        Settings(),
    )  # fmt: skip
    brief = brief_from_articles(arts, Settings(words=MIN_WORDS))
    brief = replace(brief, headline="River floods the old quarter")  # the header is shown
    n = len(brief.text.split())
    assert n > MIN_WORDS  # the only sentence is longer than the budget
    text = render(brief, "text")
    assert f"Brief ({n} words: over the {MIN_WORDS}-word budget" in text
    ok = replace(brief_from_articles(arts, Settings(words=40)), headline="River floods")
    assert f"Brief ({len(ok.text.split())} words):" in render(ok, "text")


def test_markdown_links_only_http_urls() -> None:
    arts = clean_articles(
        [
            Article.create(
                "Firefighters contained the hillside blaze near the town on Sunday after two "
                "days, the regional fire service said in a statement.",
                title="Blaze contained",
                url=url,
                source=src,
            )
            for url, src in (
                ("javascript:alert(document.cookie)", "a.example"),
                ("data:text/html,<script>alert(1)</script>", "b.example"),
                ("https://c.example/blaze", "c.example"),
            )
        ],
        Settings(),
    )
    md = render(brief_from_articles(arts, Settings()), "markdown")
    assert "javascript:" not in md and "data:text" not in md
    assert "(https://c.example/blaze)" in md
    assert md.count("link left out: not http or https") == 2


def test_pyproject_license_is_an_spdx_string() -> None:
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert meta["project"]["license"] == "MIT"
    assert not any("License ::" in c for c in meta["project"].get("classifiers", []))


def test_dask_inputs_name_what_they_skip_and_reject_non_utf8(tmp_path: Path) -> None:
    dist = pytest.importorskip("newsbrief.distributed")
    parts, problems = dist.plan_partitions([str(EXAMPLE)], 1 << 20)
    assert [p.kind for p in parts] == ["jsonl"]  # wires.jsonl: the only file it reads
    assert len(problems) == 1 and "2 file(s) skipped" in problems[0]
    assert "levant-daily.txt" in problems[0] and "JSON Lines" in problems[0]
    bad = tmp_path / "x.jsonl"
    bad.write_bytes(b'{"text": "Caf\xe9 owners said sales fell."}\n{"text": "ok line"}\n')
    (part,), _ = dist.plan_partitions([str(bad)], 1 << 20)
    records, _ = dist._records(part)
    assert records[0][1] is None and records[0][2].startswith("not-utf8:")
    assert records[1][1] == {"text": "ok line"}


def test_sources_without_a_name_show_the_host_or_untitled(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    client = TestClient(create_app(tmp_path / "s.db"), base_url="http://localhost")
    text = (
        "The ferry to Quell Island resumed service on Friday after a strike by crews ended, "
        "the operator said. Passengers queued from dawn at the terminal for the first crossing."
    )
    r = client.post(
        "/api/articles",
        json={"articles": [{"text": text}, {"text": text + " More boats follow.",
                                            "url": "https://harbour.example/ferry"}]},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    page = client.get(f"/events/{r.json()['event_ids'][0]}").text
    assert "untitled source" in page and "harbour.example" in page
    assert "api article" not in page and "pasted" not in page


def test_a_missing_input_alone_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nothing.txt")
    assert main(["summarize", missing]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "error" in err[0] and "no such file" in err[0]  # said once
    assert main(["summarize", missing, str(EXAMPLE)]) == 0  # among usable inputs: warned
    assert "warning" in capsys.readouterr().err
