"""Named entities on CoNLL++: our extractor beside the bare spaCy model it is built on.

CoNLL-2003 English (Reuters, 1996; the test set as CoNLL++ corrected it) tags PER, ORG, LOC and
MISC in IOB2 on tokenised sentences. Each document is rebuilt as text: tokens joined by one
space, sentences by a line break (our pipeline ends a sentence at a line break), with every
token's character offsets kept, so gold entities become character spans. Both systems read
that text:

* ours, the Extractor (gazetteer rulers, model NER, contingents, cleaning and resolution), its
  mentions typed with their entity's class, collapsed as in spans.py: Person -> PER,
  Organization and its subclasses -> ORG, State, Region and Settlement -> LOC;
* the bare ``en_core_web_sm`` (the same package, loaded without our components): PERSON -> PER,
  ORG -> ORG, GPE, LOC and FAC -> LOC. NORP is left out: CoNLL tags nationalities and groups
  of believers or voters ("German", "Moslem", "Democrats") MISC (on dev, 490 of the model's
  566 NORP spans are exactly a MISC span, 4 an ORG one), and our extractor drops them too.

MISC is not scored: a span either system gives on a MISC entity is a false positive. Scores are
exact-span P/R/F1 per type, micro over the three, and untyped (``any``: the same span, whatever
its type), with spans.py; the overlap level is in the ``--json`` output. The test set is mostly
sports and finance news: a general check, not the conflict domain (re3d.py is that one).

    python bench/quality/conll.py [--split test|dev] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import runpy
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.render.tables import plain_table

if TYPE_CHECKING:
    from spacy.language import Language

# The bench scripts are no package: the shared span scoring comes from its file.
_SPANS = runpy.run_path(str(Path(__file__).with_name("spans.py")), run_name="bench_quality_spans")
Labelled = _SPANS["Labelled"]
score_spans = _SPANS["score_spans"]
summarise_spans = _SPANS["summarise_spans"]
mention_spans = _SPANS["mention_spans"]
extract_texts = _SPANS["extract_texts"]
score_row = _SPANS["score_row"]

ROOT = Path(__file__).resolve().parent.parent.parent
CONLL = ROOT.parent / "shared" / "benchmarks" / "conll2003pp"
FILES = {"test": "conllpp_test.txt", "dev": "conllpp_dev.txt"}

SCORED = ("PER", "ORG", "LOC")
#: The kinds spans.py collapses our classes to -> CoNLL types.
CONLL_OF_KIND = {"Person": "PER", "Organization": "ORG", "Location": "LOC"}
#: spaCy (OntoNotes) labels -> CoNLL types; the rest (NORP, dates, numbers, ...) are left out.
CONLL_OF_SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SYSTEMS = ("ours", "spaCy")

#: One sentence: (token, IOB tag) pairs.
Sentence = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class ConllDocument:
    """One document as text, with its gold entities (MISC too) as character spans."""

    index: int  # its place in the file, from 0
    text: str
    sentences: int
    entities: tuple[Labelled, ...]


def parse_conll(data: str) -> list[ConllDocument]:
    """Documents of a CoNLL file: ``-DOCSTART-`` lines part them, blank lines part sentences.

    Only the first column (token) and the last (tag) are read, so the 4-column files and
    2-column ones read alike.
    """
    documents: list[list[Sentence]] = []
    for line in data.splitlines():
        fields = line.split()
        if fields[:1] == ["-DOCSTART-"]:
            documents.append([[]])
        elif not fields:
            if documents and documents[-1][-1]:
                documents[-1].append([])
        else:
            if not documents:  # a file that does not open with -DOCSTART-
                documents.append([[]])
            documents[-1][-1].append((fields[0], fields[-1]))
    sentences = [[s for s in doc if s] for doc in documents]
    return [_document(i, doc) for i, doc in enumerate(d for d in sentences if d)]


def _document(index: int, sentences: Sequence[Sentence]) -> ConllDocument:
    """Text and character spans of one document's sentences.

    IOB2 is read leniently: an I- tag that does not continue an entity of its type opens one
    (as in IOB1).
    """
    parts: list[str] = []
    entities: list[Labelled] = []
    offset = 0
    for n, sentence in enumerate(sentences):
        current: Labelled | None = None
        for i, (token, tag) in enumerate(sentence):
            if n or i:
                parts.append(" " if i else "\n")
                offset += 1
            start, end = offset, offset + len(token)
            parts.append(token)
            offset = end
            prefix, _, kind = tag.partition("-")
            if prefix == "I" and current is not None and current.kind == kind:
                current = current._replace(end=end)
                continue
            if current is not None:
                entities.append(current)
            current = Labelled(start, end, kind) if prefix in ("B", "I") else None
        if current is not None:
            entities.append(current)
    return ConllDocument(index, "".join(parts), len(sentences), tuple(entities))


def our_spans(texts: Sequence[str]) -> list[list[Labelled]]:
    """The extractor's mentions as CoNLL-typed spans, per text."""
    extracted = extract_texts([(f"conll-{i}.txt", text) for i, text in enumerate(texts)])
    return [[s._replace(kind=CONLL_OF_KIND[s.kind]) for s in mention_spans(e)] for e in extracted]


def spacy_spans(nlp: Language, texts: Sequence[str]) -> list[list[Labelled]]:
    """The bare model's entities as CoNLL-typed spans, per text."""
    return [
        [
            Labelled(e.start_char, e.end_char, CONLL_OF_SPACY[e.label_])
            for e in doc.ents
            if e.label_ in CONLL_OF_SPACY
        ]
        for doc in nlp.pipe(texts)
    ]


def score(documents: Sequence[ConllDocument], system: Sequence[Sequence[Labelled]]) -> dict[str, Any]:
    """``{level: {type | micro | any: prf}}`` of one system over the documents (MISC not scored)."""
    counts: Counter[str] = Counter()
    for document, spans in zip(documents, system, strict=True):
        counts += score_spans([e for e in document.entities if e.kind in SCORED], spans)
    return summarise_spans(counts, SCORED)


def _print_report(
    split: str, documents: Sequence[ConllDocument], model: str, summaries: dict[str, dict[str, Any]]
) -> None:
    gold = Counter(e.kind for d in documents for e in d.entities)
    headers = ["exact span", "gold", *(f"{name} {key}" for name in SYSTEMS for key in ("P", "R", "F1", "n"))]
    rows = [
        [
            kind,
            str(summaries[SYSTEMS[0]]["exact"][kind]["gold"]),
            *(cell for name in SYSTEMS for cell in _cells(summaries[name]["exact"][kind])),
        ]
        for kind in (*SCORED, "micro", "any")
    ]
    lines = [
        f"CoNLL++ {split}: {len(documents)} documents, {sum(d.sentences for d in documents)} sentences, "
        f"{sum(gold[k] for k in SCORED)} gold PER/ORG/LOC entities scored ({gold['MISC']} MISC not)",
        f"ours: the Extractor; spaCy: the bare {model}",
        "",
        plain_table(headers, rows),
    ]
    print("\n".join(lines))  # noqa: T201


def _cells(score: dict[str, float]) -> list[str]:
    """P, R, F1 as polnear formats them, then the number of system spans."""
    return [*score_row("", score)[1:4], f"{score['pred']:.0f}"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=tuple(FILES), default="test", help="report on test, tune on dev")
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents only")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    path = CONLL / FILES[args.split]
    if not path.is_file():
        print(f"skipped: no CoNLL++ data at {path} (see ../shared/benchmarks/README.md)")  # noqa: T201
        return 0
    documents = parse_conll(path.read_text(encoding="utf-8"))[: args.limit]
    from kg.extract.nlp import load_model

    nlp = load_model()
    model = f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
    texts = [d.text for d in documents]
    summaries = {
        "ours": score(documents, our_spans(texts)),
        "spaCy": score(documents, spacy_spans(nlp, texts)),
    }
    if args.json:
        report = {"split": args.split, "documents": len(documents), "model": model}
        print(json.dumps(report | summaries, indent=2))  # noqa: T201
    else:
        _print_report(args.split, documents, model, summaries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
