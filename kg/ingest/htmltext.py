"""HTML pages -> text with one line per block, some lines with a zone kind fixed by markup.

Saved HTML carries structure that plain text has lost: ``<nav>`` and ``<aside>`` are site
furniture, ``<figcaption>`` is a caption, a ``credit`` class is a photo credit. This module keeps
that knowledge as :class:`~kg.ingest.zones.Block` kinds; :mod:`kg.ingest.read` then passes the blocks to
:func:`kg.ingest.zones.zone_blocks`, whose rules decide the lines markup left open. It is separate from
:mod:`kg.ingest.zones` because parsing markup and judging news layout change for different reasons;
it depends on :mod:`kg.ingest.zones` for ``Block``, never the other way round.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

from kg.ingest.zones import Block
from kg.model import ZoneKind

__all__ = ["html_blocks"]


#: Elements that end a line of text (HTML's block-level elements that carry prose).
BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol br tr table figure figcaption header footer nav aside "
    "blockquote section article main title dl dt dd pre hr form".split()
)
#: Elements whose content is never article text.
SKIP_TAGS = frozenset("script style noscript template svg iframe".split())
#: Elements with no end tag (from the HTML standard), never pushed on the open-element stack.
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Words of a class or id ("site-nav", "shareButtons") marking site furniture, captions and
#: credits: the names WordPress, Arc and Drupal themes use. Whole words, so "shared" is not "share".
CLASS_WORD_KINDS: dict[str, ZoneKind] = {
    **dict.fromkeys(
        "menu menus nav navs navbar navigation share shares sharing sharebar".split(), "navigation"
    ),
    **dict.fromkeys("subscribe subscription newsletter newsletters cookie cookies".split(), "navigation"),
    **dict.fromkeys("caption captions".split(), "caption"),
    **dict.fromkeys("credit credits byline bylines copyright".split(), "credit"),
}
#: Wrappers whose class says nothing about their content ("<body class='has-nav'>").
_UNMARKED_WRAPPERS = frozenset({"html", "body", "main", "article"})
#: What ends a comment for Python 3.11's parser; a comment opened after the last one never closes.
_COMMENT_CLOSE = re.compile(r"--\s*>")


class _Open(NamedTuple):
    """An open element and what its content inherits from it."""

    tag: str
    kind: ZoneKind | None
    strong: bool  # inside nav/aside/menu: nothing deeper overrides "navigation"
    skip: bool  # inside script/style/...: no text at all
    titled: str | None  # inside <title> or <h1>: the text may be the page title


_ROOT = _Open("", None, False, False, None)


class _PageText(HTMLParser):
    """Event-based HTML -> text with one line per block and a zone kind per line.

    An explicit stack of open elements (no recursion) keeps each element's inherited kind, so
    deeply nested pages cost nothing extra; a count of the open elements by tag lets an end tag
    that closes nothing return at once instead of searching a deep stack. Inside
    ``nav``/``aside`` and menu-classed elements everything is navigation; ``header``/``footer``
    are navigation unless a headline, caption or credit inside says otherwise.
    """

    def __init__(self, keep_title: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_title = keep_title
        self.stack: list[_Open] = []
        self.open_tags: Counter[str] = Counter()
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.length = 0
        self.line: list[str] = []
        self.line_kind: ZoneKind | None = None
        self.pending_break = ""
        self.titles: dict[str, list[str]] = {}  # text pieces of the first <title> and the first <h1>
        self.titles_done: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._flush("\n" if tag == "br" else "\n\n")
        if tag in ("td", "th") and self.line:
            self.line.append(" ")
        if tag in VOID_TAGS:
            return
        parent = self.stack[-1] if self.stack else _ROOT
        own = _tag_kind(tag, attrs, self.keep_title)
        strong = parent.strong or (own == "navigation" and tag not in ("header", "footer"))
        skip = parent.skip or tag in SKIP_TAGS or (tag == "title" and not self.keep_title)
        titled = tag if tag in ("title", "h1") else parent.titled
        self.stack.append(_Open(tag, "navigation" if strong else own or parent.kind, strong, skip, titled))
        self.open_tags[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:  # "<br/>" calls this too: its start tag already did the work
            return
        if tag in self.titles:
            self.titles_done.add(tag)
        if self.open_tags[tag]:
            depth = len(self.stack) - 1
            while self.stack[depth].tag != tag:
                depth -= 1
            self.open_tags.subtract(element.tag for element in self.stack[depth:])
            del self.stack[depth:]
        if tag in BLOCK_TAGS:
            self._flush("\n\n")

    def handle_data(self, data: str) -> None:
        top = self.stack[-1] if self.stack else _ROOT
        if top.skip or not (self.line or data.strip()):
            return
        if top.titled and top.titled not in self.titles_done:
            self.titles.setdefault(top.titled, []).append(data)
        if self.line and top.kind != self.line_kind and data.strip():
            self._flush("\n")
        if not self.line:
            self.line_kind = top.kind
        self.line.append(data)

    def _flush(self, brk: str) -> None:
        """End the current line; the break before the next one is the strongest seen since."""
        line = " ".join("".join(self.line).split())
        self.line = []
        if line:
            if self.parts:
                self._emit(self.pending_break or "\n")
            self.blocks.append(Block(self.length, self.length + len(line), self.line_kind))
            self._emit(line)
            self.pending_break = ""
        if len(brk) > len(self.pending_break):
            self.pending_break = brk

    def _emit(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def parse_html_declaration(self, i: int) -> int:
        """``<![...`` is a bogus comment up to the next ">", as HTML5 reads it outside SVG and
        MathML; Python 3.11's parser raises AssertionError on many ("<![", "<![x[")."""
        if self.rawdata.startswith("<![", i):
            return self.parse_bogus_comment(i)
        return super().parse_html_declaration(i)

    def title(self) -> str | None:
        """The first <title>'s text, else the first <h1>'s; None when neither has any."""
        texts = (" ".join(" ".join(self.titles.get(tag, ())).split()) for tag in ("title", "h1"))
        return next((text for text in texts if text), None)


def _tag_kind(tag: str, attrs: list[tuple[str, str | None]], keep_title: bool) -> ZoneKind | None:
    """The zone an element's own tag, class or id marks, if any."""
    if tag in ("nav", "aside", "header", "footer"):
        return "navigation"
    if tag == "h1" or (tag == "title" and keep_title):
        return "headline"
    if tag in ("h2", "h3", "h4", "h5", "h6"):
        return "heading"
    if tag == "figcaption":
        return "caption"
    if tag in _UNMARKED_WRAPPERS:
        return None
    words = [
        word.lower()
        for name, value in attrs
        if name in ("class", "id") and value
        for word in re.split(r"[\W_]+|(?<=[a-z])(?=[A-Z])", value)
    ]
    return next((CLASS_WORD_KINDS[w] for w in words if w in CLASS_WORD_KINDS), None)


def html_blocks(html: str, *, keep_title: bool) -> tuple[str, list[Block], str | None]:
    """Visible text of a page, its lines with structural kinds, and its <title> (or first <h1>)."""
    parser = _PageText(keep_title)
    parser.feed(_unclosable_as_text(html))
    parser.close()
    parser._flush("")
    return "".join(parser.parts), parser.blocks, parser.title()


def _unclosable_as_text(html: str) -> str:
    """Write as "&lt;" the "<" of markup that can never be closed, which the parser reads as text.

    At the end of the input Python 3.11's parser retries every unclosed construct against the
    whole rest of the page, so a page of unclosed "<a " or "<!--" took minutes. Every construct
    ends with ">", a comment with "--" and ">": after the last of those nothing opened closes.
    """
    tail = html.rfind(">") + 1
    closes = [m.end() for m in _COMMENT_CLOSE.finditer(html, 0, tail)]
    comments = closes[-1] if closes else 0
    return html[:comments] + html[comments:tail].replace("<!--", "&lt;!--") + html[tail:].replace("<", "&lt;")
