"""The same pipeline on Dask: digest corpora too large for one machine.

>>> from newsbrief.distributed import dask_client, run_digest
>>> with dask_client(workers=4) as client:                       # doctest: +SKIP
...     result = run_digest(["crawl/2024-*.jsonl"], "out/", client=client)
>>> result.counts["events"]                                      # doctest: +SKIP

This package only distributes the stages; each stage is the single-machine function
(see docs/distributed.md), one module per job: :mod:`.options` (options, results),
:mod:`.cluster`, :mod:`.partitions` (planning the input), :mod:`.prepare` (stage 1),
:mod:`.copies` (2), :mod:`.blocks` (3), :mod:`.events` (4-5), :mod:`.output` (ranked
files) and :mod:`.run` (the stages in order):

1. **Read and clean** (one task per partition: a byte range of a JSON Lines file, or a
   row group of a Parquet file). Records are parsed by :func:`newsbrief.read.jsonl.record_articles`
   (same field names and aliases as the readers) and cleaned by
   :func:`newsbrief.clean.clean_article`. Each task also computes, per article, the word
   5-shingles (:func:`newsbrief.dedup.article_shingles`), the MinHash signature
   (:func:`newsbrief.dedup.signature`, seed 1) cut into LSH bands, and the grouping vector
   (:func:`newsbrief.group.vectorize`). It writes them as Parquet to a work folder and
   returns only counts. Bad records (invalid JSON, no text, an invalid date, a text over
   :attr:`DaskOptions.max_text_chars`, nothing left after cleaning) are counted and written
   to ``rejects.jsonl`` with the reason, the input, the line and the partition.
2. **Near-duplicates.** The band keys are shuffled across partitions (``groupby`` band key);
   articles sharing a band bucket are candidate pairs, verified by the exact Jaccard
   similarity of their shingle sets; union-find over the verified edges (a small list,
   reduced on the client) maps every copy to the earliest article it copies, as
   :func:`newsbrief.dedup.find_duplicates` does. The same article read twice (same id) is
   kept once, as :func:`newsbrief.group.group_articles` does.
3. **Blocking for events.** Every article goes to the block of its date bucket and, near a
   bucket's start, to the block before, so every pair of articles at most
   ``Settings.group_window_days`` apart meets in one block; undated articles go to every
   block, since they are compared with every article. A block larger than
   :attr:`DaskOptions.max_block` is split by the article's strongest terms (shared rare
   terms). Inside each block :func:`newsbrief.group.similarity_edges` finds the pairs
   similar enough to ever join an event; their connected components (union-find on the
   client, over a spanning forest of each block) are independent grouping problems.
4. **Events.** Each component is grouped by :func:`newsbrief.group.group_articles`: the same
   events as grouping everything at once, since average linkage never merges articles
   with no similar pair between them. A component larger than ``max_block`` is cut into
   date chunks that overlap by the window; events of two chunks sharing an article are
   merged (a deterministic approximation, only for such components).
5. **Briefs.** Each event is briefed by :func:`newsbrief.digest.brief_event`
   (the summarizer, then facts and disagreements), as ``newsbrief digest`` does, ranked by
   distinct outlets, then recency (:func:`newsbrief.digest.rank_key`) with a distributed
   sort, and written as Parquet and JSON Lines.

Everything is deterministic: hashes are sha1/blake2b/CRC-32 (never Python's ``hash``),
rows are sorted by their position in the input wherever order matters, and a task that
is run again (a worker was lost) writes the same files.
"""

from __future__ import annotations

from newsbrief.distributed.cluster import dask_client
from newsbrief.distributed.options import DaskOptions, DaskResult
from newsbrief.distributed.output import read_briefs, read_events
from newsbrief.distributed.partitions import Part, plan_partitions
from newsbrief.distributed.prepare import _records  # noqa: F401 (tests read partitions with it)
from newsbrief.distributed.run import run_digest

__all__ = [
    "DaskOptions",
    "DaskResult",
    "Part",
    "dask_client",
    "plan_partitions",
    "read_briefs",
    "read_events",
    "run_digest",
]
