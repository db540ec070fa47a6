"""Count-like number phrases: qualifiers, ranges, vague words, and the numbers that count nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.figures import QUALIFIER_WORDS, TRAILING_QUALIFIER_WORDS, VAGUE_WORDS, find_figures
from kg.extract.pipeline import Extractor
from kg.ingest.read import article_id
from kg.model import Article, Figure, Zone

# (sentence, figure as written, qualifier, value, min, max): one figure per sentence.
# fmt: off
COUNTS = [
    ("Some 11,000 North Korean troops have been sent to Kursk, Seoul said.",
     "Some 11,000", "Approximately", 11000, None, None),
    ("Kyiv said 2,000-3,000 more North Korean soldiers had arrived.",
     "2,000-3,000", "Range", None, 2000, 3000),
    ("Seoul said more than 4,000 killed or wounded.",
     "more than 4,000", "MoreThan", None, 4000, None),
    ("Between 10,000 and 12,000 troops were deployed, officials said.",
     "Between 10,000 and 12,000", "Range", None, 10000, 12000),
    ("Ukraine held as much as about 1,300 square kilometers at its peak.",
     "as much as about 1,300", "AtMost", None, None, 1300),
    ("At least 100 people were killed in the strike, the governor said.",
     "At least 100", "AtLeast", None, 100, None),
    ("Nearly 200 soldiers surrendered, the ministry said.",
     "Nearly 200", "Nearly", 200, None, None),
    ("About 50 drones were shot down overnight, the air force said.",
     "About 50", "Approximately", 50, None, None),
    ("Dozens of civilians were wounded in the shelling.",
     "Dozens of", "Vague", None, 24, 99),
    ("Hundreds of residents fled the town.",
     "Hundreds of", "Vague", None, 200, 999),
    ("The agency said 1.5 million people had left the region.",
     "1.5 million", "Exact", 1_500_000, None, None),
    ("Ukrainian special forces captured two North Korean soldiers.",
     "two", "Exact", 2, None, None),
    ("The operation involved up to 500 troops.",
     "up to 500", "AtMost", None, None, 500),
    ("Fewer than 20 residents remained in the village.",
     "Fewer than 20", "LessThan", None, None, 20),
    ("An estimated 3,000 fighters took part, analysts said.",
     "An estimated 3,000", "Approximately", 3000, None, None),
    ("Estimates ranged from 10,000 to 12,000 soldiers.",
     "from 10,000 to 12,000", "Range", None, 10000, 12000),
    ("Officials put the force at 10,000 to 12,000.",
     "10,000 to 12,000", "Range", None, 10000, 12000),
    ("Seoul said 2,000\u20133,000 reinforcements were on the way.",
     "2,000\u20133,000", "Range", None, 2000, 3000),
    ("Two or three battalions were moved to the front.",
     "Two or three", "Range", None, 2, 3),
    ("About 10,000 to 12,000 troops took part, the agency said.",
     "About 10,000 to 12,000", "Range", None, 10000, 12000),
    ("The strike killed 14 civilians, officials said.",
     "14", "Exact", 14, None, None),
    ("Kyiv said 1,200 Russian soldiers were killed or wounded in a day.",
     "1,200", "Exact", 1200, None, None),
    ("Almost 300 people were evacuated from the district.",
     "Almost 300", "Nearly", 300, None, None),
    ("Just under 1,000 homes lost power after the attack.",
     "Just under 1,000", "Nearly", 1000, None, None),
    ("No fewer than 40 people were detained.",
     "No fewer than 40", "AtLeast", None, 40, None),
    ("Over 600 drones were launched at Ukrainian cities.",
     "Over 600", "MoreThan", None, 600, None),
    ("In excess of 5,000 shells are fired daily.",
     "In excess of 5,000", "MoreThan", None, 5000, None),
    ("Upwards of 70 vehicles were destroyed.",
     "Upwards of 70", "MoreThan", None, 70, None),
    ("As many as 60,000 Russian troops may have died.",
     "As many as 60,000", "AtMost", None, None, 60000),
    ("No more than 15 soldiers held the position.",
     "No more than 15", "AtMost", None, None, 15),
    ("The lines were less than 100 meters apart.",
     "less than 100", "LessThan", None, None, 100),
    ("Roughly 8,500 people still live in the town.",
     "Roughly 8,500", "Approximately", 8500, None, None),
    ("Around 40 villages were shelled overnight.",
     "Around 40", "Approximately", 40, None, None),
    ("Close to 2,000 civilians remain trapped.",
     "Close to 2,000", "Approximately", 2000, None, None),
    ("Several soldiers were wounded, the unit said.",
     "Several", "Vague", None, 3, 9),
    ("A few residents stayed behind.",
     "A few", "Vague", None, 2, 5),
    ("Tens of thousands of people have fled.",
     "Tens of thousands of", "Vague", None, 20000, 99999),
    ("Hundreds of thousands of homes were left without heat.",
     "Hundreds of thousands of", "Vague", None, 200000, 999999),
    ("Thousands of troops massed near the border.",
     "Thousands of", "Vague", None, 2000, 9999),
    ("Scores of buildings were damaged.",
     "Scores of", "Vague", None, 40, None),
    ("Several hundred marines landed on the spit.",
     "Several hundred", "Vague", None, 300, 900),
    ("A number of drones were intercepted.",
     "A number of", "Vague", None, 4, None),
    ("Numerous strikes hit the city.",
     "Numerous", "Vague", None, 4, None),
    ("Multiple explosions were heard in the capital.",
     "Multiple", "Vague", None, 3, None),
    ("A handful of soldiers remained in the trench.",
     "A handful of", "Vague", None, 2, 5),
    ("A dozen tanks were destroyed near the river.",
     "A dozen", "Exact", 12, None, None),
    ("More than a dozen people were hurt.",
     "More than a dozen", "MoreThan", None, 12, None),
    ("Twenty-five soldiers were captured.",
     "Twenty-five", "Exact", 25, None, None),
    ("Two hundred troops crossed the river.",
     "Two hundred", "Exact", 200, None, None),
    ("Half a million people lost power.",
     "Half a million", "Exact", 500000, None, None),
    ("The agency said 11 thousand troops were trained.",
     "11 thousand", "Exact", 11000, None, None),
    ("Between 10 and 12 million people need aid.",
     "Between 10 and 12 million", "Range", None, 10_000_000, 12_000_000),
    ("The figure cited was 10,000,000,000,000, officials said.",
     "10,000,000,000,000", "Exact", 10_000_000_000_000, None, None),
    ("Just over 500 troops remain in the city.",
     "Just over 500", "MoreThan", None, 500, None),
    ("The column took under 30 minutes to pass.",
     "under 30", "LessThan", None, None, 30),
    ("The report counted 3.2 billion rounds.",
     "3.2 billion", "Exact", 3_200_000_000, None, None),
    # "estimated" after its subject is the reporting verb, not a hedge; after a determiner, or
    # opening a headline, it is the adjective that hedges
    ("Monitors estimated over 9,400 fighters had entered Iraq.",
     "over 9,400", "MoreThan", None, 9400, None),
    ("Analysts estimated 4,500 soldiers had crossed the border.",
     "4,500", "Exact", 4500, None, None),
    ("The agency estimated roughly 700 homes were destroyed.",
     "roughly 700", "Approximately", 700, None, None),
    ("Their estimated 3,000 fighters hold the ridge.",
     "estimated 3,000", "Approximately", 3000, None, None),
    ("Estimated 12,000 flee the besieged port",
     "Estimated 12,000", "Approximately", 12000, None, None),
    # "about" after a noun of news or worry is the preposition: the count is exact
    ("Officials gave details about two detained soldiers.",
     "two", "Exact", 2, None, None),
    ("The ministry released information about three captured pilots.",
     "three", "Exact", 3, None, None),
    ("Reporters asked questions about 40 missing sailors.",
     "40", "Exact", 40, None, None),
    ("Families voiced concerns about five conscripts held abroad.",
     "five", "Exact", 5, None, None),
    ("The inquiry heard testimony about some 200 deportees.",
     "some 200", "Approximately", 200, None, None),
    ("Officials said about two dozen were hurt.",
     "about two dozen", "Approximately", 24, None, None),
    ("The shelling killed about 30 people overnight.",
     "about 30", "Approximately", 30, None, None),
    # "over" after a noun of dispute or feeling is the preposition, not a floor
    ("Anger over 40 civilian deaths spread through the city.",
     "40", "Exact", 40, None, None),
    ("Fighting over two border villages resumed at dawn.",
     "two", "Exact", 2, None, None),
    ("The rebels took control over 12 districts.",
     "12", "Exact", 12, None, None),
    ("Talks over some 300 detainees stalled.",
     "some 300", "Approximately", 300, None, None),
    ("The rebels killed over 40 soldiers.",
     "over 40", "MoreThan", None, 40, None),
    # "as high as" is a ceiling; "approaching" and "nearing" come close from below
    ("The toll could be as high as 3,000.",
     "as high as 3,000", "AtMost", None, None, 3000),
    ("Losses may run as high as 12,000 troops.",
     "as high as 12,000", "AtMost", None, None, 12000),
    ("Medics said as high as 70 people were wounded.",
     "as high as 70", "AtMost", None, None, 70),
    ("The number of wounded is approaching 2,000.",
     "approaching 2,000", "Nearly", 2000, None, None),
    ("Approaching 500 drones were launched in a week.",
     "Approaching 500", "Nearly", 500, None, None),
    ("The rebels fielded a force nearing 30,000 men.",
     "nearing 30,000", "Nearly", 30000, None, None),
    ("Casualties were approaching two hundred by dusk.",
     "approaching two hundred", "Nearly", 200, None, None),
    # a scale word joined to its number by a hyphen
    ("They faced an estimated two-thousand militiamen.",
     "an estimated two-thousand", "Approximately", 2000, None, None),
    ("The shelling left about 35-hundred displaced.",
     "about 35-hundred", "Approximately", 3500, None, None),
    ("Three-thousand troops were moved north.",
     "Three-thousand", "Exact", 3000, None, None),
    ("The camp now holds 27-hundred detainees.",
     "27-hundred", "Exact", 2700, None, None),
    ("Twenty-five-hundred reservists were called up.",
     "Twenty-five-hundred", "Exact", 2500, None, None),
    ("Five-dozen shells fell overnight.",
     "Five-dozen", "Exact", 60, None, None),
    # a hedge written after the number
    ("Some 200 or so fighters slipped out of the town.",
     "Some 200 or so", "Approximately", 200, None, None),
    ("Medics counted 30 or so wounded at the checkpoint.",
     "30 or so", "Approximately", 30, None, None),
    ("Shelling killed 20 or more people in the market.",
     "20 or more", "AtLeast", None, 20, None),
    ("Two or more brigades were pulled back.",
     "Two or more", "AtLeast", None, 2, None),
    ("The convoy carried 12 or fewer passengers.",
     "12 or fewer", "AtMost", None, None, 12),
    ("The 300-plus recruits finished training.",
     "300-plus", "MoreThan", None, 300, None),
    ("Rescuers pulled 50+ people from the rubble.",
     "50+", "MoreThan", None, 50, None),
    ("At least 40 or more were detained.",
     "At least 40 or more", "AtLeast", None, 40, None),
    ("The raid involved as few as 20 commandos.",
     "as few as 20", "AtLeast", None, 20, None),
    # fractions of a scale word
    ("Nearly one and a half million people have fled the region.",
     "Nearly one and a half million", "Nearly", 1_500_000, None, None),
    ("Two and a half thousand reservists reported for duty.",
     "Two and a half thousand", "Exact", 2500, None, None),
    ("A quarter of a million people lost power.",
     "A quarter of a million", "Exact", 250_000, None, None),
    ("Three quarters of a million refugees crossed the border.",
     "Three quarters of a million", "Exact", 750_000, None, None),
    ("Aid reached two and a half to three million people.",
     "two and a half to three million", "Range", None, 2_500_000, 3_000_000),
]
# fmt: on


def _d(number: int | None) -> Decimal | None:
    return None if number is None else Decimal(number)


@pytest.mark.parametrize(("text", "written", "qualifier", "value", "low", "high"), COUNTS)
def test_figures_read_qualifier_and_bounds(
    text: str, written: str, qualifier: str, value: int | None, low: int | None, high: int | None
) -> None:
    (figure,) = find_figures(text)
    assert figure.text == written == text[figure.start : figure.end]
    assert figure.qualifier == qualifier
    assert (figure.value, figure.min_value, figure.max_value) == (_d(value), _d(low), _d(high))


# (sentence, the figures found in it as written): what is a date, year, time, percentage,
# ordinal, money, decade, compound adjective, identifier or weapon name is left out.
NOT_COUNTS = [
    ("Turnout reached 62 percent on Sunday.", []),
    ("Prices rose 30% in a year.", []),
    ("About 30 per cent of the town was destroyed.", []),
    ("The war began in February 2022.", []),
    ("Talks are expected in 2025.", []),
    ("It was the deadliest attack since the year 2014.", []),
    ("The strike happened on Dec. 16.", []),
    ("The deal was signed Feb. 19, 2025, in Riyadh.", []),
    ("On 16 December the convoy arrived.", []),
    ("Russia marks the holiday on May 9.", []),
    ("The prisoners were freed on Jan. 9.", []),
    ("The meeting starts at 10:30 and ends by 3 p.m.", []),
    ("The 93rd Brigade and the 8th Army moved first.", []),
    ("The first convoy arrived at dawn.", []),
    ("Washington pledged $5 million and Brussels \u20ac3bn.", []),
    ("Kyiv received 5 million dollars and 2 billion euros in aid.", []),
    ("The economy shrank in the 1990s.", []),
    ("The five-year plan began with a two-day visit.", []),
    ("A 24-year-old soldier survived the month-long siege.", []),
    ("The three-month deployment ended.", []),
    ("One of the soldiers was Russian.", []),
    ("No one was hurt, and they blamed one another.", []),
    ("One day the guns fell silent.", []),
    ("Russia vetoed UN Resolution 2254 again.", []),
    ("Under Article 5, allies must respond.", []),
    ("The case number was 2013-01-S-025.", []),
    ("Call +44 20 7946 0958 for details.", []),
    ("The home side won 2-1 on Sunday.", []),
    ("F-16 jets, Su-34 bombers and S-400 systems were involved.", []),
    ("MH17 was shot down over eastern Ukraine.", []),
    ("A 1.5 million-strong army is planned.", []),
    ("Ukraine asked for multiple launch rocket systems.", []),
    ("The value 1e309 is not a count.", []),
    ("At least 12 people were killed on Dec. 16, 2024, about 30% of them children.", ["At least 12"]),
    ("In 2024, some 200 soldiers deserted.", ["some 200"]),
    ("F-16s struck 40 targets.", ["40"]),
    ("The 24-year-old was one of 3,000 recruits.", ["3,000"]),
    ("The $2 billion package will pay for 500 drones.", ["500"]),
    ("On Feb. 19, 2025, 2,000 troops arrived.", ["2,000"]),
    ("The fighting lasted two days.", ["two"]),  # durations are returned; the caller decides
    ("A two-thousand-year-old temple was hit.", []),
    ("A 35-thousand-strong force massed nearby.", []),
    # a conversion in brackets restates the figure before it in other units: one figure
    ("Forces took about 800 square kilometres (310 square miles) last week.", ["about 800"]),
    ("The zone covers 12 km (7.5 miles) of coast.", ["12"]),
    ("The army holds 90 square miles (230 sq km) of farmland.", ["90"]),
    ("The town lies 40 miles [about 64 km] south.", ["40"]),
    ("The push gained 15 kilometers (nine miles).", ["15"]),
    ("The depot sits about 65km (40 miles) behind the line.", []),
    ("Crops burned on nearly 10,000 hectares (about 24,700 acres).", ["nearly 10,000"]),
    ("Rebels seized around 1,500 square kilometers, or 580 square miles, of land.", ["around 1,500"]),
    ("The front moved 25 miles or 40 km west.", ["25"]),
    # two figures in the same units are two distances, not a conversion
    ("The guns reach 10 km (20 km with new shells).", ["10", "20"]),
    ("The shells landed 5 km or 8 km from the plant.", ["5", "8"]),
    # a bracket that counts something else is a figure of its own
    ("Shelling killed 40 soldiers (12 officers).", ["40", "12"]),
    ("The brigade lost 300 men (about 120 killed).", ["300", "about 120"]),
    # "plus" between two numbers adds them; "one" after "another" or "other" is a pronoun
    ("The strike killed 20 plus 30 more in the camp.", ["20", "30"]),
    ("Guards shot two attackers and detained another one.", ["two"]),
    ("One drone was downed and the other one crashed.", ["One"]),
]


@pytest.mark.parametrize(("text", "written"), NOT_COUNTS)
def test_figures_leave_out_what_counts_nothing(text: str, written: list[str]) -> None:
    assert [f.text for f in find_figures(text)] == written


# (sentence, [(figure as written, measure, qualifier, value, min, max)]): the hedges above as the
# claim reader sees them, through the real pipeline.
# fmt: off
IN_CLAIMS = [
    ("Analysts estimated more than 600 troops were killed near the river.",
     [("more than 600", "Killed", "MoreThan", None, 600, None)]),
    ("The governor said as many as 40 civilians were killed, and officials gave details about two "
     "wounded soldiers.",
     [("two", "Wounded", "Exact", 2, None, None), ("as many as 40", "Killed", "AtMost", None, None, 40)]),
    ("Medics said as high as 70 people were wounded.",
     [("as high as 70", "Wounded", "AtMost", None, None, 70)]),
    ("The ministry said the number of injured was approaching 5,000.",
     [("approaching 5,000", "Wounded", "Nearly", 5000, None, None)]),
    ("Rebels said an estimated two-thousand fighters were killed in the offensive.",
     [("an estimated two-thousand", "Killed", "Approximately", 2000, None, None)]),
    ("Doctors said some 27-hundred people were wounded in the blasts.",
     [("some 27-hundred", "Wounded", "Approximately", 2700, None, None)]),
    ("The army said it controls about 1,200 square kilometers (460 square miles) of the province.",
     [("about 1,200", "AreaControlled", "Approximately", 1200, None, None)]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), IN_CLAIMS)
def test_figures_in_claims_keep_their_hedge(
    extractor: Extractor, text: str, expected: list[tuple[str, str, str, int | None, int | None, int | None]]
) -> None:
    article = Article(
        id=article_id(text), source="test.txt", text=text, zones=(Zone(0, len(text), "body"),), published=None
    )
    (extracted,) = extractor.extract([article])
    quantities = [q for claim in extracted.claims for q in claim.quantities]
    assert [
        (q.figure.text, q.measure, q.figure.qualifier, q.figure.value, q.figure.min_value, q.figure.max_value)
        for q in quantities
    ] == [(written, measure, qual, _d(v), _d(lo), _d(hi)) for written, measure, qual, v, lo, hi in expected]


def test_figures_values_are_exact_decimals() -> None:
    (figure,) = find_figures("a debt of 123,456,789,012,345,678 units")
    assert isinstance(figure.value, Decimal)
    assert figure.value == Decimal("123456789012345678")


def test_figures_reversed_range_gives_two_numbers() -> None:
    figures = find_figures("The garrison was cut from 10,000 to 5,000 men.")
    assert [(f.text, f.qualifier, f.value) for f in figures] == [
        ("10,000", "Exact", Decimal(10000)),
        ("5,000", "Exact", Decimal(5000)),
    ]


def test_figures_offsets_are_into_the_text() -> None:
    text = "Officials said at least 100 were killed and some 200 were hurt."
    assert [(f.start, f.end, f.text) for f in find_figures(text)] == [
        (15, 27, "at least 100"),
        (44, 52, "some 200"),
    ]


def test_figures_word_tables_cover_every_qualifier() -> None:
    assert set(QUALIFIER_WORDS.values()) == {
        "Approximately", "Nearly", "AtLeast", "MoreThan", "AtMost", "LessThan",
    }  # fmt: skip
    assert set(TRAILING_QUALIFIER_WORDS.values()) <= set(QUALIFIER_WORDS.values())
    assert all(high is None or low <= high for low, high in VAGUE_WORDS.values())


_TOKENS = [
    *QUALIFIER_WORDS, *TRAILING_QUALIFIER_WORDS, *VAGUE_WORDS, "between", "from", "and", "to", "or", "more",
    "of", "one", "two", "plus", "square", "km", "miles", "[", "]",
    "twenty-five", "hundred", "thousand", "million", "dozen", "half", "a", "10,000", "2,000-3,000", "1.5",
    "2024", "0", "007", "9" * 40, "Dec.", "May", "16", "$", "%", "-", "\u2013", ",", ".", ":", "'", "\u2019",
    "year-old", "F-16", "+44", "(", ")", "\u200b", "\u200f", "\u202e", "\x00", "\x1c", "\n",
]  # fmt: skip
_TEXTS = st.one_of(
    st.text(),
    st.lists(st.sampled_from(_TOKENS), max_size=20).map(" ".join),
    st.lists(st.sampled_from(_TOKENS), max_size=20).map("".join),
)


def _check(text: str, figures: list[Figure]) -> None:
    end = 0
    for figure in figures:
        assert end <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.text
        if figure.min_value is not None and figure.max_value is not None:
            assert figure.min_value <= figure.max_value
        end = figure.end


@given(_TEXTS)
def test_figures_any_text_gives_ordered_valid_spans(text: str) -> None:
    _check(text, find_figures(text))


@given(_TEXTS)
def test_figures_do_not_depend_on_the_sentence_before(text: str) -> None:
    """A sentence read alone gives the figures it gives inside an article, shifted."""
    alone = find_figures(text)
    inside = find_figures("Kyiv said.\n" + text)
    assert [
        (f.start + 11, f.end + 11, f.text, f.qualifier, f.value, f.min_value, f.max_value) for f in alone
    ] == [(f.start, f.end, f.text, f.qualifier, f.value, f.min_value, f.max_value) for f in inside]
