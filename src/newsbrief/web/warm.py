"""Imported by the writer's fork server only: loads, once, what an add loads lazily.

The word frequency tables, the headline model, the compiled patterns of cleaning,
grouping, summarizing and fact comparison are loaded on first use. A writer worker is
forked from the fork server, so loading them there, before any fork, means that no
worker pays for it on its first write (several seconds on a busy machine). Nothing is
written anywhere.
"""

from __future__ import annotations

import datetime as dt

from newsbrief.compare import with_facts
from newsbrief.group import group_articles
from newsbrief.model import Article
from newsbrief.pipeline import clean_articles
from newsbrief.settings import Settings
from newsbrief.summarize import summarize_articles
from newsbrief.text import split_sentences

_TEXTS = (
    "The council of Northbridge said on Monday that 12 families were moved after the river "
    "rose by 2 metres overnight. Engineers inspected the old stone bridge and closed it to "
    "traffic until further notice, the mayor told reporters.",
    "Twelve families left their homes in Northbridge when the river rose two metres in one "
    "night, council officials said on Monday. The stone bridge stays closed while engineers "
    "check it, according to the mayor.",
)


def warm() -> None:
    """Clean, group, summarize and compare two small invented reports of one event."""
    settings = Settings()
    day = dt.date(2020, 3, 2)
    articles = [
        Article.create(text, title="River rises in Northbridge", source=f"s{k}", published=day)
        for k, text in enumerate(_TEXTS)
    ]
    cleaned = clean_articles(articles, settings)
    group_articles(cleaned, settings)
    # each article split once for the brief and the facts, as the pipeline does
    sentences = [split_sentences(a.text) for a in cleaned]
    brief = summarize_articles(cleaned, settings, sentences=sentences)
    with_facts(brief, cleaned, sentences=sentences)


try:
    warm()
except Exception:  # noqa: BLE001, S110 - only a cache: a failure here must not stop the writer
    pass
