"""Resolution of mentions to canonical entities, on hand-built records (no model needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kg.extract.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from kg.extract.names import NameMatcher, fold_name, fuzzy_eligible, name_similarity
from kg.extract.resolve import FUZZY_CLASSES, FUZZY_THRESHOLD, name_key, resolve_article, slugify
from kg.model import Article, Mention, Zone

BENCH = Path(__file__).resolve().parent.parent / "bench" / "quality"


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


def _load_bench(name: str) -> ModuleType:
    """Import bench/quality/<name>.py (registered first, so its dataclasses resolve)."""
    module_name = f"bench_quality_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


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


def test_resolve_lone_word_the_model_took_for_an_organisation_is_the_person(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "General Ahmed Nassar led the raid. Nassar said the bridge held. Nassari said nothing."
    ms = [
        _mention(text, "Ahmed Nassar", "Person"),
        _mention(text, "Nassar", "Organization", nth=1),
        _mention(text, "Nassari", "Organization"),
    ]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert _keys(extracted) == {"ahmed-nassar": {"Ahmed Nassar", "Nassar"}, "nassari": {"Nassari"}}
    assert {e.label: e.cls for e in extracted.entities} == {
        "Ahmed Nassar": "Person",
        "Nassari": "Organization",
    }


def test_resolve_acronym_or_name_of_its_own_class_keeps_the_organisation(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Sara Lindqvist spoke. LINDQVIST staff and the Lindqvist Brigade replied."
    ms = [
        _mention(text, "Sara Lindqvist", "Person"),
        _mention(text, "LINDQVIST", "Organization"),
        _mention(text, "Lindqvist Brigade", "MilitaryUnit"),
    ]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert {e.label: e.cls for e in extracted.entities} == {
        "Sara Lindqvist": "Person",
        "LINDQVIST": "Organization",
        "Lindqvist Brigade": "MilitaryUnit",
    }


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


# ------------------------------------------------------------------ romanisation variants


def _resolve_names(gazetteer: Gazetteer, *names: str, cls: str = "Person") -> dict[str, str]:
    """name -> entity key, for one article that mentions each name once, in order."""
    text = ". ".join(names) + "."
    ms = []
    at = 0
    for name in names:
        start = text.index(name, at)
        ms.append(Mention(start, start + len(name), name, name, cls))
        at = start + len(name)
    extracted = resolve_article(_article(text), ms, gazetteer)
    return {m.text: key for m, key in extracted.mentions}


@pytest.mark.parametrize(
    "variants",
    [
        ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii", "Zelenskyi", "Zelens\u2019kyj"),
        ("Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "KIM Jong un"),
        ("Syrskyi", "Syrsky", "Syrskiy", "Syrskyy"),
        ("Andrii", "Andriy", "Andrij"),
        ("Sergei", "Sergey", "Sergej"),
        ("Dmitriy", "Dmitry", "Dmitrii"),
        ("Zaluzhnyi", "Zaluzhny"),
        ("Ol'ha Stefanishyna", "Olha Stefanishyna"),
        ("Türkiye", "Turkiye"),
    ],
)
def test_resolve_fold_joins_romanisation_variants(variants: tuple[str, ...]) -> None:
    assert len({fold_name(v) for v in variants}) == 1, [fold_name(v) for v in variants]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Yo Jong"),
        ("Khan", "Han"),  # kh/h is not folded: two names
        ("Yeo Han-koo", "Eo Han-koo"),  # initial ye/e is not folded: two Korean surnames
        ("Rossi", "Rossy"),  # a single final -i/-y is not folded
        ("Andrii Kovalenko", "Andrii Kovalenka"),
    ],
)
def test_resolve_fold_keeps_other_names_apart(a: str, b: str) -> None:
    assert fold_name(a) != fold_name(b)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Lindsey Graham", "lindsey graham"),  # English -ey stays
        ("Wang Xinyi", "wang xinyi"),  # a pinyin syllable "yi" stays
        ("Hiroshi Lei", "hiroshi lei"),  # so do -i and short words
        ("Radosław Sikorski", "radoslaw sikorski"),  # ł is a letter, not a mark to drop
        ("Donald J. Trump", "donald j trump"),
    ],
)
def test_resolve_fold_leaves_other_spellings_readable(name: str, folded: str) -> None:
    assert fold_name(name) == folded


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Andriy Melnyk", "andry-melnyk"),
        ("Andrii Melnyk", "andry-melnyk"),
        ("Kim Jong-un", "kim-jong-un"),
        ("Radosław Sikorski", "radoslaw-sikorski"),
        ("Mykhailo Makaruk", "mykhailo-makaruk"),
    ],
)
def test_resolve_name_key_is_the_slug_of_the_fold(name: str, key: str) -> None:
    assert name_key(name) == key


def test_resolve_variants_in_two_articles_meet_without_knowing_each_other(gazetteer) -> None:  # type: ignore[no-untyped-def]
    first = "Andriy Melnyk, a lawmaker from Poltava, said the vote would wait."
    second = "Andrii Melnyk told reporters the vote had been delayed again."
    a = [_mention(first, "Andriy Melnyk", "Person")]
    b = [_mention(second, "Andrii Melnyk", "Person")]
    alone = resolve_article(_article(first), a, gazetteer)
    resolve_article(_article(second), b, gazetteer)
    again = resolve_article(_article(first), a, gazetteer)
    assert _keys(alone) == _keys(again) == {"andry-melnyk": {"Andriy Melnyk"}}
    assert _keys(resolve_article(_article(second), b, gazetteer)) == {"andry-melnyk": {"Andrii Melnyk"}}
    (entity,) = alone.entities
    assert entity.label == "Andriy Melnyk"  # the key is folded; the label is what the text says


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("Zelenskii", "volodymyr-zelenskyy"),
        ("Volodymyr Zelenskyj", "volodymyr-zelenskyy"),
        ("Kim Jong-Un", "kim-jong-un"),
        ("Oleksandr Syrskiy", "oleksandr-syrskyi"),
        ("Sergej Lavrov", "sergei-lavrov"),
        ("Dmitrii Peskov", "dmitry-peskov"),
        ("Valerii Gerasimov", "valery-gerasimov"),
        ("Sergey Shoygu", "sergei-shoigu"),
    ],
)
def test_resolve_unlinked_gazetteer_variant_reaches_the_entry(gazetteer, name: str, entry_id: str) -> None:  # type: ignore[no-untyped-def]
    assert _resolve_names(gazetteer, name) == {name: entry_id}


def test_resolve_kiev_is_kyiv_only_because_the_gazetteer_says_so(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _resolve_names(gazetteer, "Kiev", cls="Settlement") == {"Kiev": "kyiv"}
    bare = Gazetteer([GazetteerEntry("kyiv", "Kyiv", "Settlement")])
    assert _resolve_names(bare, "Kiev", cls="Settlement") == {"Kiev": "kiev"}


def test_resolve_gazetteer_names_that_fold_alike_match_neither(caplog: pytest.LogCaptureFixture) -> None:
    two = Gazetteer(
        [
            GazetteerEntry("andrii-shevchenko", "Andrii Shevchenko", "Person"),
            GazetteerEntry("andriy-shevchenko", "Andriy Shevchenko", "Person"),
        ]
    )
    assert "matches none" in caplog.text
    assert two.lookup("Andrij Shevchenko") is None
    assert two.lookup("andrii shevchenko") == two.get("andrii-shevchenko")  # the exact name still does


# ------------------------------------------------------------------ fuzzy match


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("Volodimir Zelensky", "volodymyr-zelenskyy"),
        ("Wolodymyr Selenskyj", "volodymyr-zelenskyy"),
        ("Sergej Schoigu", "sergei-shoigu"),
        ("Kyrylo Budanow", "kyrylo-budanov"),
    ],
)
def test_resolve_fuzzy_match_reaches_a_known_person(gazetteer, name: str, entry_id: str) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.lookup(name) is None  # not a listed spelling: the fuzzy step found it
    assert _resolve_names(gazetteer, name) == {name: entry_id}


@pytest.mark.parametrize(
    ("name", "resembles"),
    [
        ("Kim Jong Il", "kim-jong-un"),
        ("Lee Jae-yong", "lee-jae-myung"),
        ("Andrei Rudskoy", "andrei-rudenko"),
        ("Alexander Lukashevich", "alexander-lukashenko"),
        ("Olena Zelenska", "volodymyr-zelenskyy"),
    ],
)
def test_resolve_fuzzy_match_leaves_namesakes_alone(gazetteer, name: str, resembles: str) -> None:  # type: ignore[no-untyped-def]
    assert _resolve_names(gazetteer, name)[name] != resembles


def test_resolve_fuzzy_match_refuses_one_word_names(gazetteer) -> None:  # type: ignore[no-untyped-def]
    keys = _resolve_names(gazetteer, "Zelenski", "Budanova")
    assert keys == {"Zelenski": "zelenski", "Budanova": "budanova"}


def test_resolve_fuzzy_match_stays_within_the_class(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _resolve_names(gazetteer, "Volodimir Zelensky", cls="Organization") == {
        "Volodimir Zelensky": "volodimir-zelensky"
    }
    typo = "Ministry of Defence of Ukrane"
    assert _resolve_names(gazetteer, typo, cls="GovernmentBody") == {typo: name_key(typo)}


def test_resolve_fuzzy_match_refuses_a_name_between_two_people() -> None:
    one = GazetteerEntry("oleh-marchenko", "Oleh Marchenko", "Person")
    other = GazetteerEntry("oleh-marchuk", "Oleh Marchuk", "Person")
    query = "Oleh Marchenuk"  # as near to either
    assert _resolve_names(Gazetteer([one]), query) == {query: "oleh-marchenko"}
    assert _resolve_names(Gazetteer([one, other]), query) == {query: "oleh-marchenuk"}


@pytest.mark.parametrize(
    ("name", "eligible"),
    [
        ("Volodimir Zelensky", True),
        ("Kim Il", False),  # under six letters
        ("Li Yi", False),
        ("Zelenski", False),  # one word
        ("NIS Director", False),  # an acronym inside
        ("Donald J. Trump", True),
    ],
)
def test_resolve_fuzzy_eligibility(name: str, eligible: bool) -> None:
    assert fuzzy_eligible(name) is eligible


def test_resolve_similarity_is_the_weakest_word() -> None:
    assert name_similarity("kim jong il", "kim jong un") == 0.0
    assert name_similarity("kim jong", "kim jong un") == 0.0  # different lengths never compare
    assert name_similarity("volodimir zelensky", "volodymyr zelensky") == pytest.approx(77.78, abs=0.01)


def test_resolve_matcher_scores_are_name_similarity_per_entry() -> None:
    matcher = NameMatcher([("Volodymyr Zelensky", "z"), ("Volodymyr Zelenskyy", "z"), ("Vasyl Maliuk", "m")])
    expected = name_similarity(fold_name("Volodimir Zelensky"), fold_name("Volodymyr Zelensky"))
    ranked = matcher.scores("Volodimir Zelensky")
    assert ranked[0] == (expected, "z") and [k for _, k in ranked] == ["z", "m"]  # one row per key
    assert matcher.scores("Volodimir Zelensky", cutoff=60) == [(expected, "z")]
    assert matcher.match("Volodimir Zelensky", threshold=FUZZY_THRESHOLD, margin=5) == "z"
    assert matcher.match("Volodimir Zelensky", threshold=80, margin=5) is None


def test_resolve_fuzzy_threshold_still_merges_no_two_people(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """The measurement behind FUZZY_THRESHOLD, rerun on today's gazetteer."""
    bench = _load_bench("fuzzy_threshold")
    rows = bench.sweep(bench.trials(gazetteer, FUZZY_CLASSES))
    at = next(r for r in rows if r["threshold"] == FUZZY_THRESHOLD)
    assert at["fp"] == 0, at
    assert bench.lowest_safe(rows) <= FUZZY_THRESHOLD


# ------------------------------------------------------------------ inside one article


def test_resolve_kim_jong_un_and_kim_yo_jong_stay_two_and_kim_alone_is_dropped(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Kim Jong Un and Kim Yo Jong watched the launch. Kim later praised the engineers."
    ms = [
        _mention(text, "Kim Jong Un", "Person"),
        _mention(text, "Kim Yo Jong", "Person"),
        _mention(text, "Kim", "Person", nth=2),
    ]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert _keys(extracted) == {"kim-jong-un": {"Kim Jong Un"}, "kim-yo-jong": {"Kim Yo Jong"}}


def test_resolve_lee_beside_two_lees_is_dropped_not_guessed(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Lee Jae-myung phoned Lee Seong-kweun on Friday. Lee said the call went well."
    ms = [
        _mention(text, "Lee Jae-myung", "Person"),
        _mention(text, "Lee Seong-kweun", "Person"),
        _mention(text, "Lee", "Person", nth=2),
    ]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert set(_keys(extracted)) == {"lee-jae-myung", "lee-seong-kweun"}
    assert len(extracted.mentions) == 2


def test_resolve_kim_alone_beside_one_kim_joins_him(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Kim Jong-Un inspected a factory. Kim ordered more shells."
    ms = [_mention(text, "Kim Jong-Un", "Person"), _mention(text, "Kim", "Person", nth=1)]
    assert _keys(resolve_article(_article(text), ms, gazetteer)) == {"kim-jong-un": {"Kim Jong-Un", "Kim"}}


def test_resolve_surname_after_a_variant_spelling_joins_the_gazetteer_person(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Andriy Kovalenko wrote on Telegram. Kovalenko said the drones were new."
    ms = [_mention(text, "Andriy Kovalenko", "Person"), _mention(text, "Kovalenko", "Person", nth=1)]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert _keys(extracted) == {"andrii-kovalenko": {"Andriy Kovalenko", "Kovalenko"}}
    (entity,) = extracted.entities
    assert entity.label == "Andrii Kovalenko"


def test_resolve_surname_spelt_otherwise_joins_the_full_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Yurii Sobolevskyi, the deputy head, spoke. Later Sobolevsky added detail."
    ms = [_mention(text, "Yurii Sobolevskyi", "Person"), _mention(text, "Sobolevsky", "Person")]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert _keys(extracted) == {"yury-sobolevsky": {"Yurii Sobolevskyi", "Sobolevsky"}}


def test_resolve_acronym_in_parentheses_joins_its_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The Coastal Drone Directorate (CDD) struck twice. CDD officers later confirmed it."
    ms = [
        _mention(text, "Coastal Drone Directorate", "GovernmentBody"),
        _mention(text, "CDD", "Organization"),
        _mention(text, "CDD", "Organization", nth=1),
    ]
    assert _keys(resolve_article(_article(text), ms, gazetteer)) == {
        "coastal-drone-directorate": {"Coastal Drone Directorate", "CDD"}
    }


def test_resolve_acronym_never_introduced_stays_itself(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The Coastal Drone Directorate struck twice. CDD officers later confirmed it."
    ms = [
        _mention(text, "Coastal Drone Directorate", "GovernmentBody"),
        _mention(text, "CDD", "Organization"),
    ]
    assert set(_keys(resolve_article(_article(text), ms, gazetteer))) == {"coastal-drone-directorate", "cdd"}


def test_resolve_gazetteer_acronym_after_its_name_is_one_entity(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "South Korea's National Intelligence Service (NIS) briefed lawmakers. The NIS gave no figure."
    ms = [
        _mention(text, "National Intelligence Service", "GovernmentBody"),
        _mention(text, "NIS", "Organization"),
        _mention(text, "NIS", "Organization", nth=1),
    ]
    assert _keys(resolve_article(_article(text), ms, gazetteer)) == {
        "national-intelligence-service": {"National Intelligence Service", "NIS"}
    }


# ------------------------------------------------------------------ capitals and demonyms


def test_resolve_capital_acting_is_its_state_and_as_a_place_the_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Pyongyang wants more fuel, envoys in Pyongyang say."
    # kg.extract.convert links a capital that is a subject to its state; the class stays the city's
    ms = [
        _mention(text, "Pyongyang", "Settlement", gazetteer_id="north-korea"),
        _mention(text, "Pyongyang", "Settlement", nth=1, gazetteer_id="pyongyang"),
    ]
    extracted = resolve_article(_article(text), ms, gazetteer)
    assert _keys(extracted) == {"north-korea": {"Pyongyang"}, "pyongyang": {"Pyongyang"}}
    assert {e.key: e.cls for e in extracted.entities} == {"north-korea": "State", "pyongyang": "Settlement"}


def test_resolve_unlinked_capital_is_the_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _resolve_names(gazetteer, "Seoul", cls="Settlement") == {"Seoul": "seoul"}


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("North Korean", "north-korea"),
        ("north korean", "north-korea"),
        ("Ukrainian", "ukraine"),
        ("Koreans", None),
    ],
)
def test_resolve_demonym_names_its_state(gazetteer, word: str, state: str | None) -> None:  # type: ignore[no-untyped-def]
    entry = gazetteer.state_for_demonym(word)
    assert (entry.id if entry else None) == state


@pytest.mark.slow
def test_resolve_through_the_pipeline_capital_and_variants(extractor) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "Pyongyang expects more aid, diplomats in Pyongyang said on Monday.",
        "Yurii Sobolevskyi, a regional official, said the bridge was hit.",
        "Yuriy Sobolevsky said the bridge was hit again. Sobolevsky added that nobody was hurt.",
    ]
    articles = [
        Article(id=f"{i:016x}", source=f"{i}.txt", text=t, zones=(Zone(0, len(t), "body"),))
        for i, t in enumerate(texts)
    ]
    capital, first, second = (_keys(x) for x in extractor.extract(articles))
    assert capital == {"north-korea": {"Pyongyang"}, "pyongyang": {"Pyongyang"}}
    assert set(first) == set(second) == {"yury-sobolevsky"}
