"""The web app (newsbrief.web): pages, JSON API, errors, limits and write protection."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
from fastapi.testclient import TestClient  # noqa: E402

from newsbrief import pipeline  # noqa: E402
from newsbrief.model import Article  # noqa: E402
from newsbrief.store import Store  # noqa: E402
from newsbrief.web import create_app  # noqa: E402
from newsbrief.web.app import safe_name  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "aleppo"

SPACE = [
    (
        "Probe lands on icy moon",
        "The Aurora probe landed on the icy moon Tethys on Monday after a seven-year journey, "
        "the space agency said. Engineers cheered as the first signals arrived at 3:14 in the "
        "morning. The probe carries nine instruments to study the ice crust and the ocean below. "
        "Mission chief Dana Ruiz said the landing site was chosen for its flat terrain.",
        "https://orbit.example/aurora",
        "orbit.example",
    ),
    (
        "Aurora touches down on Tethys",
        "The Aurora probe touched down on Tethys on Monday, ending a seven-year voyage, the space "
        "agency said. The probe carries eight instruments to study the moon's ice crust and the "
        "ocean beneath it. Mission chief Dana Ruiz called the landing a triumph for the team.",
        "https://starwire.example/tethys",
        "starwire.example",
    ),
]


def space_articles() -> list[Article]:
    """Two invented reports of one event (they disagree on the number of instruments)."""
    return [
        Article.create(text, title=title, url=url, source=src, published=dt.date(2031, 3, 3))
        for title, text, url, src in SPACE
    ]


def seed(path: Path) -> None:
    """A store with the bundled Aleppo example and the invented space event."""
    with Store.open(path) as store:
        store.add(pipeline.load([EXAMPLE]).articles)
        store.add(pipeline.clean_articles(space_articles(), pipeline.Settings()))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "store.db"
    seed(path)
    return path


@pytest.fixture()
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(store_path, max_body=200_000), base_url="http://localhost")


def event_id(client: TestClient, q: str) -> str:
    events = client.get("/api/events", params={"q": q}).json()["events"]
    assert len(events) == 1
    return events[0]["id"]


def test_index_lists_events_biggest_first(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert '<meta name="viewport"' in r.text
    assert "Content-Security-Policy" in r.headers
    aleppo, space = r.text.find("Aleppo"), r.text.find("Tethys")
    assert 0 < aleppo < space  # 4 outlets before 2
    assert "<script" not in r.text and "http://" not in r.text.split("<main>")[0]


def test_search_and_pagination(client: TestClient) -> None:
    r = client.get("/", params={"q": "tethys probe"})
    assert "Tethys" in r.text and "Aleppo" not in r.text.split("<main>")[1]
    assert "1 event(s) match" in r.text
    api = client.get("/api/events", params={"q": "nothing-like-this"}).json()
    assert api["total"] == 0 and api["events"] == []
    # a page past the last shows the last one, and says which it is
    past = client.get("/api/events", params={"page": 99}).json()
    assert past["page"] == past["pages"] == 1 and past["events"]
    r = client.get("/", params={"page": 99})
    assert r.status_code == 200 and "page 1 of 1" in r.text and "page 99" not in r.text
    assert client.get("/api/events", params={"page": 0}).status_code == 422


def test_search_uses_the_full_text_index(client: TestClient) -> None:
    # words of the article text (not only titles) match, as prefixes, in any case
    hits = client.get("/api/events", params={"q": "ALEPP"}).json()
    assert hits["total"] == 1 and "Aleppo" in hits["events"][0]["title"]
    # FTS5 syntax typed into the box is plain words, never an error
    for q in ('"', "aleppo AND", "NEAR(", "title:x", "*", "-", "a OR b"):
        r = client.get("/api/events", params={"q": q})
        assert r.status_code == 200, q
    assert client.get("/api/events", params={"q": "!!!"}).json()["total"] == 0


def test_event_page_cites_sources_and_shows_disagreement(client: TestClient) -> None:
    eid = event_id(client, "tethys")
    r = client.get(f"/events/{eid}")
    assert r.status_code == 200
    assert 'href="#source-1"' in r.text and 'id="source-1"' in r.text
    assert 'href="https://orbit.example/aurora"' in r.text
    assert "orbit.example" in r.text and "2031-03-03" in r.text
    assert 'id="disagreements"' in r.text and "instrument" in r.text
    # a prefix of the id works as in the CLI
    assert client.get(f"/events/{eid[:6]}").status_code == 200


def test_api_event_and_brief_words(client: TestClient) -> None:
    eid = event_id(client, "aleppo")
    r = client.get(f"/api/events/{eid}")
    assert r.status_code == 200
    data = r.json()
    assert data["id"] == eid and data["outlets"] == 4
    assert len(data["brief"]["sources"]) == 4 and data["brief"]["sentences"]
    short = client.get(f"/api/events/{eid}/brief", params={"words": 20}).json()
    long = client.get(f"/api/events/{eid}/brief", params={"words": 150}).json()
    assert short["words"] == 20 and long["words"] == 150
    assert len(long["sentences"]) > len(short["sentences"])


def test_errors_are_json_with_codes(client: TestClient) -> None:
    r = client.get("/api/events/ffffffffffff")
    assert r.status_code == 404 and "detail" in r.json()
    assert str(client.app.state.web.path) not in r.text  # no server path leaks
    assert client.get("/api/events/x/brief", params={"words": 0}).status_code == 422
    assert client.get("/api/events/x/brief", params={"words": "many"}).status_code == 422
    r = client.post(
        "/api/articles", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 400 and "not JSON" in r.json()["detail"]
    r = client.post("/api/articles", json={"articles": [{"title": "no text"}]})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "text"
    r = client.post("/api/articles", json={"articles": [{"text": "x", "date": "yesterday"}]})
    assert r.status_code == 422
    r = client.post("/api/articles", content=b"text", headers={"content-type": "text/plain"})
    assert r.status_code == 415
    assert client.get("/events/ffffffffffff").status_code == 404


def test_request_size_limit(client: TestClient) -> None:
    big = {"articles": [{"text": "word " * 60_000}]}
    r = client.post(
        "/api/articles",
        content=json.dumps(big).encode(),
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413 and "detail" in r.json()


def test_cross_origin_posts_refused(client: TestClient) -> None:
    body = {"articles": [{"text": SPACE[0][1]}]}
    for header in (
        {"origin": "http://evil.example"},
        {"referer": "http://evil.example/x"},
        {"origin": "null"},
    ):
        assert client.post("/api/articles", json=body, headers=header).status_code == 403
        r = client.post("/add", data={"text": SPACE[0][1]}, headers=header)
        assert r.status_code == 403


def test_openapi_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/api/articles",
        "/api/events",
        "/api/events/{event_id}",
        "/api/events/{event_id}/brief",
    } <= set(schema["paths"])
    body = schema["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_safe_name_is_never_a_path() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\x\\..\\a b.html") == "a_b.html"
    assert safe_name("..") == "upload" and safe_name(None) == "upload"


def test_add_json_multipart_and_form(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    c = TestClient(create_app(path), base_url="http://localhost")
    title, text, url, src = SPACE[0]
    r = c.post(
        "/api/articles",
        json={
            "articles": [
                {"title": title, "text": text, "url": url, "source": src, "date": "2031-03-03"}
            ]
        },
    )
    assert r.status_code == 201, r.text
    data = r.json()
    assert data["added"] == 1 and len(data["event_ids"]) == 1
    eid = data["event_ids"][0]
    # the same file uploaded (the name is only a label): the second report joins the event
    jl = json.dumps(
        {"title": SPACE[1][0], "text": SPACE[1][1], "url": SPACE[1][2], "date": "2031-03-03"}
    ).encode()
    r = c.post("/api/articles", files={"files": ("../../../tmp/x.jsonl", jl)})
    assert r.status_code == 201, r.text
    assert r.json()["added"] == 1
    assert not (tmp_path / "x.jsonl").exists()
    # the form: paste text, 303 to the event page
    pasted = (
        "Ground controllers said the Aurora probe on Tethys sent its first photographs "
        "of the ice crust on Tuesday, a day after the landing on Monday, the agency said."
    )
    r = c.post(
        "/add", data={"title": "First photos from Tethys", "text": pasted}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/events/")
    page = c.get(r.headers["location"]).text
    assert "First photos from Tethys" in page
    r = c.post("/add", data={"text": "   "})
    assert r.status_code == 400 and "paste an article" in r.text
    assert eid


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    c = TestClient(create_app(tmp_path / "s.db"), base_url="http://localhost")
    evil = (
        "<script>window.__pwned=1</script>Officials said the <img src=x "
        "onerror=\"document.title='pwned'\"> bridge over the river reopened on Monday "
        "after repairs that took nine months, the city council said in a statement."
    )
    r = c.post(
        "/api/articles",
        json={
            "articles": [
                {
                    "title": "<b>Bridge</b> <script>alert(1)</script>",
                    "text": evil,
                    "url": "javascript:alert(1)",
                }
            ]
        },
    )
    assert r.status_code == 201, r.text
    eid = r.json()["event_ids"][0]
    for page in (c.get("/").text, c.get(f"/events/{eid}").text):
        assert "<script>" not in page and "<img" not in page and "<b>" not in page
        assert 'href="javascript' not in page
    assert "&lt;script&gt;" in c.get(f"/events/{eid}").text
