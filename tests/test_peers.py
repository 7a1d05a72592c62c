"""The sumy peers of bench/peers.py: our tokenizer adapter and the same-cluster ranking."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsbrief import evaluate as ev
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.summarize import prepare

pytest.importorskip("sumy")

BENCH = Path(__file__).resolve().parents[1] / "bench"
DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl"

TEXT = (
    "Lava from the Mount Arden volcano reached the coast on Friday, forcing 1,200 people to "
    "leave their homes. Scientists said the eruption, which began on Tuesday, could last for "
    "weeks. \"We've never seen flows this fast,\" said Dr. Ana Ruiz of the island's observatory. "
    "Flights to the island were cancelled because of the ash cloud."
)
OTHER = (
    "Thousands were evacuated as lava from Mount Arden flowed into the sea on Friday. "
    "Officials said 1,200 residents had been moved to shelters. The airport stayed closed "
    "for a third day as ash fell across the island."
)


def load_peers():
    spec = importlib.util.spec_from_file_location("peers", BENCH / "peers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cluster():
    arts = [
        Article.create(TEXT, title="Lava reaches coast", url="https://a.example/lava"),
        Article.create(OTHER, title="Mount Arden evacuations", url="https://b.example/arden"),
    ]
    return prepare(arts, Settings())


def test_tokenizer_adapter_splits_as_newsbrief_and_needs_no_nltk_data() -> None:
    peers = load_peers()
    tok = peers.ClusterTokenizer()
    sentences = tok.to_sentences(TEXT)
    assert len(sentences) == 4
    assert sentences[2].startswith("\"We've never seen") and "Dr. Ana Ruiz" in sentences[2]
    words = tok.to_words(sentences[2])
    assert words[:4] == ("We've", "never", "seen", "flows")
    assert "1,200" not in tok.to_words(sentences[0]) and "1" in tok.to_words(sentences[0])
    assert all(w.strip(".,;:!?\"'") == w for w in words)


def test_sumy_document_holds_the_cluster_sentences_in_order() -> None:
    peers = load_peers()
    c = cluster()
    doc = peers.document_from_cluster(c, peers.ClusterTokenizer())
    assert [str(s) for s in doc.sentences] == [s.text for s in c.sentences]
    assert len(doc.paragraphs) == 2


@pytest.mark.parametrize(
    "name", ["sumy-lexrank", "sumy-textrank", "sumy-lsa", "sumy-luhn", "sumy-kl", "sumy-sumbasic"]
)
def test_every_peer_ranks_every_sentence_once_and_selects_within_budget(name: str) -> None:
    peers = load_peers()
    c = cluster()
    p = peers.peer(name)
    ranked = p.rank(c)
    assert sorted(ranked) == list(range(c.size))
    chosen = p.select(c, 30)
    assert chosen and sum(int(c.words[i]) for i in chosen) <= 30
    assert p.rank(c) == ranked


def test_oracle_beats_the_main_peers_on_every_dev_event() -> None:
    if not DEV.exists():
        pytest.skip(f"{DEV} not found")
    peers = load_peers()
    data = ev.read_dataset(DEV)
    chosen = {n: peers.peer(n) for n in ("sumy-lexrank", "sumy-textrank")}
    chosen["oracle"] = "oracle"
    report = ev.evaluate(data.events, chosen, share_clusters=True)
    oracle = report.systems["oracle"]
    for name, r in report.systems.items():
        for k, e in enumerate(report.events):
            assert oracle.objective(k) >= r.objective(k) - 1e-12, (name, e.id)
