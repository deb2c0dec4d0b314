"""Large stories: alike mentions scored once, only blocked pairs scored, clusters as before."""

from __future__ import annotations

from copydesk.align.claims import Profile, _group_pairs
from copydesk.models import Entity, Mention


def _profile(article: str, words: str, start: int = 0) -> Profile:
    m = Mention("entity", start, start + 5, Entity("STATEMENT", "x"), article_id=article)
    return Profile(m, group="stmt", context=frozenset(words.split()))


def _jaccard_score(calls: list[int]):  # type: ignore[no-untyped-def]
    def score(a: Profile, b: Profile) -> float:
        calls.append(1)
        return len(a.context & b.context) / len(a.context | b.context)
    return score


def test_copies_of_one_mention_are_scored_once_and_cluster_together() -> None:
    ps = [_profile(f"a{i:03d}", "ferry terminal close repairs april") for i in range(300)]
    ps += [_profile(f"b{i:03d}", "council budget vote delayed again") for i in range(300)]
    calls: list[int] = []
    clusters = _group_pairs(ps, _jaccard_score(calls), 0.5)
    assert sorted(len(c) for c in clusters) == [300, 300]
    assert len(calls) <= 4  # one score per distinct profile pair, not 180,000


def test_pairs_sharing_no_word_are_not_scored() -> None:
    ps = [_profile(f"a{i}", f"word{i} other{i}") for i in range(200)]
    calls: list[int] = []
    clusters = _group_pairs(ps, _jaccard_score(calls), 0.5)
    assert len(clusters) == 200 and calls == []


def test_two_mentions_of_one_article_never_share_a_cluster() -> None:
    ps = [_profile("a", "ferry close april"), _profile("a", "ferry close april", 10),
          _profile("b", "ferry close april")]
    clusters = _group_pairs(ps, _jaccard_score([]), 0.5)
    assert sorted(sorted(p.mention.article_id for p in c) for c in clusters) == [["a"], ["a", "b"]]
