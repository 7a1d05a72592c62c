"""Facts and disagreements across sources: extraction, hedges, alignment, rendering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare_util import art, find, numeric
from newsbrief.compare import (
    CATEGORIES,
    RELATIONS,
    compare,
    compatible,
    extract_facts,
    facts_for_display,
    parse_number,
)
from newsbrief.evaluate_facts import score_against_labels
from newsbrief.model import Article, Brief, BriefSentence
from newsbrief.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LABELS = Path(__file__).resolve().parent / "data" / "facts_labels.json"


# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("34,000", 34000),
        ("34 thousand", 34000),
        ("1.5 million", 1_500_000),
        ("7.5bn", 7_500_000_000),
        ("a dozen", 12),
        ("twenty-four", 24),
        ("Nine hundred and fifty-five", 955),
        ("two million", 2_000_000),
        ("half a million", 500_000),
        ("1 000", 1000),
        ("125 crore", 1_250_000_000),
        ("٣٤٠٠٠", 34000),  # Arabic-Indic digits
        ("३४०००", 34000),  # Devanagari digits
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "abc", "two three", "1,2,3", "10" + "0" * 30, "999 quintillion", "1e400", "12 apples"],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


# --- hedges and compatibility --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "category", "value", "relation"),
    [
        ("At least 34,000 people have been evacuated from the city.", "evacuated", "34000", ">="),
        ("About 30,000 people were evacuated.", "evacuated", "30000", "~"),
        ("More than 20 people were injured in the blast.", "injured", "20", ">"),
        ("Up to 3,000 jobs are at risk at the chain.", "count", "3000", "<="),
        ("Nearly 4,500 people were evacuated from the valley.", "evacuated", "4500", "~<"),
        ("Just over 300 people were arrested overnight.", "arrested", "300", "~>"),
        ("Police said 40 or more people were arrested.", "arrested", "40", ">="),
        ("The quake killed 12 people and injured 125 others.", "injured", "125", "="),
    ],
)
def test_hedged_quantities(sentence: str, category: str, value: str, relation: str) -> None:
    f = find(extract_facts(art(sentence)), category, value)
    assert f is not None, extract_facts(art(sentence))
    assert f.relation == relation


def test_durations_and_ages() -> None:
    facts = extract_facts(
        art(
            "It was the biggest victory of the nearly six-year-old war. Rebels had held the "
            "district for four years of fierce resistance. The uprising against his family's "
            "four-decade rule began in 2011. Richard Roe, 52, saw it. Her 97-year-old son "
            "stayed home. The ordeal lasted more than 24 hours."
        )
    )
    war = find(facts, "duration", "P6Y")
    assert war is not None and war.relation == "~<" and war.measure == "war length"
    assert find(facts, "duration", "P4Y") is not None
    assert find(facts, "duration", "P40Y") is not None
    assert find(facts, "duration", "PT24H").relation == ">"
    ages = {f.normalized for f in facts if f.category == "age"}
    assert ages == {"52", "97"}
    assert any(f.kind == "date" and f.normalized == "2011" for f in facts)


def test_money_percent_and_names() -> None:
    facts = extract_facts(
        art(
            "Microsoft agreed to pay $7.5bn (£5.6bn) for GitHub, a 51 per cent premium, "
            "chief executive Satya Nadella said in Seattle on Monday."
        )
    )
    money = [f for f in facts if f.category == "money"]
    assert {(f.normalized, f.unit) for f in money} == {("7500000000", "$"), ("5600000000", "GBP")}
    assert find(facts, "percent", "51") is not None
    kinds = {(f.kind, f.value) for f in facts}
    assert ("person", "Satya Nadella") in kinds
    assert ("place", "Seattle") in kinds
    assert ("weekday", "Monday") in kinds


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ((30000, "~"), (30000, "="), True),
        ((34000, ">="), (35000, "="), True),
        ((30000, "="), (34000, "="), False),
        ((30000, "~"), (34000, "="), False),
        ((6, "~<"), (5, "="), False),
        ((6, "~<"), (6, "="), True),
        ((6, "~"), (6, "="), True),
        ((531e6, "="), (530e6, "="), True),  # rounding of a three-digit figure
        ((12, ">"), (24, "="), True),
        ((10, ">"), (6, "="), False),
        ((3000, "<="), (2500, "~"), True),
    ],
)
def test_compatible(a: tuple[float, str], b: tuple[float, str], ok: bool) -> None:
    sig = {531e6: 3, 530e6: 2}
    assert compatible(a, b, sig.get(a[0], 0), sig.get(b[0], 0)) is ok
    assert compatible(b, a, sig.get(b[0], 0), sig.get(a[0], 0)) is ok


# --- alignment -----------------------------------------------------------------------------


def test_same_quantity_written_differently_is_no_disagreement() -> None:
    a = art("The UN said 34,000 people have been evacuated from east Aleppo.")
    b = art("In all, 34 thousand people have been evacuated from east Aleppo, the UN said.")
    c = art("At least 34,000 people were evacuated from the eastern districts.")
    d = art("About 35,000 people have been evacuated from east Aleppo so far.")
    facts, dis = compare([a, b, c, d])
    assert dis == []
    same = [f for f in facts if f.category == "evacuated" and f.relation == "="]
    assert len(same) == 1 and same[0].normalized == "34000"
    assert set(same[0].article_ids) == {a.id, b.id} and len(same[0].evidence) == 2
    assert find(facts, "evacuated", "35000").relation == "~"


def test_different_counts_disagree_with_evidence() -> None:
    a = art("Officials said 30,000 people were evacuated from the city on Friday.")
    b = art("The UN said 34,000 people were evacuated from the city.")
    facts, dis = compare([a, b])
    assert len(dis) == 1
    d = dis[0]
    assert d.measure == "people evacuated"
    assert [f.normalized for f in d.facts] == ["30000", "34000"]
    assert d.facts[0].article_ids == (a.id,) and d.facts[1].article_ids == (b.id,)
    assert "30,000" in d.facts[0].evidence[0] and "34,000" in d.facts[1].evidence[0]


def test_no_article_disagrees_with_itself() -> None:
    a = art(
        "The army retook the city, a turning point in the country's five-year civil war. "
        "The evacuations ended a brutal chapter in the nearly six-year civil war."
    )
    assert compare([a])[1] == []
    b = art("The evacuations ended a brutal chapter in the nearly six-year civil war.")
    c = art("The army retook the city, a turning point in the country's five-year civil war.")
    _facts, dis = compare([b, c])
    assert len(dis) == 1 and dis[0].measure == "war length"
    assert {f.relation for f in dis[0].facts} == {"=", "~<"}
    assert dis[0].note == "conflict"


def test_revision_in_order_reported_with_outlets_and_dates() -> None:
    from datetime import date

    early = Article.create(
        "Six people were killed when the building collapsed, police said.",
        url="https://bbc.example/a",
        source="BBC",
        published=date(2019, 6, 14),
    )
    late = Article.create(
        "Twelve people were killed when the building collapsed, police said.",
        url="https://guardian.example/b",
        source="Guardian",
        published=date(2019, 6, 15),
    )
    _facts, dis = compare([late, early])
    assert len(dis) == 1
    d = dis[0]
    assert d.note == "revision" and [f.normalized for f in d.facts] == ["6", "12"]
    brief = Brief("e", "", (), (early, late), 40, disagreements=(d,))
    shown = facts_for_display(brief)["disagreements"][0]
    assert shown["line"] == "people killed: Six (BBC, 14 Jun) -> Twelve (Guardian, 15 Jun), revised"


def test_revision_words_make_a_revision() -> None:
    a = art("The death toll rose to 24 on Friday, officials said.")
    b = art("The death toll was 20 on Friday, officials said.")
    _facts, dis = compare([a, b])
    assert [d.note for d in dis] == ["revision"]


def test_revision_within_one_article_is_shown_earlier_figure_first() -> None:
    a = art("The death toll rose from ten to 24 soldiers, the army said.")
    _facts, dis = compare([a])
    assert [(d.note, [f.normalized for f in d.facts]) for d in dis] == [("revision", ["10", "24"])]
    assert dis[0].measure == "security forces killed"
    b = art("Gunmen killed 24 soldiers. The army, which earlier put the toll at 10, responded.")
    _facts, dis = compare([b])
    assert [(d.note, [f.normalized for f in d.facts]) for d in dis] == [("revision", ["10", "24"])]


def test_date_alone_does_not_make_a_stable_fact_a_revision() -> None:
    from datetime import date

    a = Article.create(
        "The army retook the city, a turning point in the country's five-year civil war.",
        url="https://a.example/1",
        published=date(2016, 12, 22),
    )
    b = Article.create(
        "The evacuations ended a brutal chapter in the nearly six-year civil war.",
        url="https://b.example/2",
        published=date(2016, 12, 23),
    )
    _facts, dis = compare([a, b])
    assert [(d.measure, d.note) for d in dis] == [("war length", "conflict")]


def test_headline_tolls_far_apart_are_one_quantity_revised() -> None:
    from datetime import date

    early = Article.create(
        "Taliban attack army base. Gunmen killed eight soldiers at the base, officials said.",
        url="https://a.example/1",
        published=date(2017, 4, 21),
    )
    late = Article.create(
        "Attack on army base. At least 135 soldiers were killed at the base, officials said.",
        url="https://b.example/2",
        published=date(2017, 4, 22),
    )
    _facts, dis = compare([late, early])
    assert [(d.note, [f.normalized for f in d.facts]) for d in dis] == [("revision", ["8", "135"])]
    # page furniture before the story does not push the lead down
    filler = " ".join(f"Menu item {w} of the site." for w in "abcdef")
    late2 = art(f"{filler} At least 135 soldiers were killed at the base, officials said.")
    assert [d.measure for d in compare([early, late2])[1]] == ["security forces killed"]
    # far apart and not among an article's first two toll sentences: two quantities
    deep = art(
        "Three soldiers were injured at the gate. Two guards were injured in the yard. "
        "Gunmen killed eight soldiers at the base."
    )
    assert compare([deep, late2])[1] == []


def test_groups_sharing_one_verb_are_parts_of_a_toll() -> None:
    facts = numeric(extract_facts(art("At least 30 officers and four civilians were killed.")))
    assert sorted((f.measure, f.normalized) for f in facts) == [
        ("people killed (part of a total)", "4"),
        ("security forces killed (part of a total)", "30"),
    ]
    other = numeric(extract_facts(art("The bus carried 30 passengers and two crew were hurt.")))
    assert ("passengers", "30") in {(f.measure, f.normalized) for f in other}
    a = art("At least 30 officers and four civilians were killed in the attack.")
    b = art("At least 27 people were killed in the attack, officials said.")
    assert compare([a, b])[1] == []


def test_stated_figures_decide_over_bracketed_conversions() -> None:
    a = art("The quake struck at a depth of 11 km (7 miles), the agency said.")
    b = art("The quake struck at a depth of 10 kilometres, the agency said.")
    _facts, dis = compare([a, b])
    assert [d.measure for d in dis] == ["depth"]


@pytest.mark.parametrize(
    ("sentence", "kind", "normalized"),
    [
        ("The company reported a loss of $1.2-billion last year.", "money", "1200000000"),
        ("The search lasted three-and-a-half days before the boy was found.", "duration", None),
        ("Voters waited in a mile-long queue outside the hall.", "measurement", "1"),
    ],
)
def test_number_forms(sentence: str, kind: str, normalized: str | None) -> None:
    facts = numeric(extract_facts(art(sentence)))
    assert [f.kind for f in facts] == [kind]
    if normalized is not None:
        assert facts[0].normalized == normalized
    else:
        assert facts[0].normalized in ("P3DT12H", "PT84H")


@pytest.mark.parametrize(
    ("sentence", "measure", "value", "relation"),
    [
        ("The number of daily active users stood at 1.47 billion.", "users", "1470000000", "="),
        ("The number of firearms found in the suite had climbed to 23.", "firearms", "23", "="),
        ("The USGS put the preliminary magnitude at 6.2.", "quake magnitude", "6.2", "="),
        ("It had a magnitude of about 5.5, the agency said.", "quake magnitude", "5.5", "~"),
    ],
)
def test_figures_named_before_the_number(
    sentence: str, measure: str, value: str, relation: str
) -> None:
    facts = numeric(extract_facts(art(sentence)))
    assert [(f.measure, f.normalized, f.relation) for f in facts] == [(measure, value, relation)]


@pytest.mark.parametrize(
    ("sentence", "times"),
    [
        ("The quake struck at 9:26 p.m. local time.", [("9:26 p.m.", "21:26")]),
        ("It hit at 9:36 pm (12:36 GMT).", [("9:36 pm", "21:36"), ("12:36", "12:36")]),
        ("It ended at 12.20am and resumed at 2.15pm.", [("12.20am", "00:20"), ("2.15pm", "14:15")]),
        ("The polls closed at 21:53 on Sunday.", [("21:53", "21:53")]),
        ("He quoted John 3:16 in the speech.", []),
    ],
)
def test_clock_times_are_facts_not_quantities(sentence: str, times: list[tuple[str, str]]) -> None:
    facts = extract_facts(art(sentence))
    assert [(f.value, f.normalized) for f in facts if f.kind == "time"] == times
    assert numeric(facts) == []


@pytest.mark.parametrize(
    ("sentence", "written", "normalized"),
    [
        ("Officials said 10 to 15 people were killed.", "10 to 15", "10-15"),
        ("Between 10 and 15 people were killed in the blast.", "Between 10 and 15", "10-15"),
        ("Some 10-15 people were killed.", "10-15", "10-15"),
        ("The bank kept its target range of 1.00% to 1.25%.", "1.00% to 1.25%", "1-1.25"),
        ("It cost $10 to $15 million.", "$10 to $15 million", "10000000-15000000"),
        ("The victims were aged eight to 14, police said.", "eight to 14", "8-14"),
    ],
)
def test_ranges_are_one_interval(sentence: str, written: str, normalized: str) -> None:
    facts = numeric(extract_facts(art(sentence)))
    assert [(f.value, f.normalized, f.relation) for f in facts] == [(written, normalized, "range")]


@pytest.mark.parametrize(
    ("sentence", "tally"),
    [
        (
            "The court ruled 8-1 in favour of the state.",
            [("votes for", "8"), ("votes against", "1")],
        ),
        (
            "The Supreme Court ruled 5\u20134 on Tuesday.",
            [("votes for", "5"), ("votes against", "4")],
        ),
        ("The bill passed by 322 to 306 votes.", [("votes for", "322"), ("votes against", "306")]),
        ("The team won 3-1 on Sunday.", []),
    ],
)
def test_vote_tallies(sentence: str, tally: list[tuple[str, str]]) -> None:
    facts = numeric(extract_facts(art(sentence)))
    assert [(f.measure, f.normalized) for f in facts] == tally


def test_range_ends_are_never_paired_and_a_change_is_no_range() -> None:
    a = art("Officials said 10 to 15 people were killed in the blast.")
    assert compare([a, art("Officials said 12 people were killed in the blast.")])[1] == []
    _facts, dis = compare([a, art("Officials said 20 people were killed in the blast.")])
    assert [[f.value for f in d.facts] for d in dis] == [["10 to 15", "20"]]
    rose = numeric(extract_facts(art("The death toll rose from 10 to 24.")))
    assert sorted(f.relation for f in rose) == ["=", "="]


@pytest.mark.parametrize(
    "sentence",
    [
        "He played in the 2012-13 season.",
    ],
)
def test_seasons_give_no_figure(sentence: str) -> None:
    # (vague amounts, "several hundred", are intervals now: tests/test_compare_vague.py)
    assert numeric(extract_facts(art(sentence))) == []


def test_superseded_parts_and_other_times_are_not_disagreements() -> None:
    a = art("The death toll stood at 24 soldiers, the army said.")
    b = art("Gunmen killed 24 soldiers, and the army, which earlier put the toll at 10, responded.")
    c = art("Rescuers said nine people died in Changning and three in Gongxian. In total 12 died.")
    d = art("At least 12 people were killed. In 2008 a quake killed 87,587 people.")
    e = art(
        "SCATSAT-1 and seven other satellites were launched. The rocket carried eight satellites."
    )
    f = art("Eight satellites were put into orbit by the rocket, officials said.")
    # the earlier figure is shown as the article's own revision, never as a conflict
    assert [(d.note, [f.normalized for f in d.facts]) for d in compare([a, b])[1]] == [
        ("revision", ["10", "24"])
    ]
    assert compare([c, d])[1] == []
    assert compare([e, f])[1] == []


def test_seed_articles() -> None:
    seeds = sorted((DATA / "seeds").glob("*.txt")) if (DATA / "seeds").is_dir() else []
    if len(seeds) < 2:
        pytest.skip("seed articles not available")
    arts = [Article.create(p.read_text(encoding="utf-8"), source=p.name) for p in seeds]
    try:
        from newsbrief.clean import clean_article

        arts = [clean_article(a, Settings()) or a for a in arts]
    except ImportError:
        pass
    facts, dis = compare(arts)
    war = [d for d in dis if d.measure == "war length"]
    assert len(war) == 1
    values = {(f.normalized, f.relation) for f in war[0].facts}
    assert values == {("P5Y", "="), ("P6Y", "~<")}
    evidence = [s for f in war[0].facts for s in f.evidence]
    assert any("five-year civil war" in s for s in evidence)
    assert any("nearly six-year" in s for s in evidence)
    assert len({a for f in war[0].facts for a in f.article_ids}) == 2
    evac = find(facts, "evacuated", "34000")
    assert evac is not None and evac.relation == ">="
    assert find(facts, "killed", "300000") is not None
    resistance = find(facts, "duration", "P4Y")
    assert resistance is not None and "resistance" in resistance.measure
    # nothing else is called a disagreement in these two articles
    assert len(dis) == 1


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "The minister spoke about the economy and the weather on the coast.",
        "The figure 1000000000000000000000000000000 people was quoted, and 999 quintillion "
        "dollars, and 10**30 things.",
        "الدرك التركي يضبط ٢٦ مهاجرًا غير نظامي غربي البلاد",
        "राज्य में ३४००० लोगों को निकाला गया",
        "at at at least more than nearly about people were about at least.",
        "$$$ %%% 1,2,3,4 ,,, ... - -- 12:30 1/2 #42 @99 http://x.org/123456",
    ],
)
def test_bad_input_invents_no_facts(text: str) -> None:
    facts, dis = compare([art(text), art(text + " ")])
    assert numeric(facts) == []
    assert dis == []


def test_other_scripts_and_malformed_hedges_do_not_crash() -> None:
    facts = extract_facts(art("Officials said ٣٤٠٠٠ people were evacuated from the town."))
    assert find(facts, "evacuated", "34000") is not None
    facts = extract_facts(art("Nearly about more than 5 people were injured at at least 3 sites."))
    injured = find(facts, "injured", "5")
    assert injured is not None and injured.relation in RELATIONS
    facts = extract_facts(art("At at least 7 people were arrested."))
    assert find(facts, "arrested", "7").relation == ">="


def test_every_fact_is_well_formed() -> None:
    text = (
        "Fifteen people were killed and another 13 missing after a dam collapsed at 6 am on "
        "Saturday, October 19, 2019, about 4,000 kilometres (2,500 miles) east of Moscow. "
        "A 6.0-magnitude quake injured 122. Officials said £37million had been set aside."
    )
    a = art(text)
    facts = extract_facts(a)
    assert facts
    for f in facts:
        assert f.category in CATEGORIES and f.relation in RELATIONS
        assert f.article_ids == (a.id,) and len(f.evidence) == 1 and f.value
    got = {(f.category, f.normalized) for f in facts}
    assert {("killed", "15"), ("missing", "13"), ("magnitude", "6"), ("injured", "122")} <= got
    assert ("measurement", "4000") in got and ("money", "37000000") in got
    assert ("date", "2019-10-19") in got and ("time", "06:00") in got
    assert not any(f.normalized == "6" and f.category != "magnitude" for f in facts)


# --- output ----------------------------------------------------------------------------------


def _brief(articles: list[Article]) -> Brief:
    facts, dis = compare(articles)
    first = articles[0]
    sentence = BriefSentence(first.text.split(".")[0] + ".", first.id, 0, (first,), (1,))
    return Brief(
        "e1", sentence.text, (sentence,), tuple(articles), 40, {}, tuple(facts), tuple(dis)
    )


def test_json_and_renderers_show_facts_and_disagreements() -> None:
    from newsbrief.render import render

    a = art("Officials said 30,000 people were evacuated from the city on Friday.", title="A")
    b = art("The UN said 34,000 people were evacuated from the city, the UN said.", title="B")
    brief = _brief([a, b])
    d = json.loads(render(brief, "json"))
    assert d["disagreements"][0]["measure"] == "people evacuated"
    values = d["disagreements"][0]["values"]
    assert [v["normalized"] for v in values] == ["30000", "34000"]
    assert values[0]["evidence"] and values[0]["category"] == "evacuated"
    assert any(f["normalized"] == "34000" for f in d["facts"])
    text = render(brief, "text")
    assert (
        "Where the sources disagree:" in text
        and "people evacuated: 30,000 [1] vs 34,000 [2]" in text
    )
    assert "[2] “The UN said 34,000 people" in text
    md = render(brief, "markdown")
    assert "### Where the sources disagree" in md and "34,000 people were evacuated" in md
    shown = facts_for_display(brief)
    assert shown["disagreements"][0]["values"][1]["citations"] == [2]
    assert shown["dates"] == [("Friday", [1])]


def test_display_lists_a_disputed_figure_once_under_its_disagreement() -> None:
    from newsbrief.render import render

    a = art(
        "Officials said 30,000 people were evacuated. The storm killed three people.", title="A"
    )
    b = art("The UN said 34,000 people were evacuated. The storm killed three people.", title="B")
    brief = _brief([a, b])
    disputed = {v.normalized for d in brief.disagreements for v in d.facts}
    assert disputed == {"30000", "34000"}
    assert disputed <= {f.normalized for f in brief.facts}  # the JSON keeps every fact
    listed = facts_for_display(brief)["facts"]
    assert [(f["value"], f["citations"]) for f in listed] == [("three", [1, 2])]
    text = render(brief, "text")
    assert text.count("34,000") == 2  # the disagreement's line and its evidence sentence


def test_pipeline_brief_carries_facts() -> None:
    pytest.importorskip("newsbrief.clean")
    from newsbrief.pipeline import brief_from_articles

    a = art("Officials said 30,000 people were evacuated from the flooded city on Friday night.")
    b = art("The United Nations said 34,000 people were evacuated from the flooded city.")
    brief = brief_from_articles([a, b])
    assert brief.disagreements and brief.disagreements[0].measure == "people evacuated"
    assert brief.to_dict()["facts"]


# --- quality against the hand labels ----------------------------------------------------------


def _labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def test_labels_name_real_articles() -> None:
    if not (DATA / "dev.jsonl").exists():
        pytest.skip("dev.jsonl not available")
    events = {}
    for line in (DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        events[e["id"]] = {a["url"] for a in e["articles"]}
    labels = _labels()
    assert len(labels["events"]) >= 10
    for ev in labels["events"]:
        assert set(ev["facts"]) <= events[ev["event"]]
        for items in ev["facts"].values():
            for it in items:
                assert it["category"] in CATEGORIES and it["relation"] in RELATIONS
        for d in ev["disagreements"]:
            assert len(set(d["values"])) >= 2


def test_quality_targets_on_hand_labels() -> None:
    if not (DATA / "dev.jsonl").exists():
        pytest.skip("dev.jsonl not available")
    events = [json.loads(x) for x in (DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    r = score_against_labels(events, _labels())
    assert r["disagreements_precision"] >= 0.9, r["false_alarms"]
    assert r["disagreements_recall"] >= 0.7, r["missed"]
    assert r["facts_precision"] >= 0.85 and r["facts_recall"] >= 0.85
