from newsbrief.dedup import find_duplicates, jaccard, sentence_key
from newsbrief.model import Article

WIRE = (
    "Rescue teams pulled twelve survivors from the collapsed factory on Tuesday night, "
    "the regional governor told reporters at the scene. Officials said the search would "
    "continue through the weekend as heavy machinery arrived from the capital. The cause of "
    "the collapse was not yet known, but workers had complained about cracks in the walls "
    "for months before the disaster struck the industrial town."
)


def test_near_duplicate_copies_are_found_and_map_to_the_first():
    a = Article.create(WIRE, url="https://wire.example/a")
    b = Article.create(WIRE.replace("Tuesday night", "Tuesday evening"), url="https://b.example/x")
    c = Article.create(
        "A different story entirely about a football match that ended in a draw after "
        "extra time and penalties in front of a sold out stadium.",
        url="https://c.example/y",
    )
    dups = find_duplicates([a, b, c])
    assert dups == {b.id: a.id}


def test_identical_text_from_two_outlets_stays_two_articles():
    a = Article.create(WIRE, url="https://one.example/1")
    b = Article.create(WIRE, url="https://two.example/2")
    assert a.id != b.id
    assert find_duplicates([a, b]) == {b.id: a.id}
    # the same article read twice is one article
    assert Article.create(WIRE, url="https://one.example/1").id == a.id


def test_unrelated_articles_are_not_merged():
    words = WIRE.split()
    a = Article.create(" ".join(words[: len(words) // 2]), url="https://a.example")
    b = Article.create(" ".join(words[len(words) // 2 :]), url="https://b.example")
    assert find_duplicates([a, b]) == {}


def test_jaccard_and_sentence_key():
    assert jaccard({1, 2}, {2, 3}) == 1 / 3
    assert jaccard(set(), {1}) == 0.0
    assert sentence_key("The army, it said, WON!") == sentence_key("the army it said won")
