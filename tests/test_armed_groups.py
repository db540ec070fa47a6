"""Non-state armed groups: typed ckg:ArmedGroup from the words around their names, from the
words of their names, from the gazetteer, and joined to the acronyms defined for them."""

from __future__ import annotations

import pytest

from kg.model import Article, Zone

pytestmark = pytest.mark.slow


def _classes(extractor, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """surface text -> class of the entity it resolved to, for one body-only article."""
    article = Article(id="a" * 16, source="a.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    classes = {e.key: e.cls for e in extracted.entities}
    return {mention.text: classes[key] for mention, key in extracted.mentions}


def _keys(extractor, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """surface text -> entity key, for one body-only article."""
    article = Article(id="b" * 16, source="b.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    return {mention.text: key for mention, key in extracted.mentions}


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        # a description before the name
        ("Villagers fled as the rebel Tamarind Front advanced on the river port.", "Tamarind Front"),
        (
            "Aid convoys were stopped by the paramilitary Coastal Guard Units near the border.",
            "Coastal Guard Units",
        ),
        ("The militant group Kharoun claimed the bombing of the bus depot.", "Kharoun"),
        # a description after it
        ("The Tamarind Front rebel group said it had taken the hill.", "Tamarind Front"),
        ("Dozens of Ansar Harbi fighters crossed the river at dawn.", "Ansar Harbi"),
        ("Two bridges were blown up by Liwa Zayd militants overnight.", "Liwa Zayd"),
        # an apposition
        ("Ansar Harbi, an Islamist armed group, denied the charge.", "Ansar Harbi"),
        ("The Black Lions, a militia active in the hills, shelled the town.", "Black Lions"),
        ("Kharoun, a Wagner-backed armed group, seized the mine.", "Kharoun"),
        # a name given to a described group
        ("Troops clashed with a rebel group, known as Kharoun, in the north.", "Kharoun"),
        ("Residents blamed a local militia called Dar Saleh for the looting.", "Dar Saleh"),
        ("The town fell to an armed coalition known as Viva Unity in May.", "Viva Unity"),
    ],
)
def test_armed_group_typed_from_its_description(extractor, sentence: str, surface: str) -> None:  # type: ignore[no-untyped-def]
    assert _classes(extractor, sentence).get(surface) == "ArmedGroup"


@pytest.mark.parametrize(
    ("sentence", "surface", "cls"),
    [
        # a member of a group, named after the group's noun, is a person
        ("Kharoun militant Yusuf Adamu was killed in the raid.", "Yusuf Adamu", "Person"),
        ("Rebel commander Omar Fadil said the town was quiet.", "Omar Fadil", "Person"),
        # fighters from a place are not the place
        ("Darfur rebels shelled the road to the airport.", "Darfur", "Settlement"),
        # a state is never an armed group
        ("The rebel forces of Chad moved north.", "Chad", "State"),
        # a group noun without an armed word
        ("Oxfam, an aid group, said it had fed 300 families.", "Oxfam", "Organization"),
    ],
)
def test_armed_group_not_made_of(extractor, sentence: str, surface: str, cls: str) -> None:  # type: ignore[no-untyped-def]
    assert _classes(extractor, sentence).get(surface) == cls


def test_armed_group_description_types_the_name_everywhere_in_the_article(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kharoun, an armed group, attacked the mine. Kharoun has held the valley since May. "
        "Officials said Kharoun was retreating."
    )
    classes = _classes(extractor, text)
    assert {cls for surface, cls in classes.items() if surface == "Kharoun"} == {"ArmedGroup"}


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Gunmen from Hamas fired rockets on Tuesday.", "Hamas"),
        ("The statement was posted by al-Qaida on a messaging channel.", "al-Qaida"),
        ("ISIL claimed the attack on the checkpoint.", "ISIL"),
        ("Hizballah said it had shot down a drone.", "Hizballah"),
    ],
)
def test_armed_group_known_to_the_gazetteer(extractor, sentence: str, surface: str) -> None:  # type: ignore[no-untyped-def]
    assert _classes(extractor, sentence).get(surface) == "ArmedGroup"


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        (
            "Shells fired by the Allied Democratic Forces (ADF) hit a school. The ADF denied it.",
            "Allied Democratic Forces",
            "ADF",
        ),
        (
            "The Southern Liberation Movement (SLM) took the airport. Later the SLM withdrew.",
            "Southern Liberation Movement",
            "SLM",
        ),
        (
            "The Karana Defence Council (KDC) said 14 fighters died. KDC leaders met on Friday.",
            "Karana Defence Council",
            "KDC",
        ),
    ],
)
def test_armed_group_acronym_defined_in_brackets_is_the_same_entity(  # type: ignore[no-untyped-def]
    extractor, text: str, name: str, acronym: str
) -> None:
    keys = _keys(extractor, text)
    assert keys[name] == keys[acronym], keys
    defined = text.index(f"({acronym})") + 1
    article = Article(id="c" * 16, source="c.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    assert any(m.start == defined and m.text == acronym for m, _ in extracted.mentions)


def _relations(extractor, text: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    article = Article(id="d" * 16, source="d.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    return {(r.subject, r.predicate, r.object) for r in extracted.relations}


TIES = [
    # a hyphenated tie after the name, in an apposition
    (
        "The Desert Hawks, a Hezbollah-allied militia, attacked the convoy.",
        {("desert-hawks", "alliedWith", "hezbollah")},
    ),
    (
        "The Sahel Jihad Movement, an Islamic State-linked group, seized the mine.",
        {("sahel-jihad-movement", "affiliatedWith", "islamic-state")},
    ),
    # before the name
    ("The Iran-backed militia Kataib Sayyid attacked the base.", {("kataib-sayyid", "alliedWith", "iran")}),
    (
        "Villagers fled the al-Qaida-affiliated Green Banner Front on Monday.",
        {("green-banner-front", "affiliatedWith", "al-qaeda")},
    ),
    # an affiliate of, 's affiliate, and the affiliate's name after its parent's
    (
        "The Sahel Jihad Movement, an affiliate of the Islamic State, seized the mine.",
        {("sahel-jihad-movement", "affiliatedWith", "islamic-state")},
    ),
    (
        "The Tamarind Front, Hamas's affiliate in the north, denied the report.",
        {("tamarind-front", "affiliatedWith", "hamas")},
    ),
    (
        "Islamic State affiliate Ansar al-Furqan Movement seized the mine.",
        {("ansar-al-furqan-movement", "affiliatedWith", "islamic-state")},
    ),
    # a hyphenated place is where the group sits, no tie to another actor
    ("The Gaza-based Tamarind Front denied the report.", {("tamarind-front", "locatedIn", "gaza")}),
    # no tie: an affiliate of nothing named
    ("The Tamarind Front, an affiliate of several smaller groups, denied it.", set()),
]


@pytest.mark.parametrize(("text", "expected"), TIES)
def test_armed_group_ties_to_other_actors(extractor, text: str, expected: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _relations(extractor, text) == expected
