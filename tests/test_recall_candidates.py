"""bench/recall_candidates.py: the lines other sources hold that the balanced text lacks,
where they go, which sources agree on them, and the page gate (bench/reader_kfold.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import lxml.html

from test_read_lines import BODY


def _module():
    path = Path(__file__).resolve().parents[1] / "bench" / "recall_candidates.py"
    spec = importlib.util.spec_from_file_location("recall_candidates", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("recall_candidates", mod)  # its dataclass looks its module up
    spec.loader.exec_module(mod)
    return sys.modules["recall_candidates"]


MISSED = "The pier had been closed since a storm damaged it in the first week of January."
SIDEBAR = "Read our newsletter every morning for the best of the coast"
PAGE = (
    "<html><body><div class='story'><h1>Ferry to reopen</h1><p>"
    + BODY[0]
    + "</p><div class='note'>"
    + MISSED
    + "</div><p>"
    + BODY[1]
    + "</p><p>"
    + BODY[2]
    + "</p></div><aside class='sidebar'><p>"
    + SIDEBAR
    + "</p></aside></body></html>"
)


def test_candidates_are_the_missing_lines_placed_after_their_line_with_their_sources():
    R = _module()
    tree = lxml.html.fromstring(PAGE)
    sources = {
        "justext": [BODY[0], MISSED, BODY[1]],
        "readability": [BODY[0], MISSED.upper(), BODY[1], BODY[2], SIDEBAR],
        "recall": list(BODY),
    }
    cands = R.candidates(tree, list(BODY), sources, title="Ferry to reopen")
    by_text = {c.text: c for c in cands}
    # the title and the balanced lines themselves are never candidates
    assert set(by_text) == {MISSED, SIDEBAR}
    missed, sidebar = by_text[MISSED], by_text[SIDEBAR]
    assert missed.after == 0  # after the first balanced line, where its block sits
    # the container's block, jusText's line, and readability's (in other case) agree
    assert missed.sources == {"container", "justext", "readability"}
    assert (missed.in_container, missed.element) == (True, "")
    assert sidebar.sources == {"readability"}
    assert (sidebar.in_container, sidebar.after, sidebar.element) == (False, 2, "p")


def test_rows_and_the_page_gate():
    R = _module()
    tree = lxml.html.fromstring(PAGE)
    sources = {"justext": [MISSED], "readability": [MISSED, SIDEBAR]}
    cands = R.candidates(tree, list(BODY), sources, title="Ferry to reopen")
    rows = R.candidate_rows(cands, list(BODY), [], [1.0, 1.0, 1.0])
    assert all(len(r) == len(R.RFEATURES) for r in rows)
    col = {n: i for i, n in enumerate(R.RFEATURES)}
    # the words two sources agree on beyond the balanced text, against its words
    agreed = rows[0][col["page_agreed"]]
    assert 0 < agreed < 1
    assert [r[col["n_sources"]] for r in rows] == [3.0, 1.0]
    # below the page's level the gate takes every line two sources hold; above, none
    assert R.gate(rows, agreed - 0.01) == [True, False]
    assert R.gate(rows, agreed + 0.01) == [False, False]


def test_merge_puts_taken_lines_after_their_line_and_keeps_them():
    R = _module()
    cands = [R.Candidate(text="x one", after=-1), R.Candidate(text="y two", after=1)]
    lines, keep = R.merge(["a", "b", "c"], [True, False, True], cands, [True, True])
    assert lines == ["x one", "a", "b", "y two", "c"]
    assert keep == [True, True, False, True, True]
    lines, keep = R.merge(["a", "b"], [True, True], cands, [False, False])
    assert (lines, keep) == (["a", "b"], [True, True])
