"""The fuzzy-match threshold of kg.extract.resolve, measured on the gazetteer's own names.

A merge is a fuzzy match of a name to a gazetteer entry (:class:`kg.extract.names.NameMatcher`, the
same code the resolver runs). For every threshold from 70 to 100 it counts:

* positives, which should merge with their entry:
  - **aliases**: each name of an entry that the romanisation fold does not already join to
    another of its names ("Vladimir Zelensky"), matched against all other names of the class,
    where the entry has another name of as many words (names of different lengths are never
    compared, so "Donald J. Trump" against "Donald Trump" is no trial);
  - **typos**: four one-letter slips (drop, double, swap, wrong vowel) in the longest word of
    each name, matched against all names of the class;
  - **variants**: spellings of listed people seen in other presses (``VARIANTS``);
* negatives, which must not merge with anything:
  - **other entries**: each name of an entry matched against the names of every *other*
    entry of the class ("Kim Yo Jong" against Kim Jong Un, Kim Yong Bok, ...);
  - **namesakes**: real people who are not in the gazetteer and resemble someone who is
    (``NAMESAKES``): relatives, officials in the same stories;
  - **renumbered**: each name with a number, its first digit changed ("57th Mechanized
    Brigade" against the 47th): another number is another unit.

A negative that reaches the threshold, or a positive that reaches it with the wrong entry, is a
false merge. The ambiguity margin is left off here, so that the threshold alone separates the
negatives: at run time the margin only refuses more. The chosen threshold is the lowest with no
false merge; kg.extract.resolve.FUZZY_THRESHOLD cites the table line it was taken from.

Only persons are fuzzy-matched (``FUZZY_CLASSES``). Organisations and places get one summary
line each: the threshold they would need, and the negative nearest to a merge. A unit's
number differs by one character, and any other unit may be in the next article.

    python bench/quality/fuzzy_threshold.py [--gazetteer PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.extract.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from kg.extract.names import NameMatcher, fold_name, fuzzy_eligible
from kg.extract.resolve import FUZZY_CLASSES, FUZZY_MARGIN, FUZZY_THRESHOLD
from kg.render.tables import plain_table

THRESHOLDS = range(70, 101)

#: Scores under this are not computed exactly (the matcher prunes them); it only limits how
#: far below the table the "hardest negative" line can look.
SCORE_FLOOR = 50.0

#: Class groups whose names could be compared with each other; only the first is matched.
GROUPS = {
    "person": frozenset(FUZZY_CLASSES),
    "organisation": frozenset(
        {
            "Organization",
            "GovernmentBody",
            "MilitaryUnit",
            "ArmedGroup",
            "MediaOutlet",
            "InternationalOrganization",
        }
    ),
    "place": frozenset({"State", "Region", "Settlement"}),
}

#: (spelling, entry id): how German, French or careless English copy writes listed people.
VARIANTS = (
    ("Wolodymyr Selenskyj", "volodymyr-zelenskyy"),  # German press
    ("Volodimir Zelensky", "volodymyr-zelenskyy"),
    ("Wladimir Putin", "vladimir-putin"),  # German press
    ("Sergej Schoigu", "sergei-shoigu"),  # German press
    ("Dmitri Peskow", "dmitry-peskov"),  # German press
    ("Kyrylo Budanow", "kyrylo-budanov"),  # German press
    ("Kim Jong Eun", "kim-jong-un"),  # an older South Korean romanisation of the last syllable
    ("Oleksandr Syrskij", "oleksandr-syrskyi"),
    ("Alexandre Loukachenko", "alexander-lukashenko"),  # French press
)

#: (name, the entry it resembles, who it is): real people who are not that entry.
NAMESAKES = (
    ("Kim Jong Il", "kim-jong-un", "his father, leader until 2011"),
    ("Kim Jong Nam", "kim-jong-un", "his half-brother"),
    ("Kim Il Sung", "kim-jong-un", "his grandfather"),
    ("Kim Ju Ae", "kim-yo-jong", "Kim Jong Un's daughter"),
    ("Kim Yong Chol", "kim-yong-bok", "North Korean party official"),
    ("Kim Yong-hyun", "kim-yong-bok", "South Korean defence minister in 2024"),
    ("Choe Ryong Hae", "choe-son-hui", "North Korean official"),
    ("Lee Jae-yong", "lee-jae-myung", "Samsung's chairman"),
    ("Cho Tae-yul", "cho-tae-yong", "South Korean foreign minister in 2024"),
    ("Donald Tusk", "donald-trump", "Poland's prime minister"),
    ("Donald Trump Jr.", "donald-trump", "his son"),
    ("Eric Trump", "donald-trump", "his son"),
    ("Hunter Biden", "joe-biden", "his son"),
    ("Jill Biden", "joe-biden", "his wife"),
    ("Pavel Prigozhin", "yevgeny-prigozhin", "his son"),
    ("Adam Kadyrov", "ramzan-kadyrov", "his son"),
    ("Dmitry Medvedev", "dmitry-peskov", "Russia's former president"),
    ("Sergei Surovikin", "sergei-shoigu", "Russian general"),
    ("Sergei Ryabkov", "sergei-lavrov", "Russian deputy foreign minister"),
    ("Andrei Rudskoy", "andrei-rudenko", "Russian general"),
    ("Alexander Lukashevich", "alexander-lukashenko", "Russian envoy to the OSCE"),
    ("Andriy Sadovyi", "andriy-yermak", "mayor of Lviv"),
    ("Oleksandr Pavliuk", "oleksandr-syrskyi", "Ukrainian general"),
    ("Valerii Zaluzhnyi", "valery-gerasimov", "Ukraine's former commander-in-chief"),
    ("Dmytro Kuleba", "dmitry-peskov", "Ukraine's former foreign minister"),
    ("Olena Zelenska", "volodymyr-zelenskyy", "his wife"),
    ("Zach Witkoff", "steve-witkoff", "his son"),
    ("Pete Hoekstra", "pete-hegseth", "US ambassador to Canada"),
    ("Brigitte Macron", "emmanuel-macron", "his wife"),
    ("Xi Mingze", "xi-jinping", "his daughter"),
)

_SLIPS = ("drop", "double", "swap", "vowel")
_OTHER_VOWEL = str.maketrans("aeiouyAEIOUY", "oaeaoiOAEAOI")


@dataclass(frozen=True, slots=True)
class Trial:
    """One query: the entry it should reach (None: none), and the scores against its index."""

    kind: str
    query: str
    expected: str | None
    ranked: tuple[tuple[float, str], ...]  # (score, entry id), best first

    def merges_at(self, threshold: int) -> str | None:
        """The entry a merge at ``threshold`` reaches (the ambiguity margin off), or None."""
        return self.ranked[0][1] if self.ranked and self.ranked[0][0] >= threshold else None


def slip(name: str, how: str) -> str:
    """A one-letter typo in the longest word of ``name`` (the last of equal length), made on
    its middle letters; hyphens and digits are left alone."""
    words = name.split()
    i = max(range(len(words)), key=lambda k: (len(words[k]), k))
    word = words[i]
    letters = [k for k, c in enumerate(word) if c.isalpha()]
    if len(letters) < 2:
        return name
    before, mid = letters[len(letters) // 2 - 1], letters[len(letters) // 2]
    chars = list(word)
    if how == "drop":
        del chars[mid]
    elif how == "double":
        chars.insert(mid, chars[mid])
    elif how == "swap":
        chars[before], chars[mid] = chars[mid], chars[before]
    else:
        at = next((k for k in letters[1:] if word[k] in "aeiouy"), None)
        if at is not None:
            chars[at] = word[at].translate(_OTHER_VOWEL)
    return " ".join([*words[:i], "".join(chars), *words[i + 1 :]])


def renumber(name: str) -> str | None:
    """``name`` with the first digit of its first number changed (up by one; 9 down by one),
    or None when it has no number."""
    at = next((k for k, c in enumerate(name) if c.isdigit()), None)
    if at is None:
        return None
    digit = int(name[at])
    return f"{name[:at]}{digit + 1 if digit < 9 else digit - 1}{name[at + 1 :]}"


def trials(gazetteer: Gazetteer, classes: frozenset[str], *, extras: bool = True) -> list[Trial]:
    """Every positive and negative query for the entries of ``classes``; ``extras`` adds the
    hand-listed variants and namesakes (persons only)."""
    entries = [e for e in gazetteer.entries if e.cls in classes]
    pairs = [(name, e.id) for e in entries for name in e.names]
    whole = NameMatcher(pairs)
    known = {fold_name(name) for name, _ in pairs}
    out: list[Trial] = []
    for entry in entries:
        names = [n for n in entry.names if fuzzy_eligible(n)]
        for name in names:
            siblings = [fold_name(m) for m in names if m != name]
            words = len(fold_name(name).split())
            if fold_name(name) not in siblings and any(len(m.split()) == words for m in siblings):
                out.append(_alias_trial(name, entry, whole))
        for name in names:
            for how in _SLIPS:
                typo = slip(name, how)
                if fold_name(typo) not in known:
                    out.append(_trial("typo", typo, entry.id, whole))
        out.extend(_trial("other entry", name, None, whole, leave_out=entry.id) for name in names)
        for name in names:
            renamed = renumber(name)
            if renamed is not None and fold_name(renamed) not in known:
                out.append(_trial("renumbered", renamed, None, whole))
    if extras:
        out.extend(_extras(gazetteer, entries, whole))
    return out


def _extras(gazetteer: Gazetteer, entries: Sequence[GazetteerEntry], whole: NameMatcher) -> Iterator[Trial]:
    """The hand lists, less what the gazetteer already lists or no longer has."""
    ids = {e.id for e in entries}
    for name, entry_id in VARIANTS:
        if entry_id in ids and gazetteer.lookup(name) is None:
            yield _trial("variant", name, entry_id, whole)
    for name, entry_id, _ in NAMESAKES:
        if entry_id in ids and gazetteer.lookup(name) is None:
            yield _trial("namesake", name, None, whole)


def _alias_trial(name: str, entry: GazetteerEntry, whole: NameMatcher) -> Trial:
    """``name`` against every other entry, and against its own entry without itself."""
    own = NameMatcher((n, entry.id) for n in entry.names if n != name).scores(name, cutoff=SCORE_FLOOR)
    others = [sk for sk in whole.scores(name, cutoff=SCORE_FLOOR) if sk[1] != entry.id]
    ranked = sorted([*own, *others], key=lambda sk: (-sk[0], sk[1]))
    return Trial("alias", name, entry.id, tuple(ranked))


def _trial(
    kind: str, query: str, expected: str | None, matcher: NameMatcher, *, leave_out: str | None = None
) -> Trial:
    """Scores are per entry, so leaving an entry's scores out is matching without its names."""
    ranked = tuple(sk for sk in matcher.scores(query, cutoff=SCORE_FLOOR) if sk[1] != leave_out)
    return Trial(kind, query, expected, ranked)


def sweep(all_trials: Iterable[Trial], thresholds: Iterable[int] = THRESHOLDS) -> list[dict[str, Any]]:
    """One row per threshold: true merges, missed positives, false merges, precision, recall."""
    items = list(all_trials)
    positives = [t for t in items if t.expected is not None]
    rows = []
    for threshold in thresholds:
        tp = fn = fp = 0
        for t in items:
            reached = t.merges_at(threshold)
            if t.expected is None:
                fp += reached is not None
            elif reached == t.expected:
                tp += 1
            else:
                fn += 1
                fp += reached is not None
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / len(positives) if positives else 0.0
        rows.append({"threshold": threshold, "tp": tp, "fn": fn, "fp": fp, "p": precision, "r": recall})
    return rows


def lowest_safe(rows: Sequence[dict[str, Any]]) -> int | None:
    """The lowest threshold from which on no threshold has a false merge."""
    safe = None
    for row in reversed(rows):
        if row["fp"]:
            break
        safe = row["threshold"]
    return safe


def margin_refusals(all_trials: Iterable[Trial], threshold: int, margin: float) -> int:
    """True merges at ``threshold`` that the ambiguity margin would refuse at run time."""
    return sum(
        1
        for t in all_trials
        if t.expected is not None
        and t.merges_at(threshold) == t.expected
        and len(t.ranked) > 1
        and t.ranked[0][0] - t.ranked[1][0] <= margin
    )


def hardest_negative(all_trials: Iterable[Trial]) -> tuple[float, str, str] | None:
    """(score, query, entry) of the negative that comes nearest to a merge."""
    best = None
    for t in all_trials:
        if t.expected is None and t.ranked and (best is None or t.ranked[0][0] > best[0]):
            best = (t.ranked[0][0], t.query, t.ranked[0][1])
    return best


def measure(gazetteer: Gazetteer) -> dict[str, Any]:
    """The whole measurement, in the shape ``--json`` prints."""
    out: dict[str, Any] = {"constant": FUZZY_THRESHOLD, "margin": FUZZY_MARGIN, "groups": {}}
    for group, classes in GROUPS.items():
        items = trials(gazetteer, classes, extras=group == "person")
        rows = sweep(items)
        chosen = lowest_safe(rows)
        counts = {kind: sum(t.kind == kind for t in items) for kind in sorted({t.kind for t in items})}
        out["groups"][group] = {
            "classes": sorted(classes),
            "trials": counts,
            "rows": rows,
            "chosen": chosen,
            "margin_refusals": None if chosen is None else margin_refusals(items, chosen, FUZZY_MARGIN),
            "hardest_negative": hardest_negative(items),
        }
    return out


def row_line(row: dict[str, Any]) -> str:
    """A table row as one line, the form kg.extract.resolve cites."""
    return (
        f"{row['threshold']}  TP={row['tp']} FN={row['fn']} FP={row['fp']} P={row['p']:.3f} R={row['r']:.3f}"
    )


def _print_report(result: dict[str, Any]) -> None:
    person = result["groups"]["person"]
    print(f"person names (classes {', '.join(person['classes'])}); trials: {person['trials']}")  # noqa: T201
    table = [
        [str(r["threshold"]), str(r["tp"]), str(r["fn"]), str(r["fp"]), f"{r['p']:.3f}", f"{r['r']:.3f}"]
        for r in person["rows"]
    ]
    print(plain_table(["threshold", "TP", "FN", "FP", "precision", "recall"], table))  # noqa: T201
    hardest = person["hardest_negative"]
    if hardest is not None:
        print(f"hardest negative: {hardest[1]!r} ~ {hardest[2]} at {hardest[0]:.1f}")  # noqa: T201
    chosen = person["chosen"]
    if chosen is not None:
        line = row_line(next(r for r in person["rows"] if r["threshold"] == chosen))
        print(f"chosen (lowest threshold without a false merge): {line}")  # noqa: T201
        refused = person["margin_refusals"]
        print(f"true merges there that the margin of {result['margin']} refuses: {refused}")  # noqa: T201
    agrees = "agrees" if chosen == result["constant"] else "DIFFERS: update it and its comment"
    print(f"kg.extract.resolve.FUZZY_THRESHOLD = {result['constant']} ({agrees})")  # noqa: T201
    for group in ("organisation", "place"):
        g = result["groups"][group]
        hardest = g["hardest_negative"]
        where = f"; hardest negative {hardest[1]!r} ~ {hardest[2]} at {hardest[0]:.1f}" if hardest else ""
        line = (
            row_line(next(r for r in g["rows"] if r["threshold"] == g["chosen"])) if g["chosen"] else "none"
        )
        print(f"{group} names (not fuzzy-matched): lowest safe {line}{where}")  # noqa: T201


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gazetteer", type=Path, default=None, help="a gazetteer file (default: the shipped one)"
    )
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON")
    args = parser.parse_args(argv)
    result = measure(load_gazetteer(args.gazetteer))
    if args.json:
        print(json.dumps(result, indent=2))  # noqa: T201
    else:
        _print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
