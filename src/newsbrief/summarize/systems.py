"""Systems by name: the default summarizer, the baselines and the oracle.

>>> from newsbrief.summarize import systems
>>> systems.get("lexrank")
LexRank(threshold=0.1, damping=0.85)

Benchmarks add their own (the sumy peers) with :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable

from newsbrief.errors import InputError
from newsbrief.summarize.base import Extractor
from newsbrief.summarize.baselines import Centroid, Lead, LexRank, Random, Submodular, TextRank
from newsbrief.summarize.default import Newsbrief
from newsbrief.summarize.oracle import Oracle

__all__ = ["BUILTIN", "get", "names", "register"]

Factory = Callable[[], Extractor]

#: the systems that ship with newsbrief, in the order reports list them
BUILTIN: dict[str, Factory] = {
    "newsbrief": Newsbrief,
    "random": Random,
    "lead": Lead,
    "textrank": TextRank,
    "lexrank": LexRank,
    "centroid": Centroid,
    "submodular": Submodular,
    "oracle": Oracle,
}

_registry: dict[str, Factory] = dict(BUILTIN)


def register(name: str, factory: Factory) -> None:
    """Make ``factory()`` available as the system ``name`` (replacing one of that name)."""
    _registry[name] = factory


def names() -> list[str]:
    """Names of every known system: the built-in ones first, then the registered ones."""
    return list(_registry)


def get(name: str) -> Extractor:
    """A new extractor of the system ``name``; an unknown name is an :class:`InputError`."""
    try:
        factory = _registry[name]
    except KeyError:
        raise InputError(f"unknown system {name!r} (known: {', '.join(_registry)})") from None
    return factory()
