"""Resolution of mentions to canonical entities, on hand-built records (no model needed)."""

from __future__ import annotations

import pytest

from kg.gazetteer import load_gazetteer
from kg.model import Article, Mention, Zone
from kg.resolve import resolve_article, slugify


@pytest.fixture(scope="module")
def gazetteer():  # type: ignore[no-untyped-def]
    return load_gazetteer()


def _article(text: str) -> Article:
    return Article(id="0" * 16, source="t.txt", text=text, zones=(Zone(0, len(text), "body"),))


def _mention(text: str, name: str, cls: str, *, nth: int = 0, gazetteer_id: str | None = None) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, name, cls, gazetteer_id)


def _keys(extracted) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, set[str]] = {}
    for mention, key in extracted.mentions:
        out.setdefault(key, set()).add(mention.text)
    return out


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Lee Seong-kweun", "lee-seong-kweun"),
        ("Mykhailo Makaruk", "mykhailo-makaruk"),
        ("Côte d'Ivoire", "cote-divoire"),
    ],
)
def test_resolve_slugify_is_ascii_and_stable(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_resolve_surname_joins_the_one_full_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Oleh Petrenko spoke. Later Petrenko added more."
    ms = [_mention(text, "Oleh Petrenko", "Person"), _mention(text, "Petrenko", "Person", nth=1)]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert _keys(extracted) == {"oleh-petrenko": {"Oleh Petrenko", "Petrenko"}}
    (entity,) = extracted.entities
    assert (entity.label, entity.cls, entity.aliases) == ("Oleh Petrenko", "Person", frozenset({"Petrenko"}))


def test_resolve_ambiguous_surname_is_dropped_not_guessed(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "John Carter and Jane Carter met. Carter left."
    ms = [
        _mention(text, "John Carter", "Person"),
        _mention(text, "Jane Carter", "Person"),
        _mention(text, "Carter", "Person", nth=2),
    ]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert set(_keys(extracted)) == {"john-carter", "jane-carter"}
    assert all(m.text != "Carter" or m.start < 20 for m, _ in extracted.mentions)


def test_resolve_acronym_introduced_with_or_joins_its_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The Frontier Monitoring Agency, or FMA, said so. FMA later denied it."
    ms = [
        _mention(text, "Frontier Monitoring Agency", "GovernmentBody"),
        _mention(text, "FMA", "Organization"),
        _mention(text, "FMA", "Organization", nth=1),
    ]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert _keys(extracted) == {"frontier-monitoring-agency": {"Frontier Monitoring Agency", "FMA"}}
    (entity,) = extracted.entities
    assert entity.cls == "GovernmentBody"


def test_resolve_acronym_that_does_not_fit_stays_apart(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The Frontier Monitoring Agency, or XYZ, said so."
    ms = [
        _mention(text, "Frontier Monitoring Agency", "GovernmentBody"),
        _mention(text, "XYZ", "Organization"),
    ]
    assert set(_keys(resolve_article(_article(text), ms, gazetteer))) == {"frontier-monitoring-agency", "xyz"}


def test_resolve_call_sign_found_again_where_ner_missed_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Commander Tundra spoke online. Tundra suspects a trap; tundra is cold."
    ms = [_mention(text, "Tundra", "Person")]
    extracted = resolve_article(_article(text), ms, gazetteer)
    starts = sorted(m.start for m, key in extracted.mentions if key == "tundra")
    assert starts == [10, 31]  # the lower-case common noun is not the person


def test_resolve_gazetteer_names_get_gazetteer_ids_and_labels(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "DPRK troops and North Korea."
    ms = [_mention(text, "DPRK", "Organization"), _mention(text, "North Korea", "State")]
    extracted = resolve_article(_article(text), ms, gazetteer)
    entry = gazetteer.lookup("North Korea")
    assert _keys(extracted) == {entry.id: {"DPRK", "North Korea"}}
    (entity,) = extracted.entities
    assert (entity.label, entity.cls, entity.wikidata) == (entry.label, "State", entry.wikidata)
    assert entity.aliases == frozenset({"DPRK"})


def test_resolve_class_vote_breaks_ties_by_priority(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Harbor Watch said. Harbor Watch added."
    ms = [
        _mention(text, "Harbor Watch", "Organization"),
        _mention(text, "Harbor Watch", "MediaOutlet", nth=1),
    ]
    (entity,) = resolve_article(_article(text), ms, gazetteer).entities
    assert entity.cls == "MediaOutlet"
