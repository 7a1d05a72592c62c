"""Cleaning: boilerplate lines, datelines, mojibake; real sentences survive."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsbrief.clean import clean_article, clean_text, is_boilerplate, strip_dateline
from newsbrief.model import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.parametrize(
    "line",
    [
        "(At The Daily Planet, we question everything. Play an active role by becoming a member today.)",
        "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)",
        "23/12/2016 14:08 by admin",
        "22/12/2016 18:40 by newsdesk",
        "By Jane Doe",
        "By Jane Doe and John Roe",
        "• Published",
        "Published Thursday, June 7, 2018 5:24PM EDT",
        "Updated October 19, 2019",
        "- AP inputs",
        "- AFP inputs",
        "With agency inputs",
        "(With inputs from Reuters)",
        "Follow us on Twitter for live updates.",
        "Share this article",
        "Read more: Who controls what in the region",
        "Sign up for our newsletter",
        "Already a subscriber? Log in",
        "Advertisement",
        "Image source, AFP",
        "Image caption,",
        "FILE - A man walks past a shop in the old town",
        "Rescuers search the rubble (Photo: City Fire Service)",
        "JANE DOE/REUTERS",
        "Copyright 2016 The Northern Star. All rights reserved.",
        "17 June 2019",
        "Jun 18, 2019",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The army said it had retaken the city on Thursday.",
        "By noon, thousands of people had gathered in the square.",
        "Published reports said the minister would resign.",
        "Share prices fell sharply after the announcement.",
        "Read the statement carefully, the judge told the court.",
        "He said: “We will rebuild every house.”",
        "The file photo was released by the ministry on Monday, officials said.",
        "Image quality on the new phones was praised by reviewers.",
        "Follow-up talks are planned for next week.",
    ],
)
def test_real_sentences_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("BEIRUT (Reuters) - The army said it won.", "The army said it won."),
        (
            "NEW DELHI, Sept. 26 (Xinhua) -- The agency launched a rocket.",
            "The agency launched a rocket.",
        ),
        ("MONTREAL — A professor was freed.", "A professor was freed."),
        ("WASHINGTON (AP) — Congress voted.", "Congress voted."),
        ("NASHVILLE, Tenn. (WZTV) — The state executed a man.", "The state executed a man."),
        ("Damascus: The Syrian army said it won.", "The Syrian army said it won."),
        ("Assad said: the war is not over.", "Assad said: the war is not over."),
        ("The U.S. - led coalition struck.", "The U.S. - led coalition struck."),
    ],
)
def test_strip_dateline(raw, clean):
    assert strip_dateline(raw) == clean


def test_clean_text_whole():
    text = (
        "Quake hits the coast\n\n"
        "22/12/2016 18:40 by newsdesk\n"
        "LIMA (Andes Wire) — A strong earthquake shook the coast on Monday, officials said.\n"
        "A rescue worker carries a child through the rubble of a school\n"
        "Rescue teams reached the worst-hit villages by nightfall.\n"
        "(At Andes Wire, we report. Support our journalism by becoming a member today.)\n"
        "- AFP inputs"
    )
    out = clean_text(text, title="Quake hits the coast").split("\n")
    assert out == [
        "A strong earthquake shook the coast on Monday, officials said.",
        "Rescue teams reached the worst-hit villages by nightfall.",
    ]


def test_mojibake_and_stray_letters_repaired():
    assert (
        clean_text("The army\u00e2\u20ac\u2122s statement was read.")
        == "The army’s statement was read."
    )
    assert clean_text("\u00c0 President Lee spoke.") == "President Lee spoke."
    assert clean_text("Caf\u00c3\u00a9 owners reopened.") == "Café owners reopened."
    # real accented words stay
    assert clean_text("À la carte menus returned.") == "À la carte menus returned."


def test_date_marker_sets_published_and_keeps_id():
    a = Article.create(
        " date 2018-06-07 Retailer closes stores.\nMore follows here.", url="https://x.example"
    )
    c = clean_article(a)
    assert c is not None and c.id == a.id
    assert c.published == date(2018, 6, 7)
    assert c.text.startswith("Retailer closes stores.")


def test_nothing_left_is_none():
    assert (
        clean_article(Article.create("Advertisement\nShare this article", url="https://x.example"))
        is None
    )


@pytest.mark.skipif(not (DATA / "seeds").is_dir(), reason="seeds absent")
def test_seeds():
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((DATA / "seeds").glob("*.txt"))}
    first, second = (clean_text(t) for t in texts.values())
    assert "At The Quint" not in first
    assert (
        first.count("\n") == texts[next(iter(texts))].strip().count("\n") - 1
    )  # one promo line gone
    for gone in (
        "23/12/2016 14:08 by admin",
        "AP inputs",
        "A Syrian army soldier places",
        "Damascus:",
        "À",
    ):
        assert gone not in second, gone
    assert second.count("\n") >= 14  # the real paragraphs stay


@pytest.mark.skipif(not (DATA / "dev.jsonl").exists(), reason="dev.jsonl absent")
def test_dev_articles_mostly_kept():
    total = kept = 0
    for line in (DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        for a in json.loads(line)["articles"]:
            art = Article.create(a["text"], a["title"], a["url"])
            c = clean_article(art)
            assert c is not None
            total += len(art.text)
            kept += len(c.text)
    assert kept / total >= 0.9
