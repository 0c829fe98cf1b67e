"""The whole story: article → language + reference date → temporal expressions → events → merge → store.

Each stage is one call; the store is only touched at the end, in one transaction per article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tracker.extract.entities import ActorRegistry
from tracker.extract.events import assemble_events
from tracker.extract.language import detect_language
from tracker.extract.reference import find_reference
from tracker.extract.temporal import find_dates
from tracker.model import Article, DateMention, EventDraft, Reference, ReferenceSource
from tracker.store import IngestResult, Store


@dataclass(frozen=True)
class Analysis:
    """What the extraction stages found in one article, before anything is stored."""

    article: Article
    language: str
    reference: Reference
    mentions: tuple[DateMention, ...]
    drafts: tuple[EventDraft, ...]

    @property
    def needs_reference(self) -> bool:
        """Relative dates could not be anchored: a person should set the reference date."""
        return self.reference.day is None


def analyse(article: Article, *, registry: ActorRegistry | None = None, reference_day: date | None = None) -> Analysis:
    """Run the pure stages over one article (nothing is stored)."""
    language = article.language or detect_language(article.text)
    if reference_day is not None:
        reference = Reference(reference_day, ReferenceSource.PERSON)
    else:
        reference = find_reference(article.text, language, article.published)
    mentions = find_dates(article.text, language, reference.day)
    drafts = assemble_events(article.text, language, reference.day, mentions, registry)
    return Analysis(article, language, reference, tuple(mentions), tuple(drafts))


def registry_for(store: Store) -> ActorRegistry:
    """The shipped actor registry plus the aliases people added."""
    return ActorRegistry.default().with_aliases(store.aliases())


def ingest(store: Store, article: Article, *, registry: ActorRegistry | None = None,
           reference_day: date | None = None) -> IngestResult:
    """Analyse and store one article; the same article twice changes nothing."""
    known = store.find_article(article.content_hash)
    if known is not None:
        return IngestResult(article_id=known.id, article_new=False)
    found = analyse(article, registry=registry or registry_for(store), reference_day=reference_day)
    return store.ingest(article, found.language, found.reference, found.drafts)


def ingest_all(store: Store, articles: Iterable[Article]) -> list[IngestResult]:
    registry = registry_for(store)
    return [ingest(store, a, registry=registry) for a in articles]


def set_reference(store: Store, article_id: int, day: date) -> IngestResult:
    """A person gives an article's reference date: its dates and events are resolved again."""
    stored = store.set_reference(article_id, day)
    article = Article(text=store.article_text(article_id), language=stored.language, published=stored.published,
                      url=stored.url, outlet=stored.outlet, title=stored.title)
    found = analyse(article, registry=registry_for(store), reference_day=day)
    return store.replace_extraction(article_id, found.drafts)
