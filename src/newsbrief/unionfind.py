"""Disjoint sets over the integers 0..n-1 (union-find with path halving).

Grouping articles (newsbrief.group), finding copies (newsbrief.dedup), clustering for the
naive grouping baseline (newsbrief.cluster_metrics) and pairing clock times
(newsbrief.compare.clock) all join items into groups by pairs. Each caller decides which
group's representative survives a join, because that choice shows in its output (the
earliest copy is the one kept; an existing event keeps its id), so :meth:`UnionFind.join`
takes the survivor first.
"""

from __future__ import annotations


class UnionFind:
    """Disjoint sets over ``range(n)``; every item starts alone."""

    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The representative of ``i``'s group."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, keep: int, gone: int) -> bool:
        """Join the groups of ``keep`` and ``gone``; ``keep``'s representative stays the
        representative of the whole. False when they were one group already."""
        a, b = self.find(keep), self.find(gone)
        if a == b:
            return False
        self.parent[b] = a
        return True

    def roots(self) -> list[int]:
        """Each item's representative, in item order."""
        return [self.find(i) for i in range(len(self.parent))]
