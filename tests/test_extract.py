"""Sentences -> typed, resolved mentions, through the real spaCy pipeline."""

from __future__ import annotations

import pytest
import spacy

from kg.extract.convert import classify_organization, mentions_from_doc
from kg.extract.nlp import paragraph_sentences, shared_gazetteer
from kg.extract.pipeline import model_text
from kg.model import Article, Zone

pytestmark = pytest.mark.slow


def _entities(extractor, text: str) -> dict[str, tuple[str, str, set[str]]]:  # type: ignore[no-untyped-def]
    """entity key -> (label, class, surface texts) for one body-only article."""
    article = Article(id="f" * 16, source="s.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    entities = {e.key: e for e in extracted.entities}
    out: dict[str, tuple[str, str, set[str]]] = {}
    for mention, key in extracted.mentions:
        assert text[mention.start : mention.end] == mention.text
        entity = entities[key]
        out.setdefault(key, (entity.label, entity.cls, set()))[2].add(mention.text)
    return out


def _class_of(entities: dict[str, tuple[str, str, set[str]]], surface: str) -> str | None:
    """The class of the entity that the text ``surface`` was resolved to."""
    return next((cls for _, cls, surfaces in entities.values() if surface in surfaces), None)


@pytest.mark.parametrize(
    ("sentence", "surface", "cls"),
    [
        (
            "About 3,000 North Korean troops arrived in the region last week.",
            "North Korean troops",
            "MilitaryUnit",
        ),
        ("Officials said Russia's forces retook two villages.", "Russia's forces", "MilitaryUnit"),
        ("The dead DPRK soldiers were left behind.", "DPRK soldiers", "MilitaryUnit"),
        # A known one-word name in capitals, as credits and wires write it.
        ("Handout via REUTERS", "REUTERS", "MediaOutlet"),
        ("The strike on KHARKIV killed two, officials said.", "KHARKIV", "Settlement"),
        ("Pyongyang expects aid from Moscow in return.", "Pyongyang", "State"),
        ("The parade will be held in Moscow on May 9.", "Moscow", "Settlement"),
        ("Sgt. Oleksandr Bondar said the attack began at dawn.", "Oleksandr Bondar", "Person"),
        # one plural name after "the" is a movement, not the person the model takes it for
        ("The Zaidis said the truce had collapsed.", "Zaidis", "Organization"),
        # a known town taken, whatever the model made of it
        ("Rebels seized Uvira in February.", "Uvira", "Settlement"),
        ("Omar, a man from the town, was hurt.", "Omar", "Person"),
        ("The Kyiv Post reported heavy fighting near the river.", "Kyiv Post", "MediaOutlet"),
        ("Troops crossed from Afghanistan into Pakistan overnight.", "Pakistan", "State"),
        ("Shelling hit Huliaipole and the village of Malokaterynivka.", "Malokaterynivka", "Settlement"),
        # transliterated names open with the Arabic article in lower case
        ("Police said the attack near el-Qarna killed two.", "el-Qarna", "Settlement"),
        ("The commander, al-Dabbagh, said the line held.", "al-Dabbagh", "Person"),
        # a force the model tags as a nationality
        ("Two prisoners were handed to U.S. Marines at the port.", "U.S. Marines", "MilitaryUnit"),
        # a multinational force named with a capital, which the model leaves untagged
        (
            "On Monday, Coalition military forces shelled two bridges.",
            "Coalition military forces",
            "MilitaryUnit",
        ),
        # a numbered unit the model leaves untagged
        ("The 4th Brigade was hit.", "4th Brigade", "MilitaryUnit"),
        ("The 9th Separate Mountain Brigade held the pass.", "9th Separate Mountain Brigade", "MilitaryUnit"),
        # a short name that is an English word, in mixed-case prose
        ("Earlier IS fighters shelled the town, and IS later claimed the attack.", "IS", "ArmedGroup"),
    ],
)
def test_extract_types_mentions_by_class(extractor, sentence: str, surface: str, cls: str) -> None:  # type: ignore[no-untyped-def]
    entities = _entities(extractor, sentence)
    assert _class_of(entities, surface) == cls, entities


def test_extract_a_nationality_and_a_common_noun_is_no_name(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "a Nigerien city" describes the place named before it; it names no place of its own."""
    assert set(_entities(extractor, "Zinder, a Nigerien city, was hit.")) == {"zinder"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Navy spokesman Cdr. Anna Berg said 12 sailors were killed.",
        "Sudanese army spokesman Brig. Gen. Nabil Karim said the city was retaken.",
    ],
)
def test_extract_a_rank_abbreviation_is_part_of_the_name_it_precedes(extractor, sentence: str) -> None:  # type: ignore[no-untyped-def]
    """ "Brig." and "Cdr." end no sentence and name no one: the person is the one speaker."""
    entities = _entities(extractor, sentence)
    assert [key for key, (_, cls, _) in entities.items() if cls == "Person"] in (
        ["anna-berg"],
        ["nabil-karim"],
    )


@pytest.mark.parametrize(
    ("sentence", "surface", "key"),
    [
        # a capital that reports, or owns an organ of state, speaks for its state
        ("Damascus denied that its jets had struck the market.", "Damascus", "syria"),
        ("Tripoli accused the militia of breaking the truce.", "Tripoli", "libya"),  # not Tripoli, Lebanon
        ("The Kabul government said the road was reopened.", "Kabul", "afghanistan"),
        ("Kyiv's military said 14 drones were downed overnight.", "Kyiv", "ukraine"),
        ("Nairobi said the border would stay shut.", "Nairobi", "kenya"),
        ("According to Damascus, 40 soldiers were killed.", "Damascus", "syria"),
        ("The invaders have lost 600,000 soldiers, according to Kyiv.", "Kyiv", "ukraine"),
        # a capital where things happen, or with a city's own organs, is the city
        ("Damascus fell to the rebels in December.", "Damascus", "damascus"),
        ("Damascus was shelled overnight, residents said.", "Damascus", "damascus"),
        ("Paris police said two people were hurt.", "Paris", "paris"),
        (
            "Fighting near Tripoli in northern Lebanon killed four. Tripoli said the clashes ended.",
            "Tripoli",
            "tripoli",
        ),
        ("Victoria said she would run again.", "Victoria", "victoria"),  # a bigger Victoria is no capital
    ],
)
def test_extract_a_capital_speaks_for_its_state(extractor, sentence: str, surface: str, key: str) -> None:  # type: ignore[no-untyped-def]
    entities = _entities(extractor, sentence)
    assert surface in entities.get(key, ("", "", set()))[2], entities


def test_extract_a_name_in_another_script_glosses_the_english_one() -> None:
    arabic = "\u0646\u0628\u064a\u0644 \u0641\u0648\u0632\u064a"
    text = f"Nabil Fawzi (Arabic: {arabic}) was born in Tell Hazrami."
    doc = spacy.blank("en")(text)
    start = text.index(arabic)
    doc.ents = [
        doc.char_span(0, 11, label="PERSON"),
        doc.char_span(start, start + len(arabic), label="PERSON"),
    ]
    article = Article(id="f" * 16, source="s.txt", text=text, zones=(Zone(0, len(text), "body"),))
    assert [m.text for m in mentions_from_doc(doc, article, shared_gazetteer())] == ["Nabil Fawzi"]


def test_extract_contingent_and_state_names_meet_in_one_unit(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "North Korean troops moved in. Later the North Korean soldiers and DPRK soldiers withdrew."
    units = {key for key, (_, cls, _) in _entities(extractor, text).items() if cls == "MilitaryUnit"}
    assert len(units) == 1, units


@pytest.mark.parametrize(
    ("sentence", "never"),
    [
        ("The unit posted the video on Telegram and Facebook.", {"Telegram", "Facebook"}),
        ("Ukraine shot down dozens of UAVs over the weekend.", {"UAVs"}),
        ("The Russians poorly informed the Koreans about the drones.", {"Russians", "Koreans"}),
        ("The fighting resembled the Korean War, a veteran said on Dec. 16.", {"Korean War", "Dec. 16"}),
        # feasts and holidays are dates, not actors or places
        ("Drones hit the port on Palm Sunday, a week before Easter.", {"Palm Sunday", "Easter"}),
        ("Talks stalled during Ramadan and resumed after Eid al-Fitr.", {"Ramadan", "Eid al-Fitr"}),
        ("Shelling went on through Orthodox Christmas and Nowruz.", {"Orthodox Christmas", "Nowruz"}),
        # the tail of a transliterated name the model cut at a particle is no name of its own
        ("The affiliate Jamaat Harakat ul-Haqq wa al-Mujahidin (JHHM) claimed an attack.", {"al-Mujahidin"}),
        # units and technical abbreviations
        (
            "The dam feeds an 84 MW station, and the channel broadcasts on UHF and on IP networks.",
            {"MW", "UHF", "IP"},
        ),
        # ... but not the common noun
        ("On Monday, the coalition forces withdrew from the ridge.", {"coalition forces"}),
        # the label of a transcript's line
        ("QUESTION: Minister, did you discuss the ceasefire?\nMINISTER HADDAD: We did.", {"QUESTION"}),
        # a short name that is an English word, in a line of capitals
        ("THE BANNER READ: THIS IS OUR LAND.", {"IS"}),
        # a one-letter platform the tokenizer keeps with its full stop
        ("The governor announced the curfew on X.", {"X.", "X"}),
        ("The army denied it in a post on X. Media were not allowed in.", {"X. Media", "X"}),
        ("The mayor wrote on X. Rescuers kept digging.", {"X.", "X"}),
        # job titles the model tags as organisations
        ("Jane Okafor, the UN Resident and Humanitarian Coordinator in Chad, said so.", {"UN Resident"}),
        ("MSF Project Coordinator in Bunia, Paul Ndege, said it.", {"MSF Project Coordinator"}),
        ("The UNICEF Field Officer in Goma said the camp was full.", {"UNICEF Field Officer"}),
        # named military operations are campaigns, neither actors nor places
        (
            "At least nine people were killed in Chad's Operation Desert Hawk on Monday.",
            {"Operation Desert Hawk", "Desert Hawk"},
        ),
        (
            "Troops taking part in Operation Iron Gate crossed the river.",
            {"Operation Iron Gate", "Iron Gate"},
        ),
    ],
)
def test_extract_never_makes_actors_of(extractor, sentence: str, never: set[str]) -> None:  # type: ignore[no-untyped-def]
    surfaces = set().union(*(s for _, _, s in _entities(extractor, sentence).values()))
    assert not surfaces & never, surfaces


def test_extract_special_operations_forces_differ_from_the_army(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukrainian special operations forces captured two soldiers. "
        "The Ukrainian military said Ukrainian troops held the line."
    )
    entities = _entities(extractor, text)
    units = {label: surfaces for label, cls, surfaces in entities.values() if cls == "MilitaryUnit"}
    assert len(units) == 2, units
    assert any("Ukrainian special operations forces" in s for s in units.values())
    assert any({"Ukrainian military", "Ukrainian troops"} <= s for s in units.values())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a nationality the gazetteer does not know, from the countries data
        (
            "Fighting resumed between the Chadian army and the rebels at dawn.",
            {"chadian-forces": ("Chadian forces", "MilitaryUnit", {"Chadian army"})},
        ),
        # whose forces they are: security, government
        (
            "Eritrean security forces detained dozens, and Eritrean government forces closed the road.",
            {
                "eritrean-forces": (
                    "Eritrean forces",
                    "MilitaryUnit",
                    {"Eritrean security forces", "Eritrean government forces"},
                )
            },
        ),
        # a junta is the state's military; the state named before it is a mention of its own
        (
            "The Guinea junta postponed the vote again.",
            {
                "guinea": ("Guinea", "State", {"Guinea"}),
                "guinean-forces": ("Guinean forces", "MilitaryUnit", {"Guinea junta"}),
            },
        ),
        # a nationality of two states is the one the article names
        (
            "Rebels shelled a town in the Democratic Republic of the Congo. The Congolese army hit back.",
            {
                "democratic-republic-of-the-congo": (
                    "Democratic Republic of the Congo",
                    "State",
                    {"Democratic Republic of the Congo"},
                ),
                "congolese-forces": ("Congolese forces", "MilitaryUnit", {"Congolese army"}),
            },
        ),
        # ... and none when it names neither: never a guess
        ("The Congolese army hit back on Sunday.", {}),
    ],
)
def test_extract_contingent_of_any_state(extractor, sentence: str, expected: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    assert _entities(extractor, sentence) == expected


def test_extract_possessive_and_article_are_stripped(extractor) -> None:  # type: ignore[no-untyped-def]
    entities = _entities(
        extractor, "South Korea's the National Intelligence Service said it had confirmed the deaths."
    )
    surfaces = set().union(*(s for _, _, s in entities.values()))
    assert "National Intelligence Service" in surfaces
    assert "South Korea" in surfaces


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("Interfax news agency", "MediaOutlet"),
        ("47th Separate Mechanized Brigade", "MilitaryUnit"),
        ("Ministry of National Defense", "GovernmentBody"),
        ("European Union", "InternationalOrganization"),
        ("Acme Holdings", "Organization"),
        ("Kawsar Liberation Army", "ArmedGroup"),
        ("Hill Country People's Defence Force", "ArmedGroup"),
        ("Northern Mujahideen Council", "ArmedGroup"),
        ("Popular Resistance Committees", "ArmedGroup"),
    ],
)
def test_extract_classify_organization_by_head_words(name: str, cls: str) -> None:
    assert classify_organization(name) == cls


@pytest.mark.parametrize(
    ("sentence", "whole", "part"),
    [
        ("Passengers flew Air France to Paris on Monday.", "Air France", "France"),
        ("The U.S. Treasury announced new sanctions on Monday.", "U.S. Treasury", "U.S."),
        # a longer gazetteer name ("Kharkiv City") that a capitalised word continues
        (
            "The Kharkiv City Council announced that schools will close.",
            "Kharkiv City Council",
            "Kharkiv City",
        ),
    ],
)
def test_extract_one_word_name_inside_a_longer_name_is_not_cut_out(  # type: ignore[no-untyped-def]
    extractor, sentence: str, whole: str, part: str
) -> None:
    surfaces = {s for _, _, found in _entities(extractor, sentence).values() for s in found}
    assert part not in surfaces
    assert whole in surfaces


def _zoned(*parts: tuple[str, str]) -> Article:
    """An article of (zone kind, text) parts, in order."""
    text, zones = "", []
    for kind, part in parts:
        zones.append(Zone(len(text), len(text) + len(part), kind))  # type: ignore[arg-type]
        text += part
    return Article(id="e" * 16, source="z.txt", text=text, zones=tuple(zones))


def test_extract_captions_and_credits_give_entities_and_relations_but_no_claims(extractor) -> None:  # type: ignore[no-untyped-def]
    article = _zoned(
        ("navigation", "Subscribe to Moscow Daily for more\n"),
        ("caption", "Smoke over the town of Pokrovsk, Donetsk region, Ukraine. Officials said it was hit.\n"),
        ("credit", "Oksana Petrenko/Press Service of the 47th Separate Mechanized Brigade/Handout via AFP\n"),
        ("body", "Ukrainian officials said at least 12 civilians were killed in the strike on Kharkiv.\n"),
    )
    text = model_text(article)
    assert len(text) == len(article.text) and "Moscow" not in text  # navigation stays blank
    assert "\nPress Service of the 47th Separate Mechanized Brigade\nHandout via AFP" in text
    (extracted,) = extractor.extract([article])
    classes = {e.label: e.cls for e in extracted.entities}
    assert classes["Pokrovsk"] == "Settlement" and classes["Oksana Petrenko"] == "Person"
    assert classes["47th Separate Mechanized Brigade"] == "MilitaryUnit"
    assert not any("Moscow" in label for label in classes)
    assert ("pokrovsk", "locatedIn", "donetsk-oblast") in {
        (r.subject, r.predicate, r.object) for r in extracted.relations
    }
    body = article.body_zones()[0]
    assert extracted.claims and all(body.start <= c.span.start < body.end for c in extracted.claims)


def test_sentence_cannot_end_after_a_word_without_a_stop() -> None:
    """The small parser split "the 13th | Amendment was ..." and cut a claim's clause in two: a
    sentence may end only after a stop, colon, closing quote or bracket, or a line break."""
    doc = paragraph_sentences(
        spacy.blank("en").make_doc('She felt the 13th Amendment mattered. "Yes," he said.\nNext')
    )
    cannot = {t.text for t in doc if t.is_sent_start is False}
    assert {"Amendment", "mattered", "said"} <= cannot
    assert not {'"', "Next"} & cannot
