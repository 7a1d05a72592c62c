"""Average-linkage merging of groups of articles over a sparse graph (used by newsbrief.group).

The groups start as single articles (or syndicated copies, or stored events, which are
frozen: two frozen groups never merge). The two groups with the highest mean pairwise
similarity merge while that mean reaches the threshold, unless their days together would
span more than the window, or the weekdays an undated member names do not fit the days
(:data:`WEEKDAYS`), or the cohesion rule keeps them apart (:data:`COHESION`). See
docs/grouping.md.
"""

from __future__ import annotations

import heapq

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

__all__ = [
    "COHESION",
    "COHESION_SIZE",
    "PART_EDGES",
    "WEEKDAYS",
    "WEEKDAY_AFTER",
    "WEEKDAY_BEFORE",
    "agglomerate",
    "agglomerate_parts",
    "week_mask",
]

#: two groups of :data:`COHESION_SIZE` or more articles each merge only when their mean
#: cross similarity is at least this share of the lower of their mean inner similarities
#: (0: off). Sibling events (two resignations of one morning) are each a tight group and
#: alike, but less alike than each is inside; chosen on groups_dev.jsonl (docs/grouping.md)
COHESION = 0.8
#: the size from which a group's mean inner similarity is trusted (a group of two has one
#: inner pair)
COHESION_SIZE = 3
#: an undated article whose title or lead names a weekday as a day (the first one it
#: names, :func:`newsbrief.dating.lead_weekday`) joins only a group whose dated days,
#: widened by :data:`WEEKDAY_BEFORE` days before and :data:`WEEKDAY_AFTER` after, include
#: that weekday: a lead's "on Friday" is the story's day or one just before it. Fitted on
#: train.jsonl (95 of its 95 undated articles that name one fit their event's dated days
#: so widened; dev.jsonl, not fitted on: 26 of 26); docs/grouping.md
WEEKDAYS = True
WEEKDAY_BEFORE = 2
WEEKDAY_AFTER = 1


def week_mask(first: int, last: int) -> int:
    """The weekdays (bit 0: Monday) of the days ``first - WEEKDAY_BEFORE`` to
    ``last + WEEKDAY_AFTER`` (proleptic Gregorian ordinals; day 1 was a Monday)."""
    a, b = first - WEEKDAY_BEFORE, last + WEEKDAY_AFTER
    if b - a >= 6:
        return 127
    return sum(1 << ((d + 6) % 7) for d in range(a, b + 1))


def agglomerate(
    sizes: list[int],
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    threshold: float,
    frozen: list[bool],
    first: list[int] | None = None,
    last: list[int] | None = None,
    span: int | None = None,
    inner: list[float] | None = None,
    weekdays: list[int] | None = None,
) -> list[int]:
    """Average-linkage merging over a sparse graph of groups; returns each group's root.

    ``edges`` hold the sum of pairwise similarities between two groups (i < j); a
    missing pair counts as 0. Two frozen groups never merge. With ``span``, ``first``
    and ``last`` (each group's earliest and latest day, -1 where it has none), two groups
    whose days together would span more than ``span`` days never merge: an event's dated
    articles lie within ``span`` days, so an undated article may join an event but never
    bridge two. ``inner`` is each group's sum of the pairs inside it (the cohesion rule);
    ``weekdays`` each group's mask of weekdays its undated articles name (:data:`WEEKDAYS`).
    """
    n = len(sizes)
    size = list(sizes)
    frz = list(frozen)
    lo = list(first) if first is not None else [-1] * n
    hi = list(last) if last is not None else [-1] * n
    inn = list(inner) if inner is not None else [0.0] * n
    wk = list(weekdays) if weekdays is not None and WEEKDAYS else [0] * n

    def loose(i: int, j: int, cross: float) -> bool:
        """Two groups of COHESION_SIZE+ articles each whose mean cross similarity is below
        :data:`COHESION` times the lower of their mean inner similarities."""
        if not COHESION or size[i] < COHESION_SIZE or size[j] < COHESION_SIZE:
            return False
        ci = inn[i] / (size[i] * (size[i] - 1) / 2)
        cj = inn[j] / (size[j] * (size[j] - 1) / 2)
        return cross / (size[i] * size[j]) < COHESION * min(ci, cj)

    def too_long(i: int, j: int) -> bool:
        """Days together over ``span``, or a named weekday off the days (see WEEKDAYS)."""
        if span is None:
            return False
        li, lj = lo[i], lo[j]
        if li >= 0 and lj >= 0 and max(hi[i], hi[j]) - min(li, lj) > span:
            return True
        named = wk[i] | wk[j]
        if not named or (li < 0 and lj < 0):
            return False
        if li >= 0 and lj >= 0:
            return bool(named & ~week_mask(min(li, lj), max(hi[i], hi[j])))
        return bool(named & ~(week_mask(li, hi[i]) if li >= 0 else week_mask(lj, hi[j])))

    parent = list(range(n))
    adj: list[dict[int, float]] = [{} for _ in range(n)]
    gi, gj, gs = edges
    heap: list[tuple[float, int, int]] = []
    step = 1 << 16  # Python lists of a slice at a time: the adjacency is what must fit
    for at in range(0, len(gi), step):
        part = zip(
            gi[at : at + step].tolist(),
            gj[at : at + step].tolist(),
            gs[at : at + step].tolist(),
            strict=True,
        )
        for i, j, s in part:
            adj[i][j] = s
            adj[j][i] = s
            avg = s / (size[i] * size[j])
            if avg >= threshold and not (frz[i] and frz[j]):
                heap.append((-avg, i, j))
    del gi, gj, gs, edges
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        ai = adj[i]
        s = ai.get(j)
        if s is None or -neg != s / (size[i] * size[j]):
            continue  # stale: one side merged since this entry was pushed
        if too_long(i, j) or loose(i, j, s):
            continue  # it stays out of the heap until one side merges again
        if len(ai) < len(adj[j]):
            i, j = j, i
            ai = adj[i]
        aj = adj[j]
        del ai[j]
        del aj[i]
        for k, sk in aj.items():
            ak = adj[k]
            del ak[j]
            v = ai.get(k, 0.0) + sk
            ai[k] = v
            ak[i] = v
        adj[j] = {}
        parent[j] = i
        size[i] += size[j]
        inn[i] += inn[j] + s
        wk[i] |= wk[j]
        frz[i] = frz[i] or frz[j]
        if lo[j] >= 0:
            lo[i] = lo[j] if lo[i] < 0 else min(lo[i], lo[j])
            hi[i] = max(hi[i], hi[j])
        si = size[i]
        for k, v in ai.items():
            avg = v / (si * size[k])
            if avg >= threshold and not (frz[i] and frz[k]):
                heapq.heappush(heap, (-avg, min(i, k), max(i, k)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    return [root(i) for i in range(n)]


#: most group pairs one agglomeration holds at a time (its adjacency is Python dicts)
PART_EDGES = 1 << 19


def agglomerate_parts(
    sizes: list[int],
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    threshold: float,
    frozen: list[bool],
    first: list[int],
    last: list[int],
    span: int,
    part_edges: int | None = None,
    inner: list[float] | None = None,
    weekdays: list[int] | None = None,
) -> list[int]:
    """:func:`agglomerate`, one part of the graph at a time; the same groups.

    Two groups merge only when their mean pair similarity is at least ``threshold``, so
    at least one pair between them is that similar: every merge happens inside one
    connected component of the graph of such pairs, and merges in one component never
    change a sum another component reads. So the components are agglomerated apart,
    several together up to ``part_edges`` group pairs, each with the pairs inside it
    (pairs between components never matter), and only one part's adjacency is held.
    ``part_edges`` defaults to :data:`PART_EDGES`.
    """
    part_edges = PART_EDGES if part_edges is None else part_edges
    n = len(sizes)
    gi, gj, gs = edges
    gi = np.asarray(gi, dtype=np.int64)
    gj = np.asarray(gj, dtype=np.int64)
    if len(gi) <= part_edges:
        return agglomerate(
            sizes, (gi, gj, gs), threshold, frozen, first, last, span, inner, weekdays
        )
    size = np.asarray(sizes, dtype=np.float64)
    strong = gs / (size[gi] * size[gj]) >= threshold
    link = sparse.coo_matrix(
        (np.ones(int(strong.sum()), dtype=np.int8), (gi[strong], gj[strong])), shape=(n, n)
    )
    _, comp = connected_components(link, directed=False)
    del link, strong
    inside = comp[gi] == comp[gj]
    gi, gj, gs = gi[inside], gj[inside], gs[inside]
    ec = comp[gi]
    by_comp = np.argsort(ec, kind="stable")
    gi, gj, gs, ec = gi[by_comp], gj[by_comp], gs[by_comp], ec[by_comp]
    del by_comp, inside
    ncomp = int(comp.max()) + 1 if n else 0
    counts = np.bincount(ec, minlength=ncomp)
    starts = np.zeros(ncomp + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    root_of = list(range(n))
    frz, lo, hi = np.asarray(frozen), np.asarray(first), np.asarray(last)
    inn = np.asarray(inner if inner is not None else [0.0] * n, dtype=np.float64)
    wks = np.asarray(weekdays if weekdays is not None else [0] * n, dtype=np.int64)
    has_edges = np.flatnonzero(counts)
    at = 0
    while at < len(has_edges):
        # components in order, as many as fit in one part (a larger one is a part alone)
        stop = at + 1
        while (
            stop < len(has_edges)
            and starts[has_edges[stop] + 1] - starts[has_edges[at]] <= part_edges
        ):
            stop += 1
        c0, c1 = has_edges[at], has_edges[stop - 1]
        a, b = starts[c0], starts[c1 + 1]
        nodes = np.flatnonzero(np.isin(comp, has_edges[at:stop]))  # sorted: same tie order
        local = np.searchsorted(nodes, np.concatenate([gi[a:b], gj[a:b]]))
        m = b - a
        roots = agglomerate(
            [sizes[k] for k in nodes.tolist()],
            (local[:m], local[m:], gs[a:b]),
            threshold,
            frz[nodes].tolist(),
            lo[nodes].tolist(),
            hi[nodes].tolist(),
            span,
            inn[nodes].tolist(),
            wks[nodes].tolist(),
        )
        for k, r in zip(nodes.tolist(), roots, strict=True):
            root_of[k] = int(nodes[r])
        at = stop
    return root_of
