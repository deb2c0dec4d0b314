"""The one union-find: components partition the items, whatever order the links come in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copydesk.grouping import UnionFind, components

LINKS = st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15)), max_size=30)


def _as_sets(groups: list[list[int]]) -> set[frozenset[int]]:
    return {frozenset(g) for g in groups}


@given(LINKS, st.randoms())
def test_components_partition_and_ignore_link_order(links: list[tuple[int, int]], rnd) -> None:
    items = list(range(16))
    groups = components(items, links)
    assert sorted(x for g in groups for x in g) == items
    shuffled = links[:]
    rnd.shuffle(shuffled)
    assert _as_sets(components(reversed(items), [(b, a) for a, b in shuffled])) == _as_sets(groups)
    for a, b in links:
        assert any(a in g and b in g for g in groups)


@given(LINKS)
def test_the_root_is_the_smallest_member(links: list[tuple[int, int]]) -> None:
    uf: UnionFind[int] = UnionFind(range(16))
    for a, b in links:
        uf.union(a, b)
    for root, members in uf.groups().items():
        assert root == min(members)


def test_union_says_whether_sets_were_apart() -> None:
    uf: UnionFind[str] = UnionFind()
    assert uf.union("b", "a") and not uf.union("a", "b")
    assert uf.find("b") == "a" and uf.groups() == {"a": ["b", "a"]}
