"""newsbrief.unionfind: the disjoint sets that grouping, copy finding and clock pairing share."""

from __future__ import annotations

import random

from newsbrief.unionfind import UnionFind


def test_every_item_starts_alone() -> None:
    sets = UnionFind(4)
    assert sets.roots() == [0, 1, 2, 3]


def test_join_keeps_the_first_items_representative() -> None:
    sets = UnionFind(5)
    assert sets.join(3, 1)
    assert sets.roots() == [0, 3, 2, 3, 4]
    assert sets.join(4, 1)  # 1's group (represented by 3) goes under 4
    assert sets.roots() == [0, 4, 2, 4, 4]


def test_join_within_one_group_changes_nothing() -> None:
    sets = UnionFind(3)
    sets.join(0, 1)
    sets.join(1, 2)
    assert not sets.join(2, 0)
    assert sets.roots() == [0, 0, 0]


def test_groups_match_a_plain_flood_fill() -> None:
    rnd = random.Random(7)
    n = 60
    edges = [(rnd.randrange(n), rnd.randrange(n)) for _ in range(45)]
    sets = UnionFind(n)
    for a, b in edges:
        sets.join(a, b)
    # the same components by a breadth-first search over the edges
    near: dict[int, set[int]] = {i: set() for i in range(n)}
    for a, b in edges:
        near[a].add(b)
        near[b].add(a)
    seen: dict[int, int] = {}
    for start in range(n):
        if start in seen:
            continue
        todo = [start]
        while todo:
            i = todo.pop()
            if i not in seen:
                seen[i] = start
                todo.extend(near[i] - seen.keys())
    roots = sets.roots()
    for i in range(n):
        for j in range(n):
            assert (roots[i] == roots[j]) == (seen[i] == seen[j])


def test_a_long_chain_is_flattened_as_it_is_walked() -> None:
    sets = UnionFind(1000)
    for i in range(999):
        sets.parent[i] = i + 1  # a chain 0 -> 1 -> ... -> 999, as joins can leave one
    assert sets.find(0) == 999
    hops, i = 0, 0
    while sets.parent[i] != i:
        i = sets.parent[i]
        hops += 1
    assert hops < 999  # path halving shortened the walk
