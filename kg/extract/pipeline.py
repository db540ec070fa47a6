"""Articles -> extracted records: parse with spaCy, convert, resolve, read claims.

The model reads the prose, photo captions and credits (:data:`kg.model.READ_ZONE_KINDS`); the
other zones (navigation, headlines, datelines, reprint notices) are blanked to spaces of the
same length, so offsets still point into the original text and no entity can come from them.
Claims are kept only where their sentence starts in the prose, and a figure the article repeats
is merged into its first statement (:mod:`kg.extract.merge`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from spacy.language import Language

from kg.extract.claims import claims_from_doc
from kg.extract.convert import mentions_from_doc
from kg.extract.gazetteer import Gazetteer
from kg.extract.locate import geolocate
from kg.extract.merge import merge_repetitions, one_claim_per_figure
from kg.extract.nlp import build_pipeline, shared_gazetteer
from kg.extract.relations import relations_from_doc
from kg.extract.resolve import resolve_article, with_mentions
from kg.ingest.textnorm import blank_out, blank_reference_marks, normalize_for_nlp
from kg.model import READ_ZONE_KINDS, Article, Claim, ExtractedArticle

__all__ = ["ArticleExtractor", "Extractor", "model_text"]

#: Articles per nlp.pipe batch; spaCy's own default for CPU pipelines.
BATCH_SIZE = 64


def model_text(article: Article) -> str:
    """The text the model sees: normalised characters, footnote marks and the zones it does not
    read blanked."""
    skipped = [(z.start, z.end) for z in article.zones if z.kind not in READ_ZONE_KINDS]
    text = blank_reference_marks(normalize_for_nlp(article.text))
    return _split_credits(blank_out(text, skipped), article)


def _split_credits(text: str, article: Article) -> str:
    """Photo credits list their sources between slashes ("Iryna Rybakova/Press Service of the
    93rd Brigade/Handout via REUTERS"); made line breaks, each source is a phrase of its own to
    the parser rather than one run-on name. Same length, so offsets hold."""
    for zone in article.zones:
        if zone.kind == "credit":
            text = text[: zone.start] + text[zone.start : zone.end].replace("/", "\n") + text[zone.end :]
    return text


class ArticleExtractor(Protocol):
    """What a build needs of extraction, whether it runs in this process or on workers."""

    gazetteer: Gazetteer

    def extract(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle]:
        """One record per article, in input order, pulling articles only as it needs them."""
        ...


class Extractor:
    """Holds the loaded pipeline and gazetteer, which are costly to build, across batches."""

    def __init__(
        self,
        nlp: Language | None = None,
        gazetteer: Gazetteer | None = None,
        *,
        gazetteer_path: Path | None = None,
    ) -> None:
        self.gazetteer = gazetteer or shared_gazetteer(gazetteer_path)
        self.nlp = nlp or build_pipeline(gazetteer_path=gazetteer_path)

    def extract(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle]:
        """Extract every article, in input order."""
        pairs = ((model_text(a), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
            mentions = mentions_from_doc(doc, article, self.gazetteer)
            extracted = resolve_article(article, mentions, self.gazetteer)
            classes = {e.key: e.cls for e in extracted.entities}
            claims = claims_from_doc(doc, article, extracted.mentions, classes, self.gazetteer)
            claims = merge_repetitions(one_claim_per_figure(_in_prose(claims, article)), article.text)
            found = relations_from_doc(doc, article, extracted.mentions, classes, self.gazetteer)
            extracted = with_mentions(extracted, found.implied_mentions, self.gazetteer)
            yield geolocate(replace(extracted, relations=found.relations, claims=claims), found.relations)


def _in_prose(claims: tuple[Claim, ...], article: Article) -> tuple[Claim, ...]:
    """The claims whose sentence starts in the article's prose, not in a caption or credit."""
    bodies = [(z.start, z.end) for z in article.body_zones()]
    return tuple(c for c in claims if any(s <= c.span.start < e for s, e in bodies))
