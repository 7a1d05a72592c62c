import pytest

from newsbrief.text import content_terms, shingles, split_sentences, stem, tokens, word_count


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The U.S. Army said on Jan. 5 that 34,000 people left. Dr. Lee agreed.",
            ["The U.S. Army said on Jan. 5 that 34,000 people left.", "Dr. Lee agreed."],
        ),
        ('He said "We will win." Then he left.', ['He said "We will win."', "Then he left."]),
        (
            '"Is it over?" he asked. Nobody answered!',
            ['"Is it over?" he asked.', "Nobody answered!"],
        ),
        ("Troops left the U.S. The war goes on.", ["Troops left the U.S.", "The war goes on."]),
        ("It was 9 a.m. The crowd grew.", ["It was 9 a.m.", "The crowd grew."]),
        ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
        ("Prices rose 3.5 percent. Shares fell.", ["Prices rose 3.5 percent.", "Shares fell."]),
        (
            "They met at No. 10 Downing Street. It rained.",
            ["They met at No. 10 Downing Street.", "It rained."],
        ),
        ("Gen. Smith and Sen. Jones met Mr. Brown.", ["Gen. Smith and Sen. Jones met Mr. Brown."]),
        ("“We won,” she said. “Now we rebuild.”", ["“We won,” she said.", "“Now we rebuild.”"]),
        ("First line without a stop\nSecond line.", ["First line without a stop", "Second line."]),
        (
            "The toll rose to 30 (officials said.) Rescue goes on.",
            ["The toll rose to 30 (officials said.)", "Rescue goes on."],
        ),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # English words that double as abbreviations end a sentence where they are words
        (
            "The planet circles the sun. WASP-39b makes a lap in four days.",
            ["The planet circles the sun.", "WASP-39b makes a lap in four days."],
        ),
        ("Prices rose in mar. Traders sold.", ["Prices rose in mar.", "Traders sold."]),
        ("The answer was no. Officials left.", ["The answer was no.", "Officials left."]),
        ("He fell ill. Doctors came.", ["He fell ill.", "Doctors came."]),
        ("They held a mass. Thousands came.", ["They held a mass.", "Thousands came."]),
        ("It was Sat. Police came.", ["It was Sat.", "Police came."]),
        ("Winds hit 90 mph. Power failed.", ["Winds hit 90 mph.", "Power failed."]),
        (
            "They sold fruit, bread etc. Prices rose.",
            ["They sold fruit, bread etc.", "Prices rose."],
        ),
        # and stay abbreviations where they are abbreviations
        ("The vote is on Mar. 5 in Portland.", ["The vote is on Mar. 5 in Portland."]),
        ("It opens Sun. Nov. 3 at noon.", ["It opens Sun. Nov. 3 at noon."]),
        (
            "He lives in Portland, Ore. Smith said so.",
            ["He lives in Portland, Ore. Smith said so."],
        ),
        ("Apple Inc. Chief Tim Cook spoke.", ["Apple Inc. Chief Tim Cook spoke."]),
        ("See p. 4 and fig. 2 for more.", ["See p. 4 and fig. 2 for more."]),
        ("Lee et al. (2019) found it first.", ["Lee et al. (2019) found it first."]),
        ("Roe v. Wade stands.", ["Roe v. Wade stands."]),
    ],
)
def test_abbreviations_only_in_their_place(text, expected):
    assert split_sentences(text) == expected


def test_numbers_and_decimals_are_not_boundaries():
    assert len(split_sentences("About 34,000 people, or 2.5 percent, left in 2016. Aid came.")) == 2


def test_tokens_and_terms():
    assert tokens("The Army's 34,000 troops don't stop.") == [
        "the",
        "army's",
        "34",
        "000",
        "troops",
        "don't",
        "stop",
    ]
    terms = content_terms("The evacuations were completed by the armies")
    assert terms == [stem("evacuations"), stem("completed"), stem("armies")]
    assert stem("evacuations") == stem("evacuation")
    assert "the" not in terms


def test_word_count():
    assert word_count("  one two\tthree\nfour ") == 4


def test_shingles_are_stable_and_order_sensitive():
    a = shingles(["a", "b", "c", "d", "e", "f"], 5)
    assert a == shingles(["a", "b", "c", "d", "e", "f"], 5)
    assert len(a) == 2
    assert shingles(["x"], 5) and shingles([], 5) == set()
    assert shingles(["b", "a", "c", "d", "e", "f"], 5) != a
