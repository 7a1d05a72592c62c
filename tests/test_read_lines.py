"""The reader's line model (newsbrief.read.lines): features, the shipped model, the HTML path."""

from __future__ import annotations

import pytest

from newsbrief.read import html as H
from newsbrief.read.lines import (
    FEATURES,
    Views,
    keep_probabilities,
    kept_lines,
    line_features,
    load_model,
)

BODY = [
    "The harbour authority said on Tuesday that the ferry crossing would reopen next month "
    "after repairs to the northern pier were finished ahead of schedule.",
    "Engineers replaced forty metres of decking and two mooring posts, the authority said, "
    "and the work cost less than the council had set aside for it in the spring.",
    "Local businesses, which lost trade while the crossing was shut, welcomed the news and "
    "said they expected visitor numbers to recover before the summer season begins.",
]
LINKS = ["Weather warning for the coast", "Council elections: the results", "Sport"]

PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Ferry to reopen</title>"
    "</head><body><nav><ul>"
    + "".join(f"<li><a href='/n{i}'>{t}</a></li>" for i, t in enumerate(LINKS))
    + "</ul></nav><article><h1>Ferry to reopen</h1>"
    + "".join(f"<p>{p}</p>" for p in BODY)
    + "<h3>More stories</h3><ul>"
    + "".join(f"<li><a href='/m{i}'>{t}</a></li>" for i, t in enumerate(LINKS))
    + "</ul></article></body></html>"
)


def test_shipped_model_matches_the_features() -> None:
    m = load_model()
    assert tuple(m["features"]) == FEATURES
    assert len(m["coef"]) == len(m["mean"]) == len(m["scale"]) == len(FEATURES)
    assert 0.0 < m["threshold"] < 1.0


def test_features_say_what_other_extractors_kept_and_link_density() -> None:
    lines = [BODY[0], LINKS[0]]
    views = Views(precision=BODY[0], anchors=[LINKS[0].casefold()])
    rows = line_features(lines, views)
    assert all(len(r) == len(FEATURES) for r in rows)
    f = {name: (rows[0][i], rows[1][i]) for i, name in enumerate(FEATURES)}
    assert f["cov_precision"] == (1.0, 0.0)
    assert f["link_density"] == (0.0, 1.0)
    assert f["stop_end"] == (1.0, 0.0)
    assert f["first"] == (1.0, 0.0) and f["last"] == (0.0, 1.0)


def test_model_prefers_kept_prose_to_a_lone_link() -> None:
    lines = [BODY[0], LINKS[0], BODY[1]]
    views = Views(
        precision="\n".join([BODY[0], BODY[1]]),
        anchors=[LINKS[0].casefold()],
    )
    p = keep_probabilities(line_features(lines, views))
    t = load_model()["threshold"]
    assert p[0] >= t and p[2] >= t and p[1] < t
    assert kept_lines("\n".join(lines), views) == "\n".join([BODY[0], BODY[1]])


def test_at_least_one_line_is_kept() -> None:
    m = dict(load_model(), threshold=1.5)  # a model that would drop every line
    assert kept_lines("\n".join(BODY), Views(), m) in BODY


def test_html_page_keeps_every_body_paragraph() -> None:
    # the model runs on the HTML path (trafilatura already prunes these link lists; the
    # model's own dropping is checked above): no paragraph of a plain article is lost
    a = H.html_article(PAGE, "ferry.html")
    for p in BODY:
        assert p in a.text
    for t in LINKS:
        assert t not in a.text.split("\n")


def test_without_a_precision_pass_the_balanced_text_stands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    real = trafilatura.bare_extraction

    def balanced_only(*args: object, **kw: object) -> object:
        if kw.get("favor_precision"):
            raise ValueError("broken pass")
        return real(*args, **kw)

    balanced = real(PAGE, with_metadata=True, include_comments=False).text
    monkeypatch.setattr(trafilatura, "bare_extraction", balanced_only)
    a = H.html_article(PAGE, "ferry.html")
    assert a.text == balanced.split("\n", 1)[1]  # all of it, less the repeated title


def _reader_pools():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "reader_pools.py"
    spec = importlib.util.spec_from_file_location("reader_pools", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("reader_pools", mod)  # its dataclass looks its module up
    spec.loader.exec_module(mod)
    return sys.modules["reader_pools"]


def test_container_pool_holds_only_the_main_containers_missing_blocks():
    """bench/reader_pools.py's container pool: the blocks of the element that holds the
    balanced text, less those the balanced text has, placed after the line before them."""
    import lxml.html

    pools = _reader_pools()
    page = lxml.html.fromstring(
        "<html><body><nav><a href='/a'>Home page of the site</a> <a href='/b'>World news and"
        " more</a></nav><div class='story'><p>" + BODY[0] + "</p><p>" + BODY[1] + "</p>"
        "<blockquote class='twitter-tweet'><p>Lava is everywhere <b>tonight</b> near us</p>"
        "</blockquote><figure><figcaption>A photo of the lava flow at dawn</figcaption>"
        "</figure><p>" + BODY[2] + "</p></div><footer>Copyright of the site owner</footer>"
        "</body></html>"
    )
    extras = pools.extra_blocks(page, list(BODY))
    assert [x.text for x in extras] == [
        "Lava is everywhere tonight near us",
        "A photo of the lava flow at dawn",
    ]
    tweet, caption = extras
    assert (tweet.after, tweet.quoted, tweet.figure) == (1, True, False)
    assert (caption.after, caption.quoted, caption.figure) == (1, False, True)
