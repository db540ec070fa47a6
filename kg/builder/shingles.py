"""Near-duplicate fingerprints of article prose: hashed word shingles, containment, MinHash.

A wire story is carried by many sites, verbatim or lightly edited, shortened, under another
headline or below a site's own lead paragraph. Jaccard similarity alone misses a shortened copy or
one with an added lead (the copy's shingles are a small part of the union), so two texts are
compared by *containment*: the share of the smaller text's shingles that the other holds.

A text is kept as the sorted set of its shingles' 32-bit hashes (``ckg:shingles`` on the article,
delta-coded, about 1.5 kB for a news article): containment is then exact, not estimated, and the
MinHash signature the LSH index needs is computed from the hashes when the index is built. The RDF
store stays the only truth; the index of a later build is rebuilt from it.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from kg.model import Article

__all__ = ["NUM_PERM", "SHINGLE_WORDS", "Fingerprint", "fingerprint", "shingles", "text_fingerprint"]

#: Permutations of a MinHash signature (for the LSH index only; containment is exact).
NUM_PERM = 128
#: Words per shingle: long enough that two independent reports of one event share few (names
#: and stock phrases are shorter), short enough that a changed word spoils only five shingles.
SHINGLE_WORDS = 5
#: The signature's hash functions: fixed, so that every build computes the same signatures.
_SEED = 1

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The sorted, distinct 32-bit hashes of a text's shingles."""

    hashes: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.hashes)

    def encode(self) -> str:
        """Base64 of the zlib-compressed gaps between the sorted hashes (little-endian uint32)."""
        gaps = np.diff(np.asarray(self.hashes, dtype=np.int64), prepend=0).astype("<u4")
        return base64.b64encode(zlib.compress(gaps.tobytes(), 9)).decode("ascii")

    @classmethod
    def decode(cls, text: str) -> Fingerprint:
        """The fingerprint :meth:`encode` wrote.

        Raises:
            ValueError: ``text`` is not such an encoding.
        """
        try:
            gaps = np.frombuffer(zlib.decompress(base64.b64decode(text, validate=True)), dtype="<u4")
        except (zlib.error, ValueError) as exc:
            raise ValueError(f"not a shingle fingerprint: {exc}") from exc
        return cls(tuple(int(h) for h in np.cumsum(gaps.astype(np.int64))))

    def containment(self, other: Fingerprint) -> float:
        """The share of the smaller text's shingles that the other has too (0 for an empty text)."""
        smaller = min(self.size, other.size)
        if not smaller:
            return 0.0
        return len(set(self.hashes).intersection(other.hashes)) / smaller

    def minhash(self) -> MinHash:
        """The MinHash signature of the shingle set, for datasketch's LSH index."""
        minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=int)
        minhash.update_batch(self.hashes)
        return minhash


def shingles(text: str) -> set[str]:
    """The distinct runs of :data:`SHINGLE_WORDS` words of ``text``, case folded; a text shorter
    than that is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint(article: Article) -> Fingerprint:
    """The fingerprint of the article's prose (its body zones: not the headline, which sites
    rewrite, nor navigation and boilerplate, which every page of one site shares)."""
    prose = "\n".join(article.text[z.start : z.end] for z in article.body_zones())
    return text_fingerprint(prose)


def text_fingerprint(text: str) -> Fingerprint:
    hashes = {_hash32(s) for s in shingles(text)}
    return Fingerprint(tuple(sorted(hashes)))


def _hash32(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "little")
