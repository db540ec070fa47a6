"""News outlets: typed ckg:MediaOutlet from the words around their names, whatever label the
model gave the name, and the one class of their entity wherever else the article names them."""

from __future__ import annotations

import pytest

from kg.model import Article, Zone

pytestmark = pytest.mark.slow


def _classes(extractor, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """surface text -> class of the entity it resolved to, for one body-only article."""
    article = Article(id="c" * 16, source="c.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    classes = {e.key: e.cls for e in extracted.entities}
    return {mention.text: classes[key] for mention, key in extracted.mentions}


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        # an outlet noun before the name
        ("The Syrian state news agency Halab said the army repelled an attack.", "Halab"),
        ("The state broadcaster Kavarna aired footage of the fire.", "Kavarna"),
        # after it
        ("Hezbollah-run Al-Manar television said the strike hit a house.", "Al-Manar"),
        # the wire's own attribution
        ("The border crossing had closed, the Ostrava Independent reported.", "Ostrava Independent"),
        ("The Ostrava Independent reported that the border crossing had closed.", "Ostrava Independent"),
        # the wire's caveat on what it carries
        (
            "Rebels said they had taken the town. The Mekong Voice could not independently verify the claim.",
            "Mekong Voice",
        ),
    ],
)
def test_media_outlet_typed_from_its_description(extractor, sentence: str, surface: str) -> None:  # type: ignore[no-untyped-def]
    assert _classes(extractor, sentence).get(surface) == "MediaOutlet"


@pytest.mark.parametrize(
    ("sentence", "surface", "cls"),
    [
        # a person who reports is still a person
        ("Maria Lopez reported that the border crossing had closed.", "Maria Lopez", "Person"),
        # a body that cannot confirm a claim is no outlet: the wire's caveat says "independently"
        ("The Kavala Aid Network could not confirm the figures.", "Kavala Aid Network", "Organization"),
        # a body reporting to another is no outlet
        ("The Kavala Commission reported to the council on Monday.", "Kavala Commission", "GovernmentBody"),
    ],
)
def test_media_outlet_not_made_of(extractor, sentence: str, surface: str, cls: str) -> None:  # type: ignore[no-untyped-def]
    assert _classes(extractor, sentence).get(surface) == cls


def test_media_outlet_description_types_the_name_everywhere_in_the_article(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Nine people died in the blast, the rebel-run Dalmar news agency said. Dalmar said the "
        "market was hit twice. Officials did not comment on what Dalmar reported."
    )
    classes = _classes(extractor, text)
    assert {cls for surface, cls in classes.items() if surface == "Dalmar"} == {"MediaOutlet"}
