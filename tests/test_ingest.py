"""Ingest: files -> Articles with stable ids, metadata and zones; one-line errors naming the file.

No spaCy here. Zone rules are exercised on the seeds and on synthetic articles worded
differently, so the rules stay about news layout rather than these two texts.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.read import MAX_ARTICLE_BYTES, read_articles
from kg.ingest.textnorm import blank_reference_marks
from kg.ingest.zones import text_blocks, zone_blocks
from kg.model import Article

SEED_000 = "000_495f311b93d16d41.txt"
SEED_002 = "002_5ad8a92b4d98f69b.txt"

#: Plain English prose long enough for the language check (>= 50 words).
PROSE = (
    "Officials in the region said on Monday that the convoy had reached the town after a week "
    "of delays, and that more aid was expected to arrive by the end of the month. They added "
    "that the roads were still damaged and that the army would keep the crossing open for as "
    "long as the ceasefire held."
)


def assert_covers(article: Article) -> None:
    """Zones run from 0 to the end of the text, in order, with no gap, overlap or empty zone."""
    assert article.zones, article.source
    assert article.zones[0].start == 0
    assert article.zones[-1].end == len(article.text)
    for before, after in zip(article.zones, article.zones[1:], strict=False):
        assert before.end == after.start, (before, after)
    assert all(z.end > z.start for z in article.zones)


def read(*inputs: Path, strict: bool = False) -> list[Article]:
    """read_articles as a list, checking zone coverage of every article read."""
    articles = list(read_articles(list(inputs), strict=strict))
    for article in articles:
        assert_covers(article)
    return articles


def zone_texts(article: Article, kind: str) -> list[str]:
    return [article.text[z.start : z.end].strip() for z in article.zones if z.kind == kind]


def kinds(text: str, title: str | None = None) -> list[tuple[str, str]]:
    """(kind, stripped text) of each zone the text rules give ``text``."""
    zones = zone_blocks(text, text_blocks(text), title)
    return [(z.kind, text[z.start : z.end].strip()) for z in zones]


def write(folder: Path, name: str, content: str | bytes, meta: dict[str, object] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if meta is not None:
        (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


# --- the seeds ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Article]:
    return {a.source: a for a in read(seeds_dir)}


def test_ingest_seeds_metadata(seeds: dict[str, Article]) -> None:
    first, second = seeds[SEED_000], seeds[SEED_002]
    assert first.title == "Russians see North Koreans as a ‘burden’ over ignorance of drones: South says"
    assert first.publisher == "American Military News"
    assert first.published == "2024-12-20"
    assert first.url is not None and first.url.startswith("https://americanmilitarynews.com/")
    assert second.publisher == "The Japan News by The Yomiuri Shimbun"
    assert second.published == "2025-02-28"
    assert len(first.id) == 16 and int(first.id, 16) >= 0


def test_ingest_ids_stable_across_reads_files_and_line_endings(seeds_dir: Path, tmp_path: Path) -> None:
    once = {a.source: a.id for a in read(seeds_dir)}
    twice = {a.source: a.id for a in read(seeds_dir)}
    assert once == twice
    raw = (seeds_dir / SEED_002).read_text(encoding="utf-8")
    copy = write(tmp_path, "renamed copy.txt", raw.replace("\n", "\r\n").encode("utf-8"))
    (article,) = read(copy)
    assert article.id == once[SEED_002]
    assert article.source == "renamed copy.txt"
    assert "\r" not in article.text


def test_ingest_seed_000_zones(seeds: dict[str, Article]) -> None:
    article = seeds[SEED_000]
    headline = zone_texts(article, "headline")
    assert headline == [article.title]
    before = article.text[: article.text.index(article.title)]
    assert all(z.kind == "navigation" for z in article.zones if z.end <= len(before))
    assert "Navigation" in zone_texts(article, "navigation")
    (caption,) = zone_texts(article, "caption")
    assert caption.startswith("A screenshot of a video") and caption.endswith("Dec. 16, 2024.")
    assert zone_texts(article, "credit") == ["(8th Separate Special Operations Regiment/Facebook)"]
    assert zone_texts(article, "dateline") == ["December 20, 2024"]
    (boilerplate,) = zone_texts(article, "boilerplate")
    assert boilerplate.startswith("This article was originally published by Radio Free Asia")
    body = zone_texts(article, "body")
    assert body[0].startswith("North Korean soldiers are being “consumed”")
    assert zone_texts(article, "heading") == ["‘Normal cooperation’"]


def test_ingest_seed_002_zones(seeds: dict[str, Article]) -> None:
    article = seeds[SEED_002]
    assert zone_texts(article, "headline") == [article.title]
    (credit,) = zone_texts(article, "credit")
    assert credit.startswith("Iryna Rybakova/Press Service") and credit.endswith("Handout via REUTERS")
    (caption,) = zone_texts(article, "caption")
    assert caption.startswith("Drone view shows destroyed buildings")
    assert zone_texts(article, "dateline") == ["KYIV/SEOUL —"]
    assert zone_texts(article, "body")[0].startswith("A commander with the Ukrainian military")
    assert "Korean War-style fighting" in zone_texts(article, "heading")
    assert "Russia: Almost an alliance" in zone_texts(article, "heading")


# --- zone rules on synthetic text ---------------------------------------------------------------


def test_zones_headline_and_navigation_before_it() -> None:
    text = (
        "Skip to main content\nMenu\nHome\nCeasefire  talks stall in Geneva\n\n"
        "GENEVA (AP) - Negotiators from both sides left the talks on Friday without agreement.\n\n"
        "Follow us on WhatsApp\n\nThe talks are expected to resume next month, mediators said.\n"
    )
    assert kinds(text, "Ceasefire talks stall in Geneva") == [
        ("navigation", "Skip to main content"),
        ("navigation", "Menu"),
        ("navigation", "Home"),
        ("headline", "Ceasefire  talks stall in Geneva"),
        ("dateline", "GENEVA (AP) -"),
        ("body", "Negotiators from both sides left the talks on Friday without agreement."),
        ("navigation", "Follow us on WhatsApp"),
        ("body", "The talks are expected to resume next month, mediators said."),
    ]


def test_zones_without_title_nothing_is_headline() -> None:
    text = "Ceasefire talks stall in Geneva\n\nNegotiators left the talks on Friday.\n"
    assert [k for k, _ in kinds(text)] == ["body", "body"]


@pytest.mark.parametrize(
    "line",
    [
        "Navigation",
        "Skip to content",
        "Share this",
        "Join the conversation on our Discord channel!",
        "Subscribe to The Morning Brief",
        "Sign up for breaking news alerts",
        "Follow us on X",
        "• • •",
        "|",
        "* * *",
    ],
)
def test_zones_navigation_lines_anywhere(line: str) -> None:
    text = f"{PROSE}\n\n{line}\n\n{PROSE}"
    assert kinds(text)[1] == ("navigation", line)


@pytest.mark.parametrize(
    "line",
    [
        "Oksana Petrenko/AFP",
        "Serhii Nuzhnenko/Radio Liberty/Handout via REUTERS",
        "Soldiers of the 47th Brigade via AP",
        "Marcus Yam via Getty Images",
        "Photo: State Emergency Service of Ukraine",
        "Photo by Anna Kowalska",
        "Credit: Ministry of Defence",
        "Image: Handout",
        "© Kyodo",
        "(Photo: Armed Forces General Staff)",
        "File photo",
        "AP Photo/Evgeniy Maloletka",
    ],
)
def test_zones_credit_lines_and_their_captions(line: str) -> None:
    text = f"Mobile air defence units in the Odesa region, on March 2.\n{line}\n\n{PROSE}"
    assert kinds(text) == [
        ("caption", "Mobile air defence units in the Odesa region, on March 2."),
        ("credit", line),
        ("body", PROSE),
    ]


@pytest.mark.parametrize(
    "line",
    ["Ukraine/Russia talks resume", "The army said the town was taken/retaken twice.", "Kyiv, March 3"],
)
def test_zones_not_credits(line: str) -> None:
    assert ("credit", line) not in kinds(f"{PROSE}\n\n{line}\n\n{PROSE}")


@pytest.mark.parametrize("line", ["Following the money", "Shares of the burden", "Join the army, he said."])
def test_zones_not_navigation(line: str) -> None:
    assert kinds(f"{PROSE}\n\n{line}\n\n{PROSE}")[1][0] in ("heading", "body")


def test_zones_trailing_parenthesised_credit_is_split_from_its_caption() -> None:
    text = (
        "Rescuers search the rubble of a school hit overnight in Sumy, Ukraine, on March 5, 2025. "
        "(State Emergency Service/Telegram)\n\n" + PROSE
    )
    assert kinds(text) == [
        (
            "caption",
            "Rescuers search the rubble of a school hit overnight in Sumy, Ukraine, on March 5, 2025.",
        ),
        ("credit", "(State Emergency Service/Telegram)"),
        ("body", PROSE),
    ]


@pytest.mark.parametrize(
    "last",
    [
        "The army said it had repelled the attack, adding it had no losses. (AFP)",
        "Talks are due to resume in Geneva next week, the envoy said. (Reuters)",
        'Both sides accused each other of breaking the truce. "We will respond," a commander said. (AP)',
    ],
)
def test_zones_story_end_sign_off_is_body_and_its_agency_a_credit(last: str) -> None:
    """A wire's "(AFP)" closing the story's last paragraph is a sign-off, not a photo caption."""
    body, sign_off = last.rsplit(" ", 1)
    assert kinds(f"{PROSE}\n\n{last}\n\nReporting by Jane Roe") == [
        ("body", PROSE),
        ("body", body),
        ("credit", sign_off),
        ("boilerplate", "Reporting by Jane Roe"),
    ]


@pytest.mark.parametrize(
    "caption",
    [
        "Smoke rises over the port after an overnight strike, on May 4. (AFP)",
        "Soldiers fire a howitzer near the front line. (Oksana Petrenko/AFP)",
    ],
)
def test_zones_caption_closed_by_a_credit_stays_a_caption_before_the_prose(caption: str) -> None:
    assert kinds(f"{caption}\n\n{PROSE}")[0][0] == "caption"
    assert kinds(f"{PROSE}\n\n{caption}\n\n{PROSE}")[1][0] == "caption"


def test_zones_caption_cues_and_file_prefix() -> None:
    text = (
        "FILE - Tanks move along a road near the border, Jan. 3, 2023.\n\n"
        f"{PROSE}\n\nReuters/Alina Smutko\n"
        "A satellite image shows craters at the air base near Saky.\n\n"
        f"{PROSE}\n\nPhoto: Reuters\n\n{PROSE}"
    )
    assert [k for k, _ in kinds(text)] == [
        "caption",  # FILE - prefix
        "body",
        "credit",
        "caption",  # beside a credit in the body, with an image cue
        "body",
        "credit",
        "body",  # prose beside a credit in the body stays body
    ]


@pytest.mark.parametrize(
    "line",
    [
        "2025-02-28",
        "Feb. 28, 2025",
        "March 3, 2025 10:15 a.m. EST",
        "Updated: Sept. 9, 2024 at 14:05",
        "Friday, 7 March 2025",
        "Published 14:05 GMT, Feb 28, 2025 | Updated Feb 28, 2025",
    ],
)
def test_zones_date_lines(line: str) -> None:
    assert kinds(f"{line}\n\n{PROSE}") == [("dateline", line), ("body", PROSE)]


@pytest.mark.parametrize(
    "line", ["2024-01-01 " * 25 + "x", "December 20, 2024 the army said", "10:30 " * 30 + "x"]
)
def test_zones_not_date_lines_and_no_backtracking_blowup(line: str) -> None:
    assert kinds(f"{PROSE}\n\n{line}")[1][0] != "dateline"


@pytest.mark.parametrize(
    ("prefix", "rest"),
    [
        ("WASHINGTON —", "The Pentagon said on Tuesday it would send more air defence systems."),
        ("KYIV, Ukraine (AP) —", "Russian drones struck the city overnight, the mayor said."),
        ("LONDON (Reuters) -", "Britain announced new sanctions against shipping companies."),
        ("BEIRUT/JERUSALEM –", "Fighting continued along the border for a third day."),
        ("BEIRUT--", "At least 45 people died in clashes near the border, officials said."),
        ("TRIPOLI (Reuters)--", "Militia fighters seized the airport road on Friday."),
        ("KHARTOUM:", "Sudan's army said it had retaken the bridge over the Nile."),
    ],
)
def test_zones_dateline_prefix_of_first_body_paragraph(prefix: str, rest: str) -> None:
    text = f"{prefix} {rest}\n\nA second paragraph follows here.\n\nNEW YORK — not a dateline here."
    assert kinds(text)[:2] == [("dateline", prefix), ("body", rest)]
    assert kinds(text)[-1][0] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "This story first appeared in The Kyiv Independent.",
        "This article is republished from The Conversation under a Creative Commons license.",
        "Copyright 2025 The Associated Press. All rights reserved.",
        "All rights reserved.",
        "Read more: Why the front line barely moved this winter",
        "Related: Drone makers race to adapt",
        "Reporting by Tom Balmforth; Editing by Alex Richardson",
    ],
)
def test_zones_boilerplate(line: str) -> None:
    assert kinds(f"{PROSE}\n\n{line}\n\n{PROSE}")[1] == ("boilerplate", line)


def test_zones_headings_only_between_body_paragraphs() -> None:
    text = f"What comes next\n\n{PROSE}\n\nA fragile truce\n\n{PROSE}\n\nEnds without a stop\n\nLast line"
    assert [k for k, _ in kinds(text)] == ["body", "body", "heading", "body", "heading", "body"]
    assert kinds(f"{PROSE}\n\nThe talks failed.\n\n{PROSE}")[1] == ("body", "The talks failed.")


# --- HTML ---------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Front line shifts near Pokrovsk | Example News</title>
<style>p { color: red }</style><script>var nav = "Subscribe now";</script></head>
<body class="has-nav"><nav><ul><li>World</li><li>Europe</li></ul></nav>
<div class="cookie-banner">We use cookies</div>
<header><h1>Front line shifts near Pokrovsk</h1><p class="byline">By Jane Roe</p></header>
<article><figure><img src="x.jpg" alt="tank"><figcaption>Ukrainian soldiers near Pokrovsk
<span class="photo-credit">Jane Roe/Example</span></figcaption></figure>
<div class="shared-layout"><p>Russian forces pressed  their attack &amp; Ukraine&#8217;s army said it
held the line.<br/>It added that more drones were needed.</p></div>
<h2>Supply lines</h2><p>Trucks reached the front at night, officers said.</p>
<table><tr><td>Tanks</td><td>12</td></tr></table>
<div class="share-tools">Share on Facebook</div><div id="shareButtons"><a>Tweet this</a></div>
<noscript>Enable JavaScript</noscript><template><p>hidden</p></template>
<svg><text>chart label</text></svg></article>
<aside>Most read: other story</aside><footer>Copyright Example News</footer></body></html>"""


def test_html_text_and_structural_zones(tmp_path: Path) -> None:
    (article,) = read(write(tmp_path, "page.html", PAGE))
    assert article.title == "Front line shifts near Pokrovsk | Example News"
    for hidden in ("color: red", "Subscribe now", "Enable JavaScript", "hidden", "chart label"):
        assert hidden not in article.text
    assert (
        "Russian forces pressed their attack & Ukraine’s army said it held the line.\nIt added"
        in article.text
    )
    assert zone_texts(article, "headline") == [
        "Front line shifts near Pokrovsk | Example News",
        "Front line shifts near Pokrovsk",
    ]
    nav = zone_texts(article, "navigation")
    for line in (
        "World",
        "Europe",
        "We use cookies",
        "Share on Facebook",
        "Tweet this",
        "Most read: other story",
    ):
        assert line in nav
    assert zone_texts(article, "caption") == ["Ukrainian soldiers near Pokrovsk"]
    assert zone_texts(article, "credit") == ["By Jane Roe", "Jane Roe/Example"]
    assert zone_texts(article, "heading") == ["Supply lines", "Tanks 12"]
    assert zone_texts(article, "body") == [
        "Russian forces pressed their attack & Ukraine’s army said it held the line.",
        "It added that more drones were needed.",
        "Trucks reached the front at night, officers said.",
    ]
    assert "\nTanks 12\n" in article.text  # table cells on one line, apart


def test_html_meta_title_wins_over_title_element(tmp_path: Path) -> None:
    meta = {"page.html": {"title": "Front line shifts near Pokrovsk"}}
    (article,) = read(write(tmp_path, "page.html", PAGE, meta))
    assert article.title == "Front line shifts near Pokrovsk"
    assert "Example News |" not in article.text and "| Example News" not in article.text
    assert zone_texts(article, "headline") == ["Front line shifts near Pokrovsk"]


def test_html_deeply_nested_does_not_recurse(tmp_path: Path) -> None:
    depth = 5000
    page = "<html><body>" + "<div>" * depth + f"<p>{PROSE}</p>" + "</div>" * depth + "</body></html>"
    unclosed = "<span><b>" * depth + PROSE
    (nested,) = read(write(tmp_path, "nested.html", page))
    (open_tags,) = read(write(tmp_path, "unclosed.htm", unclosed))
    assert nested.text == PROSE == open_tags.text
    assert nested.id == open_tags.id


# --- JSONL --------------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = [
        json.dumps(
            {
                "id": "rec-1",
                "text": PROSE,
                "title": "Aid reaches town",
                "published": "2025-02-28T09:30:00+09:00",
            }
        ),
        "{not json",
        "",
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"html": f"<p>{PROSE.replace('convoy', 'train')}</p>", "publisher": "Example"}),
        json.dumps({"text": PROSE.replace("convoy", "ferry"), "published": "2025-03-01T00:00:00Z"}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    with caplog.at_level(logging.WARNING, logger="kg.ingest.read"):
        articles = read(path)
    assert [a.source for a in articles] == ["rec-1", "batch.jsonl:6", "batch.jsonl:7"]
    assert articles[0].title == "Aid reaches town" and articles[0].published == "2025-02-28"
    assert articles[1].publisher == "Example" and articles[1].text == PROSE.replace("convoy", "train")
    assert articles[2].published == "2025-03-01"
    messages = [r.getMessage() for r in caplog.records]
    assert any("batch.jsonl:2: is not valid JSON" in m for m in messages)
    assert any("batch.jsonl:4: must be a JSON object" in m for m in messages)
    assert any('batch.jsonl:5: needs a "text" or "html"' in m for m in messages)
    assert len(messages) == 3
    with pytest.raises(InputError, match=r"batch\.jsonl:2: is not valid JSON"):
        read(path, strict=True)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": PROSE, "published": "last Tuesday"}, r"bad\.jsonl:1: key 'published' is not a date"),
        ({"text": PROSE, "title": 42}, r"bad\.jsonl:1: key 'title' must be a string"),
        ({"text": PROSE, "id": [1]}, r"bad\.jsonl:1: key 'id' must be a string"),
        ({"text": "   \n "}, r"bad\.jsonl:1: has no text"),
    ],
)
def test_jsonl_bad_record_fields(tmp_path: Path, record: dict[str, object], message: str) -> None:
    path = write(tmp_path, "bad.jsonl", json.dumps(record) + "\n")
    with pytest.raises(InputError, match=message):
        read(path, strict=True)
    with pytest.raises(InputError, match=r"no readable articles in .*bad\.jsonl"):
        read(path)


# --- errors -------------------------------------------------------------------------------------


GERMAN = (
    "Die Regierung hat am Montag neue Maßnahmen angekündigt, um die Versorgung der Bevölkerung "
    "im Osten des Landes zu sichern. Nach Angaben des Ministeriums sollen zusätzliche Konvois mit "
    "Lebensmitteln und Medikamenten in die betroffenen Gebiete geschickt werden. Die Lage bleibt "
    "angespannt, da die Straßen weiterhin beschädigt sind und die Kämpfe in der Nähe der Stadt "
    "andauern. Beobachter rechnen mit weiteren Verzögerungen bei den Lieferungen."
)
UKRAINIAN = " ".join(["Російські війська продовжують наступ на сході країни, повідомили військові."] * 8)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "", r"empty\.txt: has no text"),
        ("blank.txt", " \n\t\n ", r"blank\.txt: has no text"),
        ("markup.html", "<html><script>x()</script></html>", r"markup\.html: has no text"),
        (
            "latin1.txt",
            "Kyiv caf\xe9 hit".encode("latin-1"),
            r"latin1\.txt: is not UTF-8 text \(byte 0xe9 at offset 8\); re-save it as UTF-8",
        ),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            r"image\.txt: looks like a binary file \(NUL byte",
        ),
        ("german.txt", GERMAN, r"german\.txt: does not look like English text"),
        ("ukrainian.txt", UKRAINIAN, r"ukrainian\.txt: does not look like English text"),
    ],
)
def test_ingest_bad_file_errors(tmp_path: Path, name: str, content: str | bytes, message: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(InputError, match=message):
        read(path, strict=True)


def test_ingest_file_over_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", b"war " * (MAX_ARTICLE_BYTES // 4 + 1))
    with pytest.raises(InputError, match=r"huge\.txt: \d+ bytes is larger than the 5242880-byte limit"):
        read(path, strict=True)


def test_ingest_bom_and_utf16_are_decoded(tmp_path: Path) -> None:
    plain = write(tmp_path / "a", "plain.txt", PROSE)
    bom = write(tmp_path / "b", "bom.txt", b"\xef\xbb\xbf" + PROSE.encode("utf-8"))
    utf16 = write(tmp_path / "c", "utf16.txt", PROSE.replace(" ", "\r\n", 3).encode("utf-16"))
    articles = [read(p)[0] for p in (plain, bom, utf16)]
    assert {a.id for a in articles} == {articles[0].id}
    assert articles[1].text == PROSE
    assert not articles[2].text.startswith("\ufeff") and "\r" not in articles[2].text


def test_ingest_missing_path_empty_folder_and_wrong_suffix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file or folder"):
        read(tmp_path / "nowhere.txt")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("not an article", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty: folder has no \.txt, \.html, \.htm or \.jsonl files"):
        read(tmp_path / "empty")
    with pytest.raises(InputError, match=r"notes\.md: not an article file"):
        read(tmp_path / "empty" / "notes.md")


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ('{"a.txt": {"title": "x"},\n  "b.txt" {}}', r"meta\.json: is not valid JSON \(line 2, column 11"),
        ("[1, 2]", r"meta\.json: must be a JSON object"),
        ('{"a.txt": "Title"}', r"meta\.json: entry 'a\.txt' must be an object"),
        ('{"a.txt": {"title": ["x"]}}', r"meta\.json: entry 'a\.txt': key 'title' must be a string"),
        ('{"a.txt": {"url": 7}}', r"meta\.json: entry 'a\.txt': key 'url' must be a string"),
        ('{"a.txt": {"published": "20 Dec"}}', r"meta\.json: entry 'a\.txt': key 'published' is not a date"),
    ],
)
def test_ingest_meta_json_errors_always_raise(tmp_path: Path, meta: str, message: str) -> None:
    write(tmp_path, "a.txt", PROSE)
    (tmp_path / "meta.json").write_text(meta, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read(tmp_path)
    with pytest.raises(InputError, match=message):
        read(tmp_path / "a.txt")


def test_ingest_meta_dates_normalised(tmp_path: Path) -> None:
    meta = {
        "a.txt": {"published": "2025-02-28T23:10:00+09:00", "note": "ignored", "publisher": "Wire"},
        "b.txt": {"published": "2025-03-01"},
    }
    write(tmp_path, "a.txt", PROSE, meta)
    write(tmp_path, "b.txt", PROSE.replace("convoy", "train"))
    first, second = read(tmp_path)
    assert (first.published, first.publisher, second.published) == ("2025-02-28", "Wire", "2025-03-01")


def test_ingest_bad_file_among_good_is_skipped_with_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "a.txt", PROSE)
    write(tmp_path, "b.txt", b"caf\xe9")
    write(tmp_path, "c.html", f"<p>{PROSE.replace('convoy', 'train')}</p>")
    with caplog.at_level(logging.WARNING, logger="kg.ingest.read"):
        articles = read(tmp_path)
    assert [a.source for a in articles] == ["a.txt", "c.html"]
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert "b.txt: is not UTF-8 text (byte 0xe9 at offset 3)" in record.getMessage()
    with pytest.raises(InputError, match=r"b\.txt: is not UTF-8 text"):
        read(tmp_path, strict=True)


def test_ingest_nothing_readable_raises(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.txt", b"\x00\x01")
    with pytest.raises(InputError, match=r"no readable articles in .*a\.txt: has no text"):
        read(tmp_path)


def test_ingest_same_text_twice_is_read_once(tmp_path: Path) -> None:
    write(tmp_path / "one", "a.txt", PROSE)
    write(tmp_path / "two", "copy.txt", PROSE.replace(" ", "\r\n  ", 5).encode("utf-8"))
    jsonl = write(tmp_path, "more.jsonl", json.dumps({"id": "again", "text": PROSE}) + "\n")
    articles = read(tmp_path / "one", tmp_path / "two", jsonl)
    assert [a.source for a in articles] == ["a.txt"]


@pytest.mark.parametrize(
    ("first_line", "kind"),
    [
        ("Coalition Forces Detain Insurgent Leader in Kandahar", "headline"),
        ("Ukrainian Drones Strike Oil Depot Near Bryansk", "headline"),
        ("Coalition forces detained an insurgent leader in Kandahar on Monday.", "body"),
        ("Officials said", "body"),
    ],
)
def test_ingest_untitled_text_takes_a_title_cased_first_line_as_headline(
    tmp_path: Path, first_line: str, kind: str
) -> None:
    body = "Afghan and coalition forces detained two suspects during a security operation, officials said."
    jsonl = tmp_path / "untitled.jsonl"
    jsonl.write_text(json.dumps({"id": "u1", "text": f"{first_line}\n{body}\n"}) + "\n", encoding="utf-8")
    (article,) = read_articles([jsonl])
    first = article.zones[0]
    assert (first.kind, article.text[first.start : first.end].strip()) == (kind, first_line)
    assert article.zones[-1].kind == "body"


def test_ingest_unreadable_file_is_named_and_skipped_among_good_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The OS refusing a read (permissions, I/O error) is one line naming the file.

    Tests run as root here, where file modes do not stop a read, so the refusal is injected
    at the one call that reads bytes.
    """
    good = write(tmp_path, "good.txt", "Ukrainian forces shelled positions near Kursk, officials said.\n")
    locked = write(tmp_path, "locked.txt", "Russian forces advanced near Pokrovsk, officials said.\n")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(InputError, match=r"locked\.txt: cannot be read \(Permission denied\)"):
        list(read_articles([locked]))
    with caplog.at_level(logging.WARNING, logger="kg"):
        articles = list(read_articles([tmp_path]))
    assert [a.source for a in articles] == [good.name]
    assert "locked.txt" in caplog.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("led by Omar Haddad.[4] Haddad left", "led by Omar Haddad.    Haddad left"),
        ("at Tartus University.[1][12] It", "at Tartus University." + " " * 8 + "It"),
        ('the Office of Trade Control.[3]"', 'the Office of Trade Control.   "'),
        ("a list [2] of items", "a list [2] of items"),  # a bracket after a space is the writer's
        ("the figure [citation] stood", "the figure [citation] stood"),
    ],
)
def test_textnorm_footnote_marks_glued_to_a_word_become_spaces(text: str, expected: str) -> None:
    blanked = blank_reference_marks(text)
    assert blanked == expected and len(blanked) == len(text)
