"""Dividing an article's text into zones: headline, navigation, captions, credits, body, ...

Saved news pages carry more than the article: site menus, calls to subscribe, photo credits and
captions, datelines, reprint notices. Only ``body`` text should yield claims, and only it and
captions and credits entities, so every line is given a kind here, by general rules of news
layout (never by one site's wording):

* a block may arrive with a kind already fixed by HTML structure (``<nav>``, ``<figcaption>``;
  see :mod:`kg.ingest.htmltext`);
* otherwise the line's own shape decides (a date alone, a credit, a call to action), then its
  neighbours (a paragraph next to a credit is its caption) and its place (before the headline,
  in the lead before the first body paragraph, between body paragraphs).

The zones cover the text in order without gaps or overlaps: whitespace between two blocks
belongs to the block before it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kg.model import Zone, ZoneKind

__all__ = ["Block", "normalize_line", "text_blocks", "zone_blocks"]

#: Single-line menu entries of news sites (collected from saved pages of Reuters, AP, RFA,
#: Yomiuri, Kyiv Independent and WordPress themes); compared after casefolding.
MENU_WORDS = frozenset(
    {
        "navigation", "menu", "main menu", "open menu", "close menu", "close", "search", "home",
        "skip to content", "skip to main content", "skip to navigation", "toggle navigation",
        "share", "share this", "share this article", "share this story", "share on facebook",
        "share on x", "share on twitter", "tweet", "email", "print", "comments", "log in",
        "login", "sign in", "register", "more", "back to top", "trending", "latest", "top stories",
        "most read", "most popular", "related articles", "related stories", "you may also like",
        "subscribe", "newsletter", "newsletters", "donate", "sections", "copy link",
    }
)  # fmt: skip

#: First words of a call to action; a short line opening with one is navigation when it also
#: names a channel (next constant) or has no sentence-final full stop.
CTA_VERBS = ("join", "subscribe", "sign up", "follow", "download", "share", "like us", "click", "tap")
_CTA_START = re.compile(r"(?:" + "|".join(CTA_VERBS) + r")\b")  # "follow", not "following"

#: Words that make a call to action about the site itself rather than article prose.
CTA_CHANNELS = re.compile(
    r"\b(?:us|our|telegram|channel|newsletters?|whatsapp|facebook|twitter|instagram|youtube|"
    r"app|podcast|updates|alerts|notifications|inbox)\b",
    re.I,
)

#: Photo agencies and platforms that end image credits ("... via REUTERS", "Name/AFP").
AGENCIES = (
    "REUTERS", "Reuters", "AP", "AP Photo", "AFP", "Getty Images", "Getty", "EPA", "EPA-EFE",
    "Yonhap", "KCNA", "TASS", "Sputnik", "Anadolu", "Anadolu Agency", "Ukrinform", "Kyodo",
    "Xinhua", "Shutterstock", "Alamy", "Handout",
)  # fmt: skip

#: Lower-case words allowed inside a name-like credit ("Press Service of the ... via REUTERS").
CREDIT_CONNECTORS = frozenset({"of", "the", "and", "via", "for", "de", "at", "in", "on", "&", "by", "von"})

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
)
_TIME = (
    r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:[a-z]{2,4}\b)?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?))"
)
_DATE_ITEM = (
    r"(?:(?:updated|published|posted|last updated|first published)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:{_TIME}\s*[,|]?\s*)?{_DATE}(?:\s*(?:,|\||at|-|–|—)?\s*{_TIME})?"
)
_DATE_ITEM_RE = re.compile(_DATE_ITEM, re.I)
_DATE_SEPARATOR = re.compile(r"\s*[|,·•.]?\s*")

_BOILERPLATE = re.compile(
    r"^(?:this (?:article|story|report|piece|content) (?:was |is |first )?(?:originally |first )?"
    r"(?:published|republished|reprinted|appeared|produced)|originally published (?:by|in|on|at)|copyright\b|"
    r"(?:read more|related|see also|also read|read also|more on this|recommended)\s*:|advertisement$|"
    r"story continues below|(?:additional )?(?:reporting|writing|editing) by\b)"
    r"|all rights reserved",
    re.I,
)
_CREDIT_PREFIX = re.compile(
    r"^(?:photo(?:graph)?s?\s*(?::|by\b)|credit\s*:|image(?: credit)?\s*:|picture\s*:|©|\(photo|file photo)",
    re.I,
)
_VIA_AGENCY = re.compile(r"\bvia\s+(?:" + "|".join(re.escape(a) for a in AGENCIES) + r")$")
_ENDS_WITH_AGENCY = re.compile(r"(?:^|[\s/,])(?:" + "|".join(re.escape(a) for a in AGENCIES) + r")$")
_TRAILING_PAREN = re.compile(r"\s*\(([^()]{2,200})\)\s*$")
_SEPARATORS = re.compile(r"^[\W_]+$")
_IMAGE_CUE = re.compile(
    r"^(?:in )?(?:an? |this |the )?(?:[\w-]+ ){0,3}"
    r"(?:photo(?:graph)?|picture|image|screen ?shot|screen ?grab|still|view|footage|handout)s?,? "
    r"(?:of|shows?|showing|taken|released|provided|obtained|from)\b",
    re.I,
)
_FILE_CUE = re.compile(r"^FILE(?: PHOTO)?\s*[-–—:]")
_PLACE = r"[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*"
_DATELINE_DASH = r"(?: ?[—–] ?| --? |--|: )"  # "KYIV —", "LONDON (Reuters) -", "BEIRUT--", "GAZA: "
_DATELINE_PREFIX = re.compile(
    rf"^{_PLACE}(?:/{_PLACE})*(?:, [A-Z][\w.]*(?: [\w.]+){{0,3}})?(?: \([^()]{{1,40}}\))?{_DATELINE_DASH}"
)
_FINAL_PUNCT = ".!?…;,:"
_CLOSERS = "\"'”’»)]"

#: Longest line that can be a credit, a call to action or a section heading, in characters.
MAX_CREDIT_CHARS = 300
MAX_NAV_CHARS = 150
MAX_HEADING_CHARS = 80
_MIN_TITLE_WORDS = 3  # long words a line needs before its case says "headline"


@dataclass(frozen=True, slots=True)
class Block:
    """A non-blank line ``[start, end)`` of the text; ``kind`` is set when HTML structure fixed it."""

    start: int
    end: int
    kind: ZoneKind | None = None


def normalize_line(line: str) -> str:
    """Compare lines (and titles) whatever their Unicode form, spacing or case."""
    return " ".join(unicodedata.normalize("NFC", line).split()).casefold()


def text_blocks(text: str) -> list[Block]:
    """Every non-blank line, stripped; plain text has no structure beyond its line breaks."""
    blocks = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            blocks.append(Block(start, match.start() + len(line.rstrip()), None))
    return blocks


def zone_blocks(text: str, blocks: Sequence[Block], title: str | None) -> tuple[Zone, ...]:
    """Give every block a kind and turn them into zones that cover ``text`` exactly.

    Args:
        text: the article text the blocks point into.
        blocks: non-blank lines in order, some with a kind fixed by markup.
        title: the article's title from metadata; the line equal to it is the headline.
    """
    lines = [text[b.start : b.end] for b in blocks]
    kinds: list[ZoneKind | None] = [b.kind for b in blocks]
    _mark_headline(lines, kinds, title)
    kinds = [kind or _shape_kind(line) for line, kind in zip(lines, kinds, strict=True)]
    partners = _credit_partners(text, blocks, kinds)
    credited = [
        k == "credit" or (k == "caption" and _trailing_credit(s) is not None)
        for s, k in zip(lines, kinds, strict=True)
    ]
    pieces: list[tuple[int, ZoneKind]] = []  # (start offset, kind), in order
    lead, previous = True, None  # previous: kind of the last line that is not site furniture
    for i, (block, line) in enumerate(zip(blocks, lines, strict=True)):
        beside_credit = any(credited[j] for j in (i - 1, i + 1) if 0 <= j < len(kinds))
        kind = kinds[i] or _place_kind(line, i, kinds, previous, lead and i in partners, beside_credit)
        paren = _trailing_credit(line) if kind == "caption" else None
        if paren is not None and previous == "body" and _is_sign_off(line, paren) and _last_prose(kinds, i):
            kind = "body"  # "... it had no losses. (AFP)": the story's end, not a caption
        kinds[i] = kind
        previous = previous if kind in ("navigation", "boilerplate") else kind
        if paren is not None:
            pieces += [(block.start, kind), (block.start + paren, "credit")]
        elif kind == "body" and lead and (prefix := _DATELINE_PREFIX.match(line)):
            pieces += [(block.start, "dateline"), (block.start + prefix.end(), "body")]
        else:
            pieces.append((block.start, kind))
        lead = lead and kind != "body"
    return _cover(len(text), pieces)


def _mark_headline(lines: list[str], kinds: list[ZoneKind | None], title: str | None) -> None:
    """Mark lines equal to the title as headline and the unmarked lines above it as navigation.

    Without a title (JSONL, bare text), the first title-cased line before any prose is taken as
    the headline: headline case fools the model into tagging verbs and nouns as names.
    """
    wanted = normalize_line(title) if title else None
    for i, line in enumerate(lines):
        if kinds[i] is None and wanted and normalize_line(line) == wanted:
            kinds[i] = "headline"
    if wanted is None:
        for i, line in enumerate(lines):
            if kinds[i] is None and _is_title_cased(line):
                kinds[i] = "headline"
                break
            if kinds[i] is None and _shape_kind(line) is None and len(line.split()) > _MIN_TITLE_WORDS * 2:
                break  # prose has started: no headline here
        return
    first = next((i for i, k in enumerate(kinds) if k == "headline"), None)
    for i in range(first or 0):
        if kinds[i] is None:
            kinds[i] = "navigation"


def _shape_kind(line: str) -> ZoneKind | None:
    """The kind a line has by its own shape alone, whatever surrounds it; None for prose."""
    if _BOILERPLATE.search(line) and len(line) <= MAX_CREDIT_CHARS:
        return "boilerplate"
    if _is_navigation(line):
        return "navigation"
    if _is_date_line(line):
        return "dateline"
    if _is_credit(line):
        return "credit"
    if _FILE_CUE.match(line) or _trailing_credit(line) is not None:
        return "caption"  # an AP-style "FILE -" caption, or one closed by its own "(credit)"
    return None


def _credit_partners(text: str, blocks: Sequence[Block], kinds: list[ZoneKind | None]) -> set[int]:
    """For each credit line, the neighbouring paragraph that is its caption.

    A credit has one caption: none more when a neighbour already is one; else the neighbour it
    shares a paragraph with (one line break between them), else the one before it.
    """
    partners = set()
    for c, kind in enumerate(kinds):
        beside = [j for j in (c - 1, c + 1) if 0 <= j < len(kinds)]
        if kind != "credit" or any(kinds[j] == "caption" for j in beside):
            continue
        free = [j for j in beside if kinds[j] is None]
        tight = [j for j in free if text.count("\n", blocks[min(j, c)].end, blocks[max(j, c)].start) <= 1]
        if chosen := (tight if len(tight) == 1 else free)[:1]:
            partners.add(chosen[0])
    return partners


def _place_kind(
    line: str,
    i: int,
    kinds: list[ZoneKind | None],
    previous: ZoneKind | None,
    lead_caption: bool,
    beside_credit: bool,
) -> ZoneKind:
    """Kind of a prose-shaped line from its neighbours and its place in the article.

    ``lead_caption`` says the line is, in the lead, the paragraph a credit line belongs to: a
    caption even without words about a picture. Elsewhere a paragraph beside a credit (a line,
    or a caption's closing "(credit)") must also read like a caption, so a credit between two
    paragraphs of prose does not swallow them.
    """
    if lead_caption or (beside_credit and _IMAGE_CUE.match(line)):
        return "caption"
    if previous in ("body", "heading") and i + 1 < len(kinds) and _is_heading(line):
        return "heading"
    return "body"


def _is_navigation(line: str) -> bool:
    """Menu words, calls to action and lines of bullets are the site talking, not the article."""
    stripped = line.strip()
    if _SEPARATORS.match(stripped):
        return True
    if len(stripped) > MAX_NAV_CHARS:
        return False
    folded = normalize_line(stripped).rstrip(":")
    if folded in MENU_WORDS:
        return True
    if _CTA_START.match(folded):
        return bool(CTA_CHANNELS.search(stripped)) or not stripped.endswith(".")
    return False


def _is_date_line(line: str) -> bool:
    """Only dates and times ("Published 14:05 GMT, Feb 28, 2025 | Updated Feb 28, 2025").

    Matched one date at a time, not with one repeated pattern, whose backtracking would be
    exponential on a long line of numbers.
    """
    line, pos = line.strip(), 0
    if len(line) > MAX_HEADING_CHARS * 2:
        return False
    while pos < len(line):
        item = _DATE_ITEM_RE.match(line, pos)
        if item is None or item.end() == pos:
            return False
        separator = _DATE_SEPARATOR.match(line, item.end())
        pos = separator.end() if separator else item.end()
    return pos > 0


def _is_credit(line: str) -> bool:
    """An image credit: short, no sentence, and shaped like "Name/Agency" or "... via AGENCY"."""
    line = line.strip()
    if len(line) > MAX_CREDIT_CHARS or line.endswith(".") or _DATELINE_PREFIX.match(line):
        return False
    if _CREDIT_PREFIX.match(line) or _VIA_AGENCY.search(line):
        return True
    segments = line.split("/")
    if len(segments) >= 2 and all(_name_like(s) for s in segments):
        return True
    return bool(_ENDS_WITH_AGENCY.search(line)) and _name_like(line) and len(line.split()) <= 12


def _name_like(segment: str) -> bool:
    """Every word capitalised, a number, or a connector: how names of people and agencies look."""
    words = segment.replace(",", " ").split()
    if not words:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in CREDIT_CONNECTORS for w in words)


def _trailing_credit(line: str) -> int | None:
    """Offset of a "(Name/Agency)" credit closing a caption paragraph, if there is one."""
    match = _TRAILING_PAREN.search(line)
    if match is None or match.start() == 0 or not _is_credit(match.group(1)):
        return None
    return match.start() + len(match.group()) - len(match.group().lstrip())


def _is_sign_off(line: str, paren: int) -> bool:
    """Whether the "(credit)" closing ``line`` at ``paren`` is a wire's bare sign-off ("(AFP)")
    after a full sentence: wires end their stories so, where a caption's credit names a
    photographer or a source ("(Name/Agency)", "(State Emergency Service)")."""
    inner = line[paren:].strip()[1:-1].strip()
    return inner in AGENCIES and line[:paren].rstrip().rstrip(_CLOSERS)[-1:] in ".!?"


def _last_prose(kinds: Sequence[ZoneKind | None], i: int) -> bool:
    """Whether no line after ``i`` is prose (still unkinded) or a caption: the story ends at ``i``."""
    return all(k not in (None, "body", "caption", "heading") for k in kinds[i + 1 :])


def _is_title_cased(line: str) -> bool:
    """ "Coalition Forces Detain Insurgent Leader": most long words capitalised, no final stop."""
    stripped = line.strip()
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", stripped) if len(w) > 3]
    if len(words) < _MIN_TITLE_WORDS or stripped.rstrip(_CLOSERS)[-1:] in _FINAL_PUNCT:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.8 * len(words)


def _is_heading(line: str) -> bool:
    """A section title: short, capitalised, and not ending like a sentence."""
    stripped = line.strip()
    last = stripped.rstrip(_CLOSERS)[-1:] or "."
    first = stripped.lstrip("\"'“‘«(")[:1]
    return (
        len(stripped) <= MAX_HEADING_CHARS
        and last not in _FINAL_PUNCT
        and (first.isupper() or first.isdigit())
    )


def _cover(length: int, pieces: list[tuple[int, ZoneKind]]) -> tuple[Zone, ...]:
    """Zones from start offsets: each runs to the next one, the first from 0, the last to the end."""
    if not pieces:
        return (Zone(0, length, "body"),) if length else ()
    starts = [0] + [start for start, _ in pieces[1:]]
    ends = starts[1:] + [length]
    return tuple(Zone(s, e, kind) for s, e, (_, kind) in zip(starts, ends, pieces, strict=True) if e > s)
