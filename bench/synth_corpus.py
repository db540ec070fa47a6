"""N synthetic conflict-news articles as raw text, in ``kg build``'s input formats, for build benchmarks.

Each article is a dateline, paragraphs of 300 to 900 words and sometimes a subheading, written
from sentence templates in the style of wire coverage of North Korea's troops in Russia's war
against Ukraine: attributed claims with figures ("South Korea's National Intelligence Service
said at least 100 North Korean troops had been killed near Sudzha"), "according to" clauses,
quotes, leaders with titles ("Russian leader Vladimir Putin"), deployments, places inside
regions, dates relative to the publication day. Actors and places are drawn as
``bench/synth_graph.py`` draws them: from ``ontology/gazetteer.json`` by label or alias (core
actors of the story more often), plus a long tail of made-up people, units, towns,
administrations and outlets the gazetteer does not know, so resolution has work to do either way.
Figures follow the same per-measure trends with noise, written with qualifiers ("at least",
"about", "more than", ranges).

Deterministic: the same ``--seed`` and ``--articles`` give the same bytes, and a corpus is the
prefix of any larger one with the same seed. Every text is distinct, so every article gets its
own IRI. Output: a folder of ``NNNNNN.txt`` files with ``meta.json`` (title, publisher, published,
url), or one JSONL file with ``{"id", "text", "title", "publisher", "published", "url"}`` per line.

    python bench/synth_corpus.py --articles N --out PATH [--format folder|jsonl] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_graph import CONTINGENT_NAMES, DAYS, FIRST_DAY, Ent, entity_pool, synthetic_figure  # noqa: E402

from kg.extract.gazetteer import load_gazetteer  # noqa: E402
from kg.ingest.read import article_id  # noqa: E402

__all__ = ["FORMATS", "MAX_WORDS", "MIN_WORDS", "synthetic_corpus", "write_corpus"]

MIN_WORDS, MAX_WORDS = 300, 900
#: Words in the longest sentence the templates make, about (leaders and officials nest).
LONGEST_SENTENCE = 60
FORMATS = ("folder", "jsonl")

# Templates. A slot is {name}; {name2} is a second, independent draw of the same kind, and the
# same slot written twice in one template is the same words. Slots are the methods of _Slots.

#: Attributed claims with figures, the sentences the claim reader and figure parser exist for.
CLAIMS = (
    "{claimant} {says_that} {killed} {troops} had been killed in fighting near {town}{when}.",
    "According to {claimant}, {deployed} {troops} have been deployed to {region}.",
    "According to {claimant}, between {low} and {high} {troops} are stationed in {region}.",
    "{claimant} {says_that} {casualties} {troops} had been killed or wounded since {month}.",
    "{claimant} estimated that {casualties} {troops} were killed or wounded in the first weeks of fighting.",
    "{troops} have suffered {casualties} casualties in {region}, {claimant} {said}{when}.",
    "{claimant} {says_that} there were {deployed} {troops} in {region}, up from {deployed2} in {month}.",
    "{official} told {outlet} that {wounded} {troops} had been wounded in fighting around {town}.",
    "{claimant} {says_that} {area} square kilometres of {region} had been retaken since {month}.",
    "{captured} {troops} have been captured near {town}, {claimant} {said}{when}.",
    "The {demonym} military {says_that} its forces had captured {captured} {troops} near {town}.",
    "{claimant} {says_that} {killed} {troops} died in drone strikes near {town} and {town2}{when}.",
    "{outlet}, citing {claimant}, reported that {deployed} {troops} had arrived in {region}.",
    "{claimant} {says_that} {deployed} more {troops} could be sent to {region} by {month2}.",
    "{leader} {says_that} {killed} {troops} had been killed in {region}, which {claimant} did not confirm.",
    "{claimant} denied that {troops} had lost {killed} soldiers near {town}, calling the report {smear}.",
)
#: Sentences stating relations (leaders, membership, deployment, location, meetings).
RELATIONS = (
    "{leader} met {leader2} in {capital}{when}.",
    "{leader} {says_that} {troops} were fighting alongside {troops2} in {region}.",
    "{official} visited {town}{when}.",
    "{person}, a soldier of {unit}, was wounded in the attack on {town}.",
    "Fighting continued near {town_in}, where {unit} holds positions.",
    "{unit} was deployed to {region} {month_ago}.",
    "{state} and {state2} signed a defence treaty in {month}, and {troops} were sent to {region} later.",
    "{state}'s war against {state2} is approaching another winter.",
    "{person}, an adviser to {agency}, declined to comment.",
    "{town_in}, came under drone attack overnight, {official} {said}.",
    "{troops} are operating under the command of {unit} in {region}.",
    "{leader} and {leader2} discussed the deployment of {troops} {when_bare}.",
)
#: Quotes with their speaker, straight or curly quotation marks.
QUOTES = (
    "{open}{quote},{close} {official} {said}.",
    "{open}{quote},{close} said {person}.",
    "{official} {said}: {open}{quote}.{close}",
    "{open}{quote},{close} {leader} said in a video address.",
)
#: Context without new figures.
BACKGROUND = (
    "The claim could not be independently verified.",
    "Neither {state} nor {state2} has confirmed the figures.",
    "{state} has not published its own casualty figures since {month}.",
    "{outlet} could not independently confirm the report.",
    "{troops} first entered combat in {region} in {month}, {claimant} {said} at the time.",
    "Analysts at {outlet} said the figures were consistent with satellite images of {town}.",
    "The fighting in {region} has displaced thousands of residents.",
)
TITLES = (
    "{state} says {killed} {troops} killed in {region}",
    "{troops} struggle against drones near {town}, {claimant} says",
    "{leader} meets {leader2} as fighting in {region} continues",
    "{claimant}: {deployed} {troops} deployed to {region}",
    "Drone strikes hit {troops} near {town}",
    "{troops} captured in {region}, {state} says",
)
SUBHEADINGS = (
    "Signs of growing numbers",
    "Losses at the front",
    "Drones over open fields",
    "A new front",
    "Reaction in {capital}",
    "What comes next",
)
SPOKEN = (
    "They came and they came, and the drones kept hitting them",
    "We are seeing more of them every week",
    "The situation at the front remains difficult, but under control",
    "They are highly motivated, but they do not know how to fight drones",
    "Our forces will continue to defend every village",
    "These losses cannot be hidden for long",
    "Nobody expected them to be sent into assaults so quickly",
    "We will respond to any provocation",
)
SMEARS = ('"propaganda"', '"a fabrication"', '"groundless"', '"an attempt to mislead the public"')
#: Reporting verbs at the end of a sentence, and before the clause they report.
SAYS = ("said", "said", "said", "said in a statement", "told reporters", "wrote on Telegram", "added")
SAYS_THAT = (
    "said",
    "said",
    "said",
    "reported",
    "estimated",
    "claimed",
    "said in a statement that",
    "told reporters that",
    "wrote on Telegram that",
    "confirmed that",
)
ROLES = (
    "a spokesman for {agency}",
    "a spokeswoman for {agency}",
    "an official at {agency}",
    "a commander of {unit}",
    "a senior {demonym} official",
    "a lawmaker briefed by {agency}",
)
#: Outlet names that take "the" in running text when their last word is one of these.
THE_OUTLET_WORDS = frozenset(
    "Times Post Journal Independent Herald Shimbun Press Ilbo Tribune Monitor Courier Daily".split()
)
THE_REGION_WORDS = frozenset(("region", "province", "Sea", "Peninsula", "Republic"))
THE_STATE_WORDS = ("United ", "Republic", "Kingdom", "Federation", "Netherlands", "Holy See")
MONTHS = "January February March April May June July August September October November December".split()

_SLOT = re.compile(r"\{([a-z_]+?)(\d?)\}")


class _Slots:
    """Fills templates for one article: every slot draws from the shared pool and random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pool = entity_pool(rng)
        self.gazetteer = load_gazetteer()
        entries = self.gazetteer.entries
        self.leaders = [e for e in entries if e.cls == "Person" and e.leader_of]
        self.office_holders = {e.id for e in self.leaders}
        regions = {e.id: Ent(e.id, e.label, e.cls, e.names) for e in entries if e.cls == "Region"}
        self.region_of = {
            town.id: regions[key] for town in entries for key in town.located_in if key in regions
        }
        self.capitals = [e.label for e in entries if e.capital_of]
        self.demonyms = [e.demonyms[0] for e in entries if e.cls == "State" and e.demonyms]
        self.published = FIRST_DAY
        self.curly = False  # the quotation marks of the quote being written

    def fill(self, template: str) -> str:
        """The template with every slot drawn, as a sentence: capitalised, no comma before , : or ."""
        text = re.sub(r",([,:.])", r"\1", self._expand(template))
        return text[0].upper() + text[1:]

    def _expand(self, template: str) -> str:
        """Draw every slot; a slot's value may hold slots of its own, drawn afresh."""
        drawn: dict[str, str] = {}

        def value(match: re.Match[str]) -> str:
            if match[0] not in drawn:
                maker: Callable[[], str] = getattr(self, match[1])
                drawn[match[0]] = self._expand(maker())
            return drawn[match[0]]

        return _SLOT.sub(value, template)

    # -- names of things from the pool --

    def _name(self, ent: Ent) -> str:
        """A label or alias as running text writes it, with "the" where it needs one."""
        name = ent.label if self.rng.random() < 0.6 else self.rng.choice(ent.names)
        first, _, rest = name.partition(" ")
        last = name.rsplit(" ", 1)[-1]
        needs_the = (
            not first.endswith("'s")  # "South Korea's National Intelligence Service"
            and not name.isupper()
            and (
                ent.cls in ("GovernmentBody", "InternationalOrganization", "MilitaryUnit")
                or (ent.cls == "Region" and (last in THE_REGION_WORDS or first == "Sea"))
                or (ent.cls == "State" and any(word in name for word in THE_STATE_WORDS))
                or (ent.cls == "MediaOutlet" and rest != "" and last in THE_OUTLET_WORDS)
                or (ent.cls == "Organization" and (" of " in name or " for " in name))
            )
        )
        return f"the {name}" if needs_the else name

    def state(self) -> str:
        return self._name(self.pool.pick(("State",)))

    def region(self) -> str:
        return self._name(self.pool.pick(("Region",)))

    def town(self) -> str:
        return self._name(self.pool.pick(("Settlement",)))

    def town_in(self) -> str:
        """ "Sudzha, in the Kursk region": a town and the region the gazetteer puts it in."""
        town = self.pool.pick(("Settlement",))
        region = self.region_of.get(town.key)
        where = self._name(region) if region else self.region()
        return f"{self._name(town)}, in {where}"

    def unit(self) -> str:
        return self._name(self.pool.pick(("MilitaryUnit",), new_rate=0.05))

    def agency(self) -> str:
        return self._name(self.pool.pick(("GovernmentBody", "InternationalOrganization")))

    def outlet(self) -> str:
        return self._name(self.pool.pick(("MediaOutlet",)))

    def person(self) -> str:
        """Anyone but an office holder, whose title {leader} writes."""
        person = self.pool.pick(("Person",))
        while person.key in self.office_holders:
            person = self.pool.pick(("Person",))
        return self._name(person)

    def capital(self) -> str:
        return self.rng.choice(self.capitals)

    def demonym(self) -> str:
        return self.rng.choice(self.demonyms)

    def leader(self) -> str:
        """ "North Korean leader Kim Jong Un", "Kyrylo Budanov, the head of the DIU," ..."""
        person = self.rng.choice(self.leaders)
        led = self.gazetteer.get(self.rng.choice(person.leader_of))
        if led.cls == "State" and led.demonyms:
            return f"{led.demonyms[0]} leader {person.label}"
        return f"{person.label}, the head of {self._name(Ent(led.id, led.label, led.cls, led.names))},"

    def official(self) -> str:
        return f"{{person}}, {self.rng.choice(ROLES)},"

    def claimant(self) -> str:
        """Who a claim is attributed to: an agency (maybe "<State>'s"), a leader or an official."""
        roll = self.rng.random()
        if roll < 0.5:
            return "{agency}"
        if roll < 0.65:
            return "{leader}"
        if roll < 0.85:
            return "{official}"
        return f"{self.rng.choice(('the military of', 'officials in', 'the government of'))} {{state}}"

    def troops(self) -> str:
        """A contingent: the three big ones as news names them, another state's, or a unit."""
        roll = self.rng.random()
        if roll < 0.7:
            key = self.rng.choices(list(CONTINGENT_NAMES), (6, 2, 2))[0]
            return self.rng.choice([name for name in CONTINGENT_NAMES[key] if "'s" not in name])
        if roll < 0.85:
            return f"{{demonym}} {self.rng.choice(('soldiers', 'troops', 'servicemen'))}"
        return "soldiers of {unit}"

    # -- figures, as synth_graph writes them, trending up over the year --

    def _figure_text(self, measure: str) -> str:
        text = synthetic_figure(self.rng, measure, "", (self.published - FIRST_DAY).days, 0)[0]
        if text[0].isdigit() and self.rng.random() < 0.3:
            return f"{self.rng.choice(('some', 'an estimated', 'roughly', 'as many as', 'up to'))} {text}"
        return text

    def killed(self) -> str:
        return self._figure_text("Killed")

    def wounded(self) -> str:
        return self._figure_text("Wounded")

    def casualties(self) -> str:
        return self._figure_text("KilledOrWounded")

    def captured(self) -> str:
        return self._figure_text("Captured")

    def deployed(self) -> str:
        return self._figure_text("TroopCount")

    def area(self) -> str:
        return self._figure_text("AreaControlled")

    def low(self) -> str:
        return f"{self.rng.randrange(5, 12) * 1000:,}"

    def high(self) -> str:
        return f"{self.rng.randrange(12, 16) * 1000:,}"

    # -- dates relative to the publication day --

    def when(self) -> str:
        phrase = self.when_bare()
        return f" {phrase}" if phrase else ""

    def when_bare(self) -> str:
        day = self.published - timedelta(days=self.rng.randrange(7))
        return self.rng.choice(
            (
                "",
                f"on {day:%A}",
                f"on {day:%b}. {day.day}",
                f"on {day.day} {day:%B}",
                "last week",
                "earlier this month",
            )
        )

    def month(self) -> str:
        return MONTHS[(self.published.month - 1 - self.rng.randrange(1, 4)) % 12]

    def month2(self) -> str:
        return MONTHS[(self.published.month - 1 + self.rng.randrange(1, 4)) % 12]

    def month_ago(self) -> str:
        return self.rng.choice(("last month", "in the autumn", f"in {self.month()}"))

    # -- words --

    def said(self) -> str:
        return self.rng.choice(SAYS)

    def says_that(self) -> str:
        return self.rng.choice(SAYS_THAT)

    def smear(self) -> str:
        return self.rng.choice(SMEARS)

    def quote(self) -> str:
        return self.rng.choice(SPOKEN)

    def open(self) -> str:
        self.curly = self.rng.random() < 0.5
        return "\u201c" if self.curly else '"'

    def close(self) -> str:
        return "\u201d" if self.curly else '"'

    # -- one article --

    def article(self, number: int) -> dict[str, str]:
        """The record of article ``number``: metadata and a text of MIN_WORDS to MAX_WORDS words."""
        rng = self.rng
        self.published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        publisher = self.pool.pick(("MediaOutlet",)).label
        # Sentences are added until the target is reached; a target at least one long sentence
        # below MAX_WORDS means the last one always fits, and a sentence that would not is redrawn.
        target = rng.randint(MIN_WORDS, MAX_WORDS - LONGEST_SENTENCE)
        cities = "/".join(rng.sample(self.capitals, rng.choice((1, 1, 2)))).upper()
        dateline = rng.choice(
            (f"{cities} \u2014 ", f"{cities}, {self.published:%B} {self.published.day} ({publisher}) \u2014 ")
        )
        paragraphs = [dateline + self.fill(rng.choice(CLAIMS))]
        words = len(paragraphs[0].split())
        after_heading = False
        while words < target:
            kind = rng.choices((CLAIMS, RELATIONS, QUOTES, BACKGROUND), (45, 25, 15, 15))[0]
            sentence = self.fill(rng.choice(kind))
            if words + len(sentence.split()) > MAX_WORDS:
                continue
            words += len(sentence.split())
            if after_heading or kind is QUOTES or rng.random() < 0.5:
                paragraphs.append(sentence)
            else:
                paragraphs[-1] += " " + sentence
            after_heading = 150 < words < target and rng.random() < 0.04
            if after_heading:
                paragraphs.append(self.fill(rng.choice(SUBHEADINGS)))
                words += len(paragraphs[-1].split())
        title = self.fill(rng.choice(TITLES))
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        host = re.sub(r"[^a-z0-9]+", "", publisher.lower())
        return {
            "id": f"synth-{number:06d}",
            "text": "\n\n".join(paragraphs) + "\n",
            "title": title,
            "publisher": publisher,
            "published": self.published.isoformat(),
            "url": f"https://{host}.example/{self.published:%Y/%m/%d}/{slug}-{number}",
        }


def synthetic_corpus(articles: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """``articles`` records ``{"id", "text", "title", "publisher", "published", "url"}``, texts distinct."""
    slots = _Slots(random.Random(seed))
    seen: set[str] = set()
    for number in range(articles):
        record = slots.article(number)
        while article_id(record["text"]) in seen:  # as kg.ingest.read would merge them
            record = slots.article(number)
        seen.add(article_id(record["text"]))
        yield record


def write_corpus(out: Path, articles: int, seed: int = 0, fmt: str = "jsonl") -> int:
    """Write the corpus to ``out`` (a .jsonl file, or a folder with meta.json); returns its words."""
    words = 0
    if fmt == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="\n") as lines:
            for record in synthetic_corpus(articles, seed):
                words += len(record["text"].split())
                lines.write(json.dumps(record, ensure_ascii=False) + "\n")
        return words
    if fmt != "folder":
        raise ValueError(f"unknown corpus format {fmt!r}; use one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    meta: dict[str, dict[str, str]] = {}
    for record in synthetic_corpus(articles, seed):
        name = f"{record.pop('id').removeprefix('synth-')}.txt"
        text = record.pop("text")
        words += len(text.split())
        (out / name).write_text(text, encoding="utf-8", newline="\n")
        meta[name] = record
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many (default 1,000)")
    parser.add_argument("--out", type=Path, required=True, help="the .jsonl file or folder to write")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="jsonl (default) or folder")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args()
    if args.out.exists() and (args.out.is_file() or any(args.out.iterdir())):
        parser.error(f"{args.out} exists; give a new path, so no old article is mixed in")
    started = time.perf_counter()
    words = write_corpus(args.out, args.articles, args.seed, args.format)
    seconds = time.perf_counter() - started
    print(f"wrote {args.articles} articles, {words} words to {args.out} in {seconds:.1f} s")  # noqa: T201


if __name__ == "__main__":
    main()
