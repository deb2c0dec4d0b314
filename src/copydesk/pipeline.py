"""The analysis pipeline: stages in order, each taking the previous stage's records.

``run`` is pure: articles in, an ``Analysis`` out. Persistence is the caller's
job (``api.py``), so the same pipeline serves the CLI, the web app and tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from copydesk import align, extract, stories, verify
from copydesk.models import Article, Claim, CopyLink, Dependence, Mention, Rejection, Story, content_id
from copydesk.settings import Settings

try:
    from copydesk.align.entities import EntityIndex
except ImportError:  # a build without the entity index: each stage compares by recognized names
    EntityIndex = None  # type: ignore[assignment,misc]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class StoryAnalysis:
    story: Story
    claims: tuple[Claim, ...] = ()
    dependences: tuple[Dependence, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()
    #: the story's ``align.entities.EntityIndex``, built once here and reused by alignment, verification
    #: and the report (None: each builds its own where available)
    entities: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Analysis:
    articles: tuple[Article, ...]
    mentions: Mapping[str, tuple[Mention, ...]]
    stories: tuple[StoryAnalysis, ...]
    copies: tuple[CopyLink, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    meta: Mapping[str, object] = field(default_factory=dict)

    @property
    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}


def _noop(stage: str, done: int, total: int) -> None:
    pass


def extract_all(articles: Sequence[Article], progress: Progress = _noop) -> dict[str, tuple[Mention, ...]]:
    """Mentions of every article, the texts parsed in batches."""
    out: dict[str, tuple[Mention, ...]] = {}
    found = extract.extract_many((a.text, a.published, a.id) for a in articles)
    for i, (a, ms) in enumerate(zip(articles, found)):
        out[a.id] = tuple(ms)
        progress("extract", i + 1, len(articles))
    return out


def one_story(articles: Sequence[Article]) -> Story:
    """The whole input as one story: a dossier the user curated by hand."""
    dates = sorted(a.published for a in articles if a.published)
    titles = [a.title for a in articles if a.title]
    return Story(id=content_id("dossier", *sorted(a.id for a in articles)),
                 title=titles[0] if titles else "Dossier",
                 article_ids=tuple(a.id for a in articles),
                 first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None)


def run(articles: Sequence[Article], *, rejections: Sequence[Rejection] = (),
        settings: Settings | None = None, one_story_only: bool = False,
        mentions: Mapping[str, Sequence[Mention]] | None = None,
        story_list: Sequence[Story] | None = None,
        copies: Sequence[CopyLink] | None = None,
        progress: Progress = _noop) -> Analysis:
    """Run every stage over ``articles``. Precomputed mentions, stories or copy links are reused."""
    settings = settings or Settings.load()
    articles = list(articles)
    by_id = {a.id: a for a in articles}
    ments = {k: tuple(v) for k, v in mentions.items()} if mentions is not None else extract_all(articles, progress)
    for a in articles:
        ments.setdefault(a.id, ())
    if one_story_only:
        groups = [one_story(articles)] if articles else []
    elif story_list is not None:
        groups = list(story_list)
    else:
        groups = stories.group(articles, settings)
    links = list(stories.find_copies(articles, settings) if copies is None else
                 [c for c in copies if c.a in by_id and c.b in by_id])
    by_article: dict[str, list[CopyLink]] = {}
    for c in links:
        by_article.setdefault(c.a, []).append(c)
    analysed = []
    for i, st in enumerate(groups):
        members = {aid: by_id[aid] for aid in st.article_ids if aid in by_id}
        st_mentions = {aid: ments.get(aid, ()) for aid in members}
        # one entity index per story, shared by every stage that resolves names (each used to build its own)
        index = EntityIndex.build(members, st_mentions, st.id) if EntityIndex is not None and members else None
        claims = align.align(st, members, st_mentions, entities=index)
        st_copies = [c for aid in members for c in by_article.get(aid, ()) if c.b in members]
        lookup = verify.LazyEntities(st, members, st_mentions, index=index) if index is not None else None
        v = verify.verify(st, members, st_mentions, claims, st_copies, entities=lookup)
        analysed.append(StoryAnalysis(st, tuple(v.claims), tuple(v.dependences), tuple(v.groups), index))
        progress("verify", i + 1, len(groups))
    return Analysis(tuple(articles), ments, tuple(analysed), tuple(links), tuple(rejections))
