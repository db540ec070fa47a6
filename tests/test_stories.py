"""Stories and assertions across articles: copies of one text share a story, one claimant's
figure is one assertion, and both stay right through incremental builds and removals.

Texts are invented; extraction is a small stand-in that needs no model (it reads "N people were
killed, the ministry said" by pattern), so these tests exercise the real builder, real stores
(memory and an Oxigraph folder) and the real near-duplicate index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.builder.build import build
from kg.builder.remove import remove_articles
from kg.builder.shingles import Fingerprint, text_fingerprint
from kg.builder.stories import CONTAINMENT, StoredArticle, copy_groups, story_groups
from kg.extract.nlp import shared_gazetteer
from kg.model import Article, Claim, ExtractedArticle, Figure, Quantity, Span
from kg.rdf.ontology import CKG, ID, RDF
from kg.store import open_store

ORIGINAL = (
    "KHARTOUM, Sudan (AP) — Fighters stormed the village of Umm Dabakir on Tuesday after a week of "
    "shelling, residents said. The ministry said 57 people were killed in the attack. Witnesses "
    "described gunmen going from house to house, looting shops and setting fire to the market while "
    "families fled toward the river crossing. Aid groups warned that the clinic had run out of "
    "bandages and that the only road to the provincial capital was cut by the fighting. The army "
    "said it had sent reinforcements to the area and promised to retake the village within days. "
    "The paramilitary group denied targeting civilians and accused the army of shelling homes. "
    "Thousands of people have fled the region since the spring, according to the United Nations "
    "refugee agency, which said camps near the border were already full and short of clean water."
)
SHORTENED = ORIGINAL[: ORIGINAL.index("The paramilitary group")].rstrip()
WITH_LEAD = (
    "Our correspondent reports on the latest violence in the long war between the army and the "
    "paramilitaries, and on what it means for the families caught between them this season.\n\n" + ORIGINAL
)
EDITED = ORIGINAL.replace("Tuesday", "Tuesday morning").replace("looting shops", "looting stores")
UNRELATED = (
    "Umm Dabakir, Sudan — The ministry said 57 people were killed when fighters attacked the village on "
    "Tuesday. A local teacher who escaped told our reporter she hid in a granary for six hours "
    "before walking to the next town with her two sons. Community leaders appealed for a ceasefire "
    "and asked the African Union to send observers, while doctors in the neighbouring town treated "
    "dozens of wounded people in tents pitched outside the overwhelmed hospital building."
)
OTHER_EVENT = (
    "KYIV, Ukraine — Officials said a drone struck an apartment block in the north of the city "
    "overnight, and that 3 people were killed. Firefighters worked through the night to put out the "
    "blaze and rescuers searched the rubble for survivors while neighbours gathered in the courtyard."
)
_KILLED = re.compile(r"(\d+) people were killed")


class _Canned:
    """Extraction without the model: each "N people were killed" is a claim of the ministry when
    its sentence says "the ministry said", of nobody otherwise."""

    def __init__(self) -> None:
        self.gazetteer = shared_gazetteer()

    def extract(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle]:
        for article in articles:
            claims = []
            for match in _KILLED.finditer(article.text):
                start = article.text.rfind(".", 0, match.start()) + 1
                end = article.text.find(".", match.end()) + 1
                sentence = Span(start, end, article.text[start:end])
                figure = Figure(
                    match.start(1), match.end(1), match.group(1), "Exact", value=Decimal(match.group(1))
                )
                said = "ministry said" in sentence.text
                claims.append(
                    Claim(
                        span=sentence,
                        content=sentence,
                        claimants=("sudan-health-ministry",) if said else (),
                        quantities=(Quantity(figure, "Killed"),),
                    )
                )
            yield ExtractedArticle(article, (), (), (), tuple(claims))


def _folder(tmp_path: Path, name: str, texts: dict[str, str], dates: dict[str, str] | None = None) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    meta = {}
    for file, text in texts.items():
        (folder / file).write_text(text, encoding="utf-8")
        meta[file] = {"title": file, "published": (dates or {}).get(file, "2024-06-05")}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def _stories(ds: Dataset) -> dict[str, str]:
    """File name -> story IRI."""
    files = {s: str(o) for s, _, o, _ in ds.quads((None, CKG.sourceFile, None, None))}
    return {files[s]: str(o) for s, _, o, _ in ds.quads((None, CKG.story, None, None))}


def _assertions(ds: Dataset) -> dict[str, tuple[int, int, int]]:
    """Assertion IRI -> (reports, report count, story count)."""
    out = {}
    for a, _, _, _ in ds.quads((None, RDF.type, CKG.Assertion, None)):
        reports = len({o for _, _, o, _ in ds.quads((a, CKG.reportedAs, None, None))})
        (count,) = [int(o) for _, _, o, _ in ds.quads((a, CKG.reportCount, None, None))]  # type: ignore[call-overload]
        (stories,) = [int(o) for _, _, o, _ in ds.quads((a, CKG.storyCount, None, None))]  # type: ignore[call-overload]
        out[str(a)] = (reports, count, stories)
    return out


def _stored(name: str, text: str, published: str = "2024-06-05") -> StoredArticle:
    return StoredArticle(ID[f"article/{name}"], text_fingerprint(text), published, None)


# ------------------------------------------------------------------ near duplicates


@pytest.mark.parametrize(
    "copy", [ORIGINAL, SHORTENED, WITH_LEAD, EDITED], ids=["verbatim", "shortened", "lead", "edited"]
)
def test_a_copy_is_contained_in_its_original(copy: str) -> None:
    assert text_fingerprint(ORIGINAL).containment(text_fingerprint(copy)) >= CONTAINMENT


def test_an_independent_report_of_the_same_event_is_not_a_copy() -> None:
    assert text_fingerprint(ORIGINAL).containment(text_fingerprint(UNRELATED)) < CONTAINMENT / 2


def test_copies_join_one_group_and_others_stay_alone() -> None:
    articles = {
        a.iri: a
        for a in (
            _stored("b", SHORTENED, "2024-06-06"),
            _stored("a", ORIGINAL),
            _stored("c", WITH_LEAD),
            _stored("d", UNRELATED),
            _stored("e", OTHER_EVENT),
        )
    }
    groups = copy_groups(articles)
    assert [[str(m).rsplit("/", 1)[1] for m in g] for g in groups] == [["a", "c", "b"], ["d"], ["e"]]


def test_stories_kept_up_to_date_are_those_a_whole_grouping_gives() -> None:
    """New articles compared with the rest, and stories that lost a member regrouped, give the
    stories grouping every article afresh gives, whatever was known before."""
    everything = {
        a.iri: a
        for a in (
            _stored("a", ORIGINAL),
            _stored("b", SHORTENED, "2024-06-06"),
            _stored("c", WITH_LEAD),
            _stored("d", UNRELATED),
            _stored("e", OTHER_EVENT),
            _stored("f", EDITED, "2024-06-07"),
        )
    }
    whole = copy_groups(everything)

    def known(groups: list[list[URIRef]]) -> dict[URIRef, URIRef]:
        return {member: group[0] for group in groups for member in group}

    for added in (["c"], ["a", "e"], ["a", "b", "c", "d", "e", "f"]):
        before = {iri: a for iri, a in everything.items() if str(iri).rsplit("/", 1)[1] not in added}
        assert story_groups(everything, known(copy_groups(before))) == whole
    for removed in (["a"], ["a", "c"], ["d"]):
        rest = {iri: a for iri, a in everything.items() if str(iri).rsplit("/", 1)[1] not in removed}
        assert story_groups(rest, known(whole)) == copy_groups(rest)


def test_a_fingerprint_survives_its_encoding() -> None:
    found = text_fingerprint(WITH_LEAD)
    assert found.size > 100
    assert Fingerprint.decode(found.encode()) == found
    with pytest.raises(ValueError, match="fingerprint"):
        Fingerprint.decode("not base64!")


# ------------------------------------------------------------------ builds and removals

TEXTS = {"1_original.txt": ORIGINAL, "2_shortened.txt": SHORTENED, "3_unrelated.txt": UNRELATED}


def test_memory_build_gives_copies_one_story_and_counts_stories_per_assertion(tmp_path: Path) -> None:
    build([_folder(tmp_path, "in", TEXTS)], tmp_path / "out", store="memory", extractor=_Canned())
    ds = Dataset(default_union=True)
    ds.parse(tmp_path / "out" / "graph.nq", format="nquads")
    stories = _stories(ds)
    assert stories["1_original.txt"] == stories["2_shortened.txt"] != stories["3_unrelated.txt"]
    assert (URIRef(stories["1_original.txt"]), RDF.type, CKG.Story) in ds
    # the agency in the dateline "(AP)" originated the story
    assert (URIRef(stories["1_original.txt"]), CKG.originatedBy, ID["associated-press"]) in ds
    # the ministry's 57: three reports, two independent stories
    assert sorted(_assertions(ds).values()) == [(3, 3, 2)]


def _build_into(store_dir: Path, folder: Path) -> None:
    """A build of ``folder`` into the store at ``store_dir``, with the canned extractor."""
    build([folder], store_dir.parent / "out", store=store_dir, extractor=_Canned(), exports=False)


def test_a_second_build_adds_a_copy_to_the_stored_story_and_remove_takes_it_back(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    _build_into(store_dir, _folder(tmp_path, "first", TEXTS))
    before = _snapshot(store_dir)
    _build_into(store_dir, _folder(tmp_path, "second", {"4_lead.txt": WITH_LEAD}))
    store = open_store(store_dir)
    try:
        stories = _stories(store.dataset)
        assert stories["4_lead.txt"] == stories["1_original.txt"] == stories["2_shortened.txt"]
        assert sorted(_assertions(store.dataset).values()) == [(4, 4, 2)]
        # removing the original keeps the story (and its IRI) for the other copies
        remove_articles(store, ["1_original.txt"])
        stories = _stories(store.dataset)
        assert "1_original.txt" not in stories
        assert stories["4_lead.txt"] == stories["2_shortened.txt"]
        assert sorted(_assertions(store.dataset).values()) == [(3, 3, 2)]
        remove_articles(store, ["4_lead.txt"])
    finally:
        store.close()
    # the store is then exactly what the two remaining articles build alone
    alone = tmp_path / "alone"
    texts = {k: v for k, v in TEXTS.items() if k != "1_original.txt"}
    build(
        [_folder(tmp_path, "rest", texts)], tmp_path / "o2", store=alone, extractor=_Canned(), exports=False
    )
    assert _snapshot(store_dir) == _snapshot(alone)
    assert before != _snapshot(alone)


def test_removing_an_independent_report_drops_the_story_count(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    _build_into(store_dir, _folder(tmp_path, "in", TEXTS))
    store = open_store(store_dir)
    try:
        remove_articles(store, ["3_unrelated.txt"])
        assert sorted(_assertions(store.dataset).values()) == [(2, 2, 1)]
        remove_articles(store, ["2_shortened.txt"])
        assert sorted(_assertions(store.dataset).values()) == [(1, 1, 1)]
    finally:
        store.close()


def test_build_order_does_not_change_the_quads(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    build([_folder(tmp_path, "a", TEXTS)], tmp_path / "o1", store=one, extractor=_Canned(), exports=False)
    first = {k: v for k, v in TEXTS.items() if k != "1_original.txt"}
    build([_folder(tmp_path, "b", first)], tmp_path / "o2", store=two, extractor=_Canned(), exports=False)
    original = {"1_original.txt": ORIGINAL}
    build([_folder(tmp_path, "c", original)], tmp_path / "o2", store=two, extractor=_Canned(), exports=False)
    assert _snapshot(one) == _snapshot(two)


def test_figures_more_than_a_week_apart_are_two_assertions(tmp_path: Path) -> None:
    texts = {"1_original.txt": ORIGINAL, "3_unrelated.txt": UNRELATED}
    dates = {"1_original.txt": "2024-06-05", "3_unrelated.txt": "2024-07-05"}
    build([_folder(tmp_path, "in", texts, dates)], tmp_path / "out", store="memory", extractor=_Canned())
    ds = Dataset(default_union=True)
    ds.parse(tmp_path / "out" / "graph.nq", format="nquads")
    assert sorted(_assertions(ds).values()) == [(1, 1, 1), (1, 1, 1)]
    firsts = sorted(str(o) for o in ds.objects(None, CKG.firstStated))
    assert firsts == ["2024-06-05", "2024-07-05"]
    assert all(isinstance(o, Literal) for o in ds.objects(None, CKG.storyCount))


def _snapshot(folder: Path) -> list[str]:
    store = open_store(folder)
    try:
        return sorted(
            f"{s.n3()} {p.n3()} {o.n3()} {getattr(g, 'identifier', g)}"
            for s, p, o, g in store.dataset.quads((None, None, None, None))
        )
    finally:
        store.close()
