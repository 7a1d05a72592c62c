"""Stop 27's speed shortcuts in the fact scanner and the report change no result: each is
checked here against the plain code it replaces (written out below), on token sequences
and sentences written near the edges of the rules (the dev and train events are checked
as a whole by bench/facts_regress.py)."""

from __future__ import annotations

import random
import re

import pytest

from newsbrief.compare import context, report
from newsbrief.compare import names as N
from newsbrief.compare import numbers as NU
from newsbrief.compare.lexicon import _HEDGE_SKIP, _HEDGES_BY_LAST, LATIN
from newsbrief.compare.numbers import _tokenize
from newsbrief.compare.scanner import _scan
from newsbrief.model import Article


def _word(toks: list, k: int) -> str:
    return toks[k].w if 0 <= k < len(toks) else ""


def _hedge_plain(toks: list, i0: int) -> tuple[str, int]:
    """context._hedge as it was: each phrase's words tested one by one."""
    before = toks[i0 - 1].w if 0 < i0 <= len(toks) else ""
    if before not in _HEDGE_SKIP and before not in _HEDGES_BY_LAST:
        return "=", i0
    found: list[str] = []
    k = start = i0
    while True:
        j = k
        while j > 0 and _word(toks, j - 1) in _HEDGE_SKIP:
            if _word(toks, j - 1) == "a" and _word(toks, j) != "further":
                break
            j -= 1
        hit = None
        for phrase, rel in _HEDGES_BY_LAST.get(_word(toks, j - 1), ()):
            size = len(phrase)
            if j >= size and all(_word(toks, j - size + q) == phrase[q] for q in range(size)):
                hit = (size, rel)
                break
        if hit is None:
            break
        found.append(hit[1])
        k = start = j - hit[0]
    if not found:
        return "=", i0
    return (found[0] if len(set(found)) == 1 else "~"), start


def _post_hedge_plain(toks: list, k: int) -> tuple[str, int]:
    """context._post_hedge as it was: no test of the token after the number first."""
    w1, w2 = _word(toks, k), _word(toks, k + 1)
    if w1 == "or" and w2 in ("more", "over", "above"):
        return ">=", k + 2
    if w1 == "or" and w2 == "so":
        return "~", k + 2
    if k < len(toks) and toks[k].text == "+" and not toks[k].space:
        return ">=", k + 1
    if k < len(toks) and toks[k].text == "-" and not toks[k].space:
        if w2 == "plus":
            return ">=", k + 2
        if w2 == "odd":
            return "~>", k + 2
    return "", k


#: words of the hedges, their parts and their neighbours, drawn at random below
_WORDS = (
    "at least no fewer than less not a minimum of more over upwards upward in excess above "
    "up to as many at most maximum much under below well about around some an estimated "
    "close the region near nearly almost just shy little slightly quite bit another further "
    "additional extra all only Or OR or so plus odd + - 12 seven people said"
).split()


def _sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 9))]
        out.append(" ".join(words) + rng.choice(["", " 40", " 40 or more", " 40-plus"]))
    return out


def test_hedges_equal_the_plain_loops() -> None:
    """_hedge compares each phrase with one tuple of the words before; _post_hedge returns
    at once where the token after the number opens no hedge ("or", "+", "-"): both give
    what the plain code gives, at every token of 3,000 random sentences of hedge words."""
    checked = 0
    for text in _sentences(3000, 27) + ["at least 5", "In The Region Of 40", "Or more 7"]:
        toks = _tokenize(text, [])
        for i in range(-1, len(toks) + 2):
            assert context._post_hedge(toks, i) == _post_hedge_plain(toks, i), (text, i)
            if 0 <= i <= len(toks) + 1:
                assert context._hedge(toks, i) == _hedge_plain(toks, i), (text, i)
                checked += context._hedge(toks, i)[0] != "="
    assert checked > 1000  # many of the sequences hold a hedge


def test_name_key_cache_equals_the_patterns() -> None:
    """_name_key remembers each name's key: the same key as the two substitutions give,
    asked once or again."""
    names = ["Bashar al-Assad", "Bashar Assad", "Abdel Fattah el-Sisi", "Jean-Luc  Picard"]
    names += ["AL-QAEDA", "Mohammed ar-Rashid", "Kim Il‐Sung", " Ana\tde  Souza ", "Alas-Kan"]
    for name in names * 2:
        plain = re.sub(r"\b(?:al|el|ad|as|ar)-", "", name.lower())
        assert report._name_key(name) == re.sub(r"[\s\-‐]+", " ", plain).strip(), name


def _facts(text: str) -> list[tuple[str, str, str]]:
    scan = _scan(Article(id="a", title="", text=text, source="s"), 0, 2024)
    return [(m.kind, m.measure, m.written) for m in scan.mentions]


def test_richter_and_among_read_from_the_next_tokens() -> None:
    """The Richter scale within four tokens after the number makes it a magnitude; "among"
    within three after a count's noun makes the count a part of the toll."""
    assert _facts("The quake measured 5.9 on the Richter scale.")[0][0] == "magnitude"
    assert _facts("The quake, 5.9 on the scale of the Richter type, hit.") == []
    part = _scan(
        Article(id="a", title="", text="Four civilians were among those killed.", source="s"),
        0,
        2024,
    ).mentions
    whole = _scan(
        Article(id="a", title="", text="Four civilians were killed.", source="s"), 0, 2024
    ).mentions
    assert part and whole and part[0].partial and not whole[0].partial


def _name_plain(w: N._Words, i: int, j: int, full: dict[str, str]) -> tuple[str, str] | None:
    """names._name as it was: the run as a list of its indices (with stop 27's rules: a
    name opener, "Theresa May", an apostrophe inside, a title before an abbreviation's dot,
    "West Bank", a plural after a title)."""
    texts = w.texts
    n = w.n
    if j == i + 1:
        # one word (most runs): what the steps below do with it, done cheaply
        low = texts[i].lower()
        if low in N._NOT_NAMES or low in N._MONTHS or low in N._WEEKDAYS or low in N._NAME_LINKS:
            return None
        if (i == 0 or texts[i - 1] in N._OPENERS) and N.zipf(low) >= 4.5:
            return None
    seq = list(range(i, j))
    lows = w.lows
    titled = False
    # "UN Special Envoy Staffan de Mistura": the name follows the last title word
    cut = max((q for q, k in enumerate(seq) if lows[k] in N._TITLE_WORDS), default=-1)
    honorific = cut >= 0 and lows[seq[cut]].rstrip(".") in N._HONORIFICS
    if 0 <= cut < len(seq) - 1:
        titled = True
        i += cut + 1
        seq = seq[cut + 1 :]
    while seq and (
        (lows[seq[0]] in N._NOT_NAMES and not N._name_start(w, seq[0], seq[-1] + 1))
        or lows[seq[0]] in N._MONTHS
        or lows[seq[0]] in N._WEEKDAYS
        or lows[seq[0]] in N._NAME_LINKS
        or (
            len(seq) > 1
            and N.zipf(lows[seq[0]]) >= 5
            and (i == 0 or w.kind(i - 1) == "punct")
            and not N._opener_kept(w, seq[0], seq[-1] + 1)
        )
    ):
        i += 1
        seq = seq[1:]
    while seq and (
        lows[seq[-1]] in N._NAME_LINKS or lows[seq[-1]] in N._WEEKDAYS or lows[seq[-1]] in N._MONTHS
    ):
        if N._surname_may(w, seq[0], seq[-1] + 1):
            break
        seq = seq[:-1]
    if not seq:
        return None
    size = len(seq)
    first = texts[seq[0]]
    text = N._strip_possessive(" ".join(texts[k] for k in seq))
    if " ’ " in text or " ' " in text:
        text = text.replace(" ’ ", "’ ").replace(" ' ", "' ")
    last = N._strip_possessive(lows[seq[-1]])
    before = w.word(i - 1)
    if before == "" and i >= 2 and texts[i - 1] == "." and w.word(i - 2) in N._TITLE_WORDS:
        before = w.word(i - 2)
    nxt = texts[i + size] if i + size < n else None
    after = w.word(i + size)
    if nxt == ",":
        after = w.word(i + size + 1)
    initial = i == 0 or texts[i - 1] in N._OPENERS
    if initial and size == 1 and N.zipf(lows[seq[0]]) >= 4.5:
        return None  # "Later", "Meanwhile": a common word opening the sentence
    if size == 1 and first.isupper() and len(first) >= 2:
        if initial and nxt is not None and nxt in ",(–—-:":
            return text.title(), "place"  # a dateline: "MOSCOW, Russia (AFP) –"
        if first in N._PLACE_ACRONYMS:
            return text, "place"
        if len(first) <= 6 and first not in N._NOT_ACRONYMS and not N._law_acronym(w, i):
            return text, "organization"
        return None
    if text in N._KNOWN_ORGS:
        return text, "organization"
    if text == "West Bank":
        return text, "place"
    if size > 1 and last in N._ORG_SUFFIX:
        return text, "organization"
    if size > 2 and any(lows[q] == "of" and lows[q - 1] in N._ORG_SUFFIX for q in seq[1:-1]):
        return text, "organization"
    if size > 1 and last in N._PLACE_SUFFIX:
        if last == "state" and lows[seq[-2]] in N._GROUP_WORDS:
            return text, "organization"
        return text, "place"
    looks_person = not any(lows[k] in N._COMMON for k in seq) and not last.endswith(N._DEMONYM_ENDS)
    looks_person = looks_person and all(
        N.zipf(lows[k]) < 5 or (k == seq[-1] and texts[k] == "May") for k in seq
    )
    plural = not honorific and N._plural_noun(lows[seq[0]])
    if looks_person and size == 1 and (N.zipf(lows[seq[0]]) >= 4.5 or plural):
        looks_person = False  # "Chief of General Staff"
    spoke = after in N._SPEECH and size >= 2 and before not in ("of", "at", "for", "from", "the")
    if looks_person and size <= 4:
        if titled or before in N._TITLE_WORDS or spoke:
            if size >= 2:
                full[texts[seq[-1]]] = text
            return full.get(text, text), "person"
    if before in ("in", "near", "at", "across", "outside", "inside", "throughout"):
        modifies = N._modifies(w, seq[-1] + 1)
        if size <= 3 and not initial and not last.endswith(N._DEMONYM_ENDS) and not modifies:
            if text not in full and texts[seq[-1]] not in full:
                return text, "place"
    if size >= 2 and full.get(texts[seq[-1]]) == text:
        return text, "person"
    if size == 1 and text in full:
        return full[text], "person"
    return None


#: sentences near the edges of the name rules: title words inside a run, months, weekdays
#: and links at its ends, common words opening a sentence, datelines, acronyms, suffixes
_NAME_SENTENCES = [
    "UN Special Envoy Staffan de Mistura met Foreign Minister Sergei Lavrov on Monday.",
    "President Bashar al-Assad's forces took East Aleppo, Syrian State TV said.",
    "MOSCOW, Russia (AFP) - The Kremlin said Vladimir Putin spoke to Donald Trump.",
    "Later That Day, Police Chief John Smith said Smith's team found nothing.",
    "In January And February The Red Cross sent aid to Idlib Province.",
    "Meanwhile the World Health Organization and Doctors Without Borders warned.",
    "The FOSTA bill passed; the Stop Enabling Sex Traffickers Act (SESTA) did too.",
    "Officials in Ostra Bay and near New Town Hall said Jane Doe of Acme Corp left.",
    "General Staff Chief Valery Gerasimov told Reporters Without Borders on Friday.",
    "Juan Carlos de la Cruz and Maria said Tuesday that Ms Cruz would run.",
    "Secretary of State Mike Pompeo and the Secretary spoke in Washington DC.",
    "Kim Jong Un, Kim Il Sung and Kim Il-Sung were named by Pyongyang's KCNA.",
    "The Supreme Court of the United States ruled in Roe v. Wade in January.",
    "Dr. Anthony Fauci of the National Institutes of Health spoke at Harvard University.",
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_name_rules_on_bounds_equal_the_index_list(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """_name keeps the run as bounds (i, j) instead of a list of its indices: find_names
    gives the same names with the plain code, on the sentences above and on random runs of
    capitalized words, title words, months, links and common words."""
    rng = random.Random(seed)
    pool = "President Minister UN Foreign John Smith de al-Assad Monday January of the and "
    pool += "Corp University Province Later Meanwhile Police Chief State New York , ( ) said "
    pool += "NATO FBI in near at Ms Dr. The Red Cross Aleppo Tuesday's Kim Il Sung's"
    words = pool.split() + "the officials said that they met a man on".split() * 3
    # (each with lower-case words enough that it is no headline in title case)
    texts = [
        f"{t[:-1]}, officials there told reporters during their briefing." for t in _NAME_SENTENCES
    ]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(2, 14))) for _ in range(300)]
    sents = [_scan(Article(id="a", title="", text=t, source="s"), 0, 2024) for t in texts]
    for text in texts:
        art = Article(id="a", title="", text=text, source="s")
        fast = _scan(art, 0, 2024).names
        monkeypatch.setattr(N, "_name", _name_plain)
        plain = _scan(art, 0, 2024).names
        monkeypatch.undo()
        assert fast == plain, text
    runs = []  # the runs of more than one word that _name reads
    monkeypatch.setattr(N, "_name", lambda w, i, j, full: runs.append(j - i) or None)
    for text in texts:
        _scan(Article(id="a", title="", text=text, source="s"), 0, 2024)
    assert len(runs) > 150 and sum(len(s.names) for s in sents) > 60


def _num_first(letters: str) -> re.Pattern[str]:
    """The token pattern as it was, the number's alternative first (findall gives (space,
    num, word, sym, punct))."""
    return re.compile(
        r"(\s*)(?:(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)*)"
        rf"|(?P<word>[{letters}]+(?:['’][{letters}]+)*(?:-[{letters}]+)*)"
        r"|(?P<sym>[$£€¥₹₦%])"
        r"|(?P<punct>\S))"
    )


_SPACED_NUM_FIRST = _num_first("A-Za-z")
_SPACED_NUM_FIRST_LATIN = _num_first(LATIN)


def _tokenize_plain(
    text: str, masks: list[tuple[int, int]], takes: list[int] | None = None
) -> list:
    """numbers._tokenize as it was: white space before a token told by its start."""
    if takes is None:
        takes = []
    take = takes.append
    starts = NU._NUMBER_STARTS
    toks: list = []
    append = toks.append
    pos = prev_end = 0
    spans = NU._merge(masks) if masks else []
    spans.append((len(text), len(text)))
    findall = (_SPACED_NUM_FIRST if text.isascii() else _SPACED_NUM_FIRST_LATIN).findall
    for ms, me in spans:
        end = pos
        # every character but white space is in a token, so each starts after the space
        # before it and the next begins where it ends
        for space, num, word, sym, punct in findall(text, pos, ms):
            start = end + len(space)
            if word:
                end = start + len(word)
                low = word.lower()
                tok = NU._Tok(
                    "word",
                    word,
                    start,
                    end,
                    start > prev_end,
                    low,
                    None,
                    "A" <= word[0] <= "Z" or (word[0] > "\x7f" and word[0].isupper()),
                    low,
                )
                if "-" in word:
                    for part in NU._split_hyphenated(tok):
                        if part.value is not None or part.low in starts or part.low[-5:] == "-long":
                            take(len(toks))
                        append(part)
                else:
                    if low in starts:
                        take(len(toks))
                    append(tok)
            elif num:
                end = start + len(num)
                take(len(toks))
                append(
                    NU._Tok("num", num, start, end, start > prev_end, num, NU._digits_value(num))
                )
            else:
                t = sym or punct
                end = start + 1
                append(
                    NU._Tok("sym" if sym else "punct", t, start, end, start > prev_end, t.lower())
                )
            prev_end = end
        if me > ms:
            toks.append(NU._Tok("mask", text[ms:me], ms, me, ms > prev_end))
            prev_end = me
        pos = max(pos, me)
    return toks


def _fields(toks: list) -> list[tuple]:
    return [(t.kind, t.text, t.start, t.end, t.space, t.low, t.value, t.cap, t.w) for t in toks]


def test_tokens_equal_the_plain_tokenizer() -> None:
    """The tokenizer tells white space before a token by the space findall gives, and a
    capital by a set of the letters A-Z: the same tokens (every field) and the same list of
    the tokens a number may start at, on 2,000 random strings with random masks."""
    rng = random.Random(27)
    alphabet = list("aZ9 ,.-$%'’é\t\n(") + ["twenty-four", "Half", " 1,200 ", "six-year-old"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        masks = []
        for _ in range(rng.randint(0, 3)):
            a = rng.randint(0, len(text))
            masks.append((a, min(len(text), a + rng.randint(1, 6))))
        masks = [(a, b) for a, b in masks if b > a]
        got, want = [], []
        fast = NU._tokenize(text, list(masks), got)
        plain = _tokenize_plain(text, list(masks), want)
        assert _fields(fast) == _fields(plain) and got == want, (text, masks)


def test_no_letter_of_a_word_opens_a_number() -> None:
    """The token pattern tries the word before the number (speed): the same match wherever
    no character both opens a word and is a digit, checked over every letter of LATIN."""
    word_letter = re.compile(f"[{LATIN}]").fullmatch
    digit = re.compile(r"\d").fullmatch
    letters = [chr(c) for c in range(0x250) if word_letter(chr(c))]
    assert len(letters) > 300 and not any(digit(c) for c in letters)


def test_updated_to_equals_the_pattern() -> None:
    """_updated_to runs its pattern only where the words before the figure end in "to" or
    a hedge's last word: the same answer as the pattern alone, on 4,000 random prefixes of
    its own words (any case, odd white space, the long s that re.I reads as "s")."""
    from newsbrief.compare import alignment
    from newsbrief.compare.mentions import _Mention

    rng = random.Random(27)
    pieces = "raising rose risen climbed the toll death to TO To at least more than over "
    pieces += "nearly almost about around some ſome onto into . ; 15 people"
    words = pieces.split()
    seen = 0
    for _ in range(4000):
        before = "".join(
            rng.choice(words) + rng.choice([" ", "  ", "\n", "\t", ""])
            for _ in range(rng.randint(0, 8))
        )
        m = _Mention(
            0, 0, before + "15 people", "15", 15.0, "=", "count", "killed", pos=len(before)
        )
        want = bool(alignment._UPDATED_TO.search(before))
        assert alignment._updated_to(m) == want, before
        seen += want
    assert seen > 50  # the pattern matches some of them


def test_revised_and_vote_prechecks_equal_their_patterns() -> None:
    """report._revised and classify._votes_in test for pieces of their patterns first: the
    same answers as the patterns alone, on 4,000 random texts of their words and near misses
    (any case; the dotless i, dotted I and long s that re.I reads as i and s)."""
    from newsbrief.compare import classify

    rng = random.Random(27)
    words = "rose RISEN rıses rİsing climbs jumped grew MOUNTED revised upgraded raised has "
    words += "reached now stands at up from later put arose prose vote Votes voted voting "
    words += "majority ballots ruled RULING verdict devoted ſtands unruled the toll 12 , ."
    pool = words.split()
    hits = [0, 0]
    for _ in range(4000):
        text = "".join(
            rng.choice(pool) + rng.choice([" ", "", "  "]) for _ in range(rng.randint(0, 7))
        )
        want = report._REVISED.search(text) is not None
        assert report._revised(text) == want, text
        low = text.lower()
        vote = classify._VOTE_RE.search(low) is not None
        assert classify._votes_in(low) == vote, text
        hits[0] += want
        hits[1] += vote
    assert min(hits) > 500


def test_most_common_equals_the_counter() -> None:
    from collections import Counter

    rng = random.Random(14)
    for _ in range(2000):
        items = [(rng.choice("abcd"), rng.choice("=~<")) for _ in range(rng.randint(1, 9))]
        assert report.most_common(items) == Counter(items).most_common(1)[0][0]
        assert report.most_common(iter(items)) == Counter(items).most_common(1)[0][0]


_GATED_TEXTS = [
    "The third-deadliest storm of the decade left 12 people dead on Monday. "
    "Two-thirds of the homes lost power, and half of the roads were shut.",
    "Police said 40 people were hurt. You have two free articles left this month.",
    "Officials counted 300 houses damaged in the town. No one was killed.",
    "The 21st summit drew 5,000 delegates. A fifth of them came from abroad.",
    "İstanbul saw 15 arrests. The SECOND march drew 2,000 people.",
    "Residents fled as the river rose. Nobody knows how many homes were lost.",
]


def _scan_fields(text: str, title: str = "") -> tuple:
    import dataclasses

    sc = _scan(Article(id="a", title=title, text=text, source="s"), 0, 2024)
    return (
        [dataclasses.astuple(m) for m in sc.mentions],
        list(sc.dates),
        list(sc.names),
    )


def test_article_gates_equal_the_sentence_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanner asks once per article whether an ordinal, a fraction in words or the
    site's own text may be in it (speed): the same scan as with every sentence asked,
    on articles with and without them, alone and joined, with and without a title."""
    from newsbrief.compare import scanner

    gates = scanner._article_may_hold
    texts = _GATED_TEXTS + [" ".join(_GATED_TEXTS[i : i + 2]) for i in range(len(_GATED_TEXTS))]
    gated = [_scan_fields(t, title) for t in texts for title in ("", "Third time lucky")]
    monkeypatch.setattr(scanner, "_article_may_hold", lambda low: (True, True, True))
    plain = [_scan_fields(t, title) for t in texts for title in ("", "Third time lucky")]
    assert gated == plain
    assert sum(len(g[0]) for g in gated) > 20
    # the gates are shut for an article with none of the pieces, and open otherwise
    assert gates(_GATED_TEXTS[2].lower()) == (False, False, False)
    assert gates(_GATED_TEXTS[0].lower())[:2] == (True, True)
    assert gates(_GATED_TEXTS[1].lower())[2]
