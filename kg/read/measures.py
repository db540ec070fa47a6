"""The one reading of a measure name a user types, for every command that takes one.

``kg claims --measure deaths`` printed an empty table; ``kg figures --measure casualties`` an
error. One function now answers for both, and for ``kg query --param measure=...``: the exact
name whatever its case, or an error with the closest names. The list is six words long, so the
standard library's ``difflib`` suggests as well as a fuzzy-matching package would.
"""

from __future__ import annotations

import difflib
from typing import get_args

from kg.errors import QueryError
from kg.extract.claimwords import CASUALTY_NOUNS
from kg.model import Measure

__all__ = ["MEASURES", "measure_name"]

MEASURES: tuple[str, ...] = get_args(Measure)


def measure_name(given: str, *, option: str = "--measure") -> str:
    """The measure ``given`` names ("" for none), its case aside.

    Raises:
        QueryError: it names no measure; the message offers up to three close ones, then all.
    """
    if not given:
        return ""
    for name in MEASURES:
        if name.casefold() == given.casefold():
            return name
    folded = {name.casefold(): name for name in MEASURES}
    meant = CASUALTY_NOUNS.get(_singular(given.casefold()))  # "deaths", "casualties", "prisoners"
    close: list[str] = [meant] if meant else []
    close += [folded[m] for m in difflib.get_close_matches(given.casefold(), folded, n=3, cutoff=0.5)]
    close = list(dict.fromkeys(close))[:3]
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise QueryError(f"{option} {given!r} is not a measure; {hint}choose one of: {', '.join(MEASURES)}")


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word
