"""Names that may be spelled several ways: romanisation folding and a guarded fuzzy match.

News romanises the same Cyrillic or Korean name several ways (Zelensky, Zelenskyy, Zelenskiy;
Kim Jong Un, Kim Jong-un). :func:`fold_name` maps the variants a fixed rule set can explain onto
one form; the gazetteer indexes names by it and :mod:`kg.extract.resolve` slugs names outside the
gazetteer from it, so the same person gets the same key in every article without any article
knowing the others. The fold is a pure function of the name: keys stay deterministic.

What the fold cannot explain (a typo, "Volodimir") :class:`NameMatcher` may still match against
known names, with a score that compares the words of two names pairwise, so that one different
word ("Kim Jong Il" against "Kim Jong Un") sinks the score however long the rest is. The
threshold and the ambiguity margin are the caller's (:mod:`kg.extract.resolve` holds the measured ones).

Nothing here knows the gazetteer, classes or spaCy: plain strings in, strings out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz.fuzz import ratio

__all__ = ["MIN_FUZZY_LETTERS", "NameMatcher", "fold_name", "fuzzy_eligible", "name_similarity"]

#: Names with fewer letters than this are never fuzzy-matched: in a short name one letter is a
#: large share of the evidence ("Lee" / "Li", "Kim Il" / "Kim Al").
MIN_FUZZY_LETTERS = 6

#: Latin letters that Unicode does not decompose into a base letter and a mark, so NFKD alone
#: would drop them ("Radosław" must not become "radosaw").
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
)
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u02b9\u2032`\u00b4]")
_NON_WORD = re.compile(r"[\W_]+")
#: Cyrillic -ий / -ій / -ый after a consonant: Zelenskyy, Zelenskiy, Zelenskii, Zelenskyj, Andrij.
_Y_ENDING = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])(?:yy|iy|ii|ij|yj)$")
#: The same ending in Ukraine's official system (Syrskyi, Zaluzhnyi), but not after a vowel
#: and n or after ng, where "yi" is a pinyin syllable of a fused Chinese given name (Xinyi, Zhangyi).
_YI_ENDING = re.compile(r"(?<![aeiou]n)(?<!ng)(?<=[bcdfghjklmnpqrstvwxz])yi$")
#: Cyrillic -ей after a consonant: Sergei, Sergey, Sergej; Andrei, Andrey; Alexei, Alexey.
_EY_ENDING = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])e[ij]$")
#: Word length from which the endings fold: "Yurii" folds, the Chinese syllables "Lei" and "Wei" do not.
_MIN_ENDING_WORD = 5


def fold_name(name: str) -> str:
    """The form in which romanisation variants of a name coincide: lower-case words, one space.

    Rules, each with the variants it joins (all on the name as written, without context):

    1. Diacritics dropped, case folded: "Türkiye" = "Turkiye", "António" = "Antonio".
    2. Apostrophes (a transliterated soft sign or hard sign) dropped: "Ol'ha" = "Olha",
       "Zelens'kyj" = "Zelenskyj".
    3. Hyphens and other punctuation are word breaks: "Kim Jong-un" = "Kim Jong Un" =
       "Kim Jong-Un", "Donald J. Trump" = "Donald J Trump".
    4. In a word of five letters or more, the ending of Cyrillic -ий/-ій/-ый after a consonant
       becomes "y": Zelensky = Zelenskyy = Zelenskiy = Zelenskii = Zelenskyi = Zelenskyj;
       Andrii = Andriy = Andrij; Dmitriy = Dmitry; Zaluzhnyi = Zaluzhny (but not "yi" after a
       vowel and n, or ng: Xinyi, Zhangyi are Chinese); and -ей becomes "ey": Sergei = Sergey =
       Sergej.
       The common English spelling is the target, so the folded form reads as a name.

    Not folded, because English (or Korean, or Chinese) spelling gives the same letters another
    meaning: kh/h ("Khan" and "Han" are different names), initial ye/e ("Yeo" and "Eo" are
    different Korean surnames; "Yemen"), medial oi/oy and ai/ay ("Shoigu"/"Shoygu", but
    "Raymond", "Ukraine"), a single final -i/-y ("Dmitri"/"Dmitry", but "Rossi"/"Rossy",
    "Hiroshi"). Those variants reach an entity through the gazetteer's aliases, or, for known
    people, through :class:`NameMatcher`.
    """
    text = unicodedata.normalize("NFKD", name.casefold().translate(_UNDECOMPOSED))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NON_WORD.sub(" ", _APOSTROPHES.sub("", text))
    return " ".join(_fold_word(word) for word in text.split())


def _fold_word(word: str) -> str:
    if len(word) < _MIN_ENDING_WORD:
        return word
    word = _Y_ENDING.sub("y", word)
    word = _YI_ENDING.sub("y", word)
    return _EY_ENDING.sub("ey", word)


def fuzzy_eligible(name: str) -> bool:
    """Whether a name may take part in a fuzzy match at all.

    It needs two words or more (a lone word is a surname or call sign, which says too little
    across articles: "Budanova" is not "Budanov"), :data:`MIN_FUZZY_LETTERS` letters, and no
    word written in capitals only (an acronym, "NIS", matches as written or not at all).
    """
    words = fold_name(name).split()
    if len(words) < 2 or sum(len(w) for w in words) < MIN_FUZZY_LETTERS:
        return False
    return not any(len(w) > 1 and w.isupper() for w in _NON_WORD.split(name))


def name_similarity(a: str, b: str) -> float:
    """0-100: the lowest rapidfuzz ratio over the words of two folded names paired in order.

    Names with different numbers of words score 0. Taking the weakest word rather than the
    whole string is what keeps relatives and namesakes apart: "Kim Jong Il" shares 9 of 11
    characters with "Kim Jong Un" (whole-string ratio 82) but its last word shares none (0).
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or not words_a:
        return 0.0
    return min(ratio(x, y) for x, y in zip(words_a, words_b, strict=True))


class NameMatcher:
    """Known names indexed for a fuzzy match; each name belongs to a key (an entry id).

    Built once per gazetteer. Ineligible names (see :func:`fuzzy_eligible`) are left out.
    Names are grouped by their number of words and then by their first word, so a query
    compares its first word once with each distinct first word and goes on only where that
    word reaches the cutoff.
    """

    __slots__ = ("_index", "_size")

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        """Index ``(name, key)`` pairs; the order of the pairs never affects a result."""
        pairs = sorted({(fold_name(name), key) for name, key in items if fuzzy_eligible(name)})
        self._size = len(pairs)
        self._index: dict[int, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
        for folded, key in pairs:
            first, *rest = folded.split()
            heads = self._index.setdefault(len(rest) + 1, {})
            heads.setdefault(first, []).append((tuple(rest), key))

    def __len__(self) -> int:
        return self._size

    def scores(self, name: str, *, cutoff: float = 0.0) -> list[tuple[float, str]]:
        """(best score, key) for every key with a name of as many words scoring at least
        ``cutoff`` (and above 0), best first; ties by key, so the order is reproducible."""
        if not fuzzy_eligible(name):
            return []
        words = fold_name(name).split()
        best: dict[str, float] = {}
        seen: dict[tuple[int, str], float] = {}
        for head, rows in self._index.get(len(words), {}).items():
            first = ratio(words[0], head, score_cutoff=cutoff)
            if not first:
                continue
            for rest, key in rows:
                low = first
                for i, word in enumerate(rest, start=1):
                    score = seen.get((i, word))
                    if score is None:
                        score = seen[i, word] = ratio(words[i], word, score_cutoff=cutoff)
                    low = min(low, score)
                    if not low:
                        break
                if low > best.get(key, 0.0):
                    best[key] = low
        return sorted(((s, k) for k, s in best.items()), key=lambda sk: (-sk[0], sk[1]))

    def match(self, name: str, *, threshold: float, margin: float) -> str | None:
        """The key whose names ``name`` most resembles, or None.

        None unless the best key scores at least ``threshold`` and every other key scores
        below the best by more than ``margin``: two near candidates mean the name could be
        either, and a guess would merge two people.
        """
        ranked = self.scores(name, cutoff=max(threshold - margin, 0.0))
        if not ranked or ranked[0][0] < threshold:
            return None
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] <= margin:
            return None
        return ranked[0][1]
