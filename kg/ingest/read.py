"""Files -> :class:`~kg.model.Article` records: the first stage of the pipeline.

Inputs are folders of ``.txt``/``.html`` articles with an optional ``meta.json`` sidecar, single
files, or JSONL files with one article per line. Each article gets a stable id (a hash of its
normalised text), its metadata, its text with line endings unified, and zones that tell later
stages which lines are article prose (see :mod:`kg.ingest.zones`).

A bad file among good ones is logged and skipped (``strict=True`` raises instead); a path that
does not exist, a folder without articles and a broken ``meta.json`` always raise, because they
put the whole input in doubt. Metadata values are checked as they are read: strings, an ISO date,
and a ``url`` that is an http(s) address (anything else, ``javascript:`` included, is refused).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.ingest.htmltext import html_blocks
from kg.ingest.zones import text_blocks, zone_blocks
from kg.model import Article

__all__ = [
    "JSONL_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "MAX_ARTICLE_CHARS",
    "article_files",
    "article_id",
    "read_articles",
]

log = logging.getLogger(__name__)

#: Largest article file (or JSONL line) read; news articles are a few tens of kilobytes, so a
#: bigger file is almost surely a dump or a mistake and would stall the NLP stage.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
#: Longest article text (characters, after HTML is reduced) passed on: the spaCy model's own
#: limit (``Language.max_length``), which refuses longer texts because the parser's memory grows
#: with them. A page of HTML may be larger than this and still fit.
MAX_ARTICLE_CHARS = 1_000_000
#: Halves of UTF-16 surrogate pairs: a JSON "\ud800" escape decodes to one alone, which no
#: UTF-8 output (the article hash, the store, an export) can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
META_FILE = "meta.json"

#: Frequent English function words (from the top of the Oxford English Corpus frequency list),
#: minus words that are as common in other European languages ("a", "in", "no", "so", "die").
ENGLISH_FUNCTION_WORDS = frozenset(
    {
        "the", "of", "and", "to", "is", "that", "for", "it", "was", "with", "be", "by", "on",
        "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an",
        "had", "they", "you", "were", "their", "been", "has", "there", "would", "will", "who",
        "she", "her", "its", "we", "our", "said", "after", "about", "than", "them", "these",
        "those", "into", "also", "more",
    }
)  # fmt: skip
#: The language check runs only on texts at least this long, and wants at least this share.
MIN_WORDS_FOR_LANGUAGE = 50
MIN_ENGLISH_SHARE = 0.03

#: Metadata keys read from meta.json entries and JSONL records; other keys are ignored.
_STRING_KEYS = ("title", "publisher", "url")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True, slots=True)
class _Meta:
    """Metadata of one article, already checked and normalised."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


def read_articles(inputs: Sequence[Path], *, strict: bool = False) -> Iterator[Article]:
    """Read every article of ``inputs``, in order, each text once.

    Args:
        inputs: folders (their .txt/.html/.htm/.jsonl files, sorted, not recursive), single
            .txt/.html files (their folder's meta.json applies) or .jsonl files.
        strict: raise on the first unreadable file or JSONL line instead of skipping it.

    Raises:
        InputError: a path is missing, a folder has no articles, a meta.json is broken, nothing
            readable remains, or (strict) any file or line is unusable.
    """
    if isinstance(inputs, str | Path):  # one path given bare: read it, not its characters
        inputs = [Path(inputs)]
    files = article_files(inputs)
    seen: dict[str, str] = {}
    problems: list[str] = []
    metas: dict[Path, dict[str, _Meta]] = {}
    for file in files:
        if file.parent not in metas and file.suffix.lower() not in JSONL_SUFFIXES:
            metas[file.parent] = _load_meta(file.parent / META_FILE)
        try:
            articles = (
                _read_jsonl(file, strict, problems)
                if file.suffix.lower() in JSONL_SUFFIXES
                else iter([_read_file(file, metas[file.parent].get(file.name, _Meta()))])
            )
            for article in articles:
                if article.id in seen:
                    log.info("skipped %s: same text as %s", article.source, seen[article.id])
                    continue
                seen[article.id] = article.source
                yield article
        except InputError as exc:
            _skip_or_raise(exc, strict, problems)
    if not seen:
        names = ", ".join(str(p) for p in inputs)
        first = f" (first problem: {problems[0]})" if problems else ""
        raise InputError(f"no readable articles in {names}{first}; fix or remove the files named above")


def article_files(inputs: Sequence[Path]) -> list[Path]:
    """The files :func:`read_articles` reads, in order: a cheap count of the work ahead.

    Raises:
        InputError: a path is missing, or a folder has no articles.
    """
    return [f for path in inputs for f in _input_files(Path(path))]


def article_id(text: str) -> str:
    """First 16 hex digits of the SHA-256 of the text with Unicode form and whitespace unified.

    The same article saved twice (other file name, CRLF line endings, reflowed) gets one id,
    and so one named graph.
    """
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def _skip_or_raise(exc: InputError, strict: bool, problems: list[str]) -> None:
    """A bad file among good ones is worth a warning, not the whole batch; unless strict."""
    if strict:
        raise exc
    log.warning("%s", exc)
    problems.append(str(exc))


def _input_files(path: Path) -> list[Path]:
    """The article files an input names; a missing path or an empty folder is a usage error."""
    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
    if not path.exists():
        raise InputError(f"{path}: no such file or folder; check the path")
    if path.is_dir():
        files = sorted(
            (f for f in path.iterdir() if f.is_file() and f.suffix.lower() in suffixes), key=lambda f: f.name
        )
        if not files:
            raise InputError(f"{path}: folder has no .txt, .html, .htm or .jsonl files; add articles to it")
        return files
    if path.suffix.lower() not in suffixes:
        raise InputError(f"{path}: not an article file; give a .txt, .html, .htm or .jsonl file or a folder")
    return [path]


def _load_meta(path: Path) -> dict[str, _Meta]:
    """The folder's meta.json: file name -> metadata; every entry is checked up front."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: is not UTF-8 text (byte at offset {exc.start}); re-save it as UTF-8"
        ) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); fix the syntax"
        ) from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: must be a JSON object mapping file names to metadata objects")
    return {name: _meta_record(entry, f"{path}: entry {name!r}") for name, entry in data.items()}


def _meta_record(entry: Any, where: str) -> _Meta:
    """Check one metadata object; ``where`` names the meta.json entry or JSONL line in errors."""
    if not isinstance(entry, dict):
        raise InputError(f"{where} must be an object with title, publisher, published and url")
    values: dict[str, str | None] = {}
    for key in _STRING_KEYS:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: key {key!r} must be a string, not {type(value).__name__}")
        values[key] = (value.strip() or None) if isinstance(value, str) else None
    if values["url"] is not None:
        _check_url(values["url"], where)
    return _Meta(published=_iso_date(entry.get("published"), where), **values)


def _check_url(url: str, where: str) -> None:
    """An article's address must be an http(s) URL: every page that shows it makes it a link, and
    a ``javascript:`` or ``file:`` address there would run or open something on a click. Refused
    rather than kept as text, so a typo is caught at build time and not found in a page later."""
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or any(ch <= " " or ch == "\x7f" for ch in url)
    ):
        raise InputError(
            f"{where}: key 'url' must be an http:// or https:// address with no spaces, not {url!r}; "
            "correct it or leave the key out"
        )


def _iso_date(value: Any, where: str) -> str | None:
    """YYYY-MM-DD from an ISO date or datetime; the date is kept as written, not moved to UTC."""
    if value is None or value == "":
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        raise InputError(
            f"{where}: key 'published' is not a date ({value!r}); write it as YYYY-MM-DD"
        ) from None


def _read_file(path: Path, meta: _Meta) -> Article:
    """One .txt or .html file -> Article; raises InputError naming the file."""
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{path}: {size} bytes is larger than the {MAX_ARTICLE_BYTES}-byte limit for one article; "
            "split it or give it as JSONL"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{path}: cannot be read ({exc.strerror}); check that it is a readable file"
        ) from exc
    text = _decode(data, str(path))
    is_html = path.suffix.lower() in HTML_SUFFIXES
    # A name with bytes that are not UTF-8 keeps them as surrogates; the graph gets U+FFFD.
    source = path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _make_article(text, is_html, meta, source, str(path))


def _decode(data: bytes, where: str) -> str:
    """Bytes -> text: UTF-8 (BOM or not) or UTF-16/32 with a BOM; newlines unified, BOM dropped."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: is not valid {codec.upper()} text; re-save it as UTF-8") from exc
            break
    else:
        if (nul := data.find(b"\x00")) >= 0:
            raise InputError(
                f"{where}: looks like a binary file (NUL byte at offset {nul}); "
                "give a text, HTML or JSONL article"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{where}: is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "re-save it as UTF-8"
            ) from exc
    return _unify_newlines(text)


def _unify_newlines(text: str) -> str:
    """Drop a leading BOM and turn CRLF/CR into LF: nothing else, so offsets stay true."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _make_article(text: str, is_html: bool, meta: _Meta, source: str, where: str) -> Article:
    """Reduce HTML, check the text is a usable English article, and divide it into zones."""
    if (surrogate := _SURROGATE.search(text)) is not None:
        raise InputError(
            f"{where}: has half a UTF-16 surrogate pair (U+{ord(surrogate.group()):04X}) at character "
            f"{surrogate.start()}; fix the \\u escape that wrote it"
        )
    title = meta.title
    if is_html:
        text, blocks, page_title = html_blocks(text, keep_title=title is None)
        title = title or page_title
    else:
        blocks = text_blocks(text)
    if not text.strip():
        raise InputError(
            f"{where}: has no text (empty or only whitespace/markup); remove it or add the article"
        )
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"{where}: {len(text)} characters of text is more than the {MAX_ARTICLE_CHARS}-character "
            "limit for one article; split it"
        )
    _check_english(text, where)
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        zones=zone_blocks(text, blocks, meta.title),
        title=title,
        publisher=meta.publisher,
        published=meta.published,
        url=meta.url,
    )


def _check_english(text: str, where: str) -> None:
    """Reject text in another language: the model and word lists are English only."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return
    share = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if share < MIN_ENGLISH_SHARE:
        raise InputError(
            f"{where}: does not look like English text ({share:.0%} common English words); "
            "ConflictKG reads English news only, so translate it or leave it out"
        )


def _read_jsonl(path: Path, strict: bool, problems: list[str]) -> Iterator[Article]:
    """Articles of a JSONL file, one per line; a bad line is skipped (or raised when strict)."""
    if path.stat().st_size == 0:
        raise InputError(f"{path}: is empty; put one JSON object per line")
    with path.open("rb") as handle:
        for number, raw in enumerate(_bounded_lines(handle), start=1):
            where = f"{path}:{number}"
            try:
                article = _jsonl_article(raw, path.name, number, where)
            except InputError as exc:
                _skip_or_raise(exc, strict, problems)
                continue
            if article is not None:
                yield article


def _bounded_lines(handle: BinaryIO) -> Iterator[bytes]:
    """The lines of a file, each cut after ``MAX_ARTICLE_BYTES + 1`` bytes (so still too long):
    a line that never ends is read past, never held whole."""
    while line := handle.readline(MAX_ARTICLE_BYTES + 1):
        yield line
        while not line.endswith(b"\n") and (line := handle.readline(MAX_ARTICLE_BYTES + 1)):
            pass


def _jsonl_article(raw: bytes, name: str, number: int, where: str) -> Article | None:
    """One JSONL line -> Article, or None for a blank line."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(f"{where}: line is larger than the {MAX_ARTICLE_BYTES}-byte limit for one article")
    line = _decode(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw, where)
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{where}: is not valid JSON (column {exc.colno}: {exc.msg}); fix or remove the line"
        ) from exc
    if not isinstance(record, dict):
        raise InputError(f'{where}: must be a JSON object with a "text" or "html" field')
    key = "text" if "text" in record else "html" if "html" in record else None
    if key is None or not isinstance(record[key], str):
        raise InputError(f'{where}: needs a "text" or "html" string field with the article')
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
        raise InputError(f"{where}: key 'id' must be a string or an integer")
    if isinstance(ident, str) and _SURROGATE.search(ident):
        raise InputError(f"{where}: key 'id' has half a UTF-16 surrogate pair; fix the \\u escape")
    source = str(ident) if ident not in (None, "") else f"{name}:{number}"
    return _make_article(
        _unify_newlines(record[key]), key == "html", _meta_record(record, where), source, where
    )
