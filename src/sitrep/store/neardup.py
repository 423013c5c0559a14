"""Near-duplicate articles: syndicated copies of one story with small edits.

Exact copies share an article id (``sitrep.ingest.dedupe`` derives it from normalised text);
copies with a changed headline, an added paragraph or a trimmed byline do not. We compare texts
as sets of word 3-shingles (Broder, "On the resemblance and containment of documents", 1997) and
find candidates with MinHash locality-sensitive hashing (datasketch's MinHash, banded as in
Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3.4):

* the 128 MinHash values are cut into 32 bands of 4 rows; two articles become candidates when any
  band hashes equal. The band size fixes an S-curve whose 50 % point is near Jaccard 0.42, so a
  pair at 0.5 is a candidate with probability ~0.87 and a pair at 0.8 with probability ~1.0.
  The bands therefore do not depend on the user's threshold (which may change between runs
  while the stored bands stay valid); the threshold applies in the verification step.
* candidates are verified with the exact Jaccard similarity of their shingle sets, computed from
  the stored text: precise, and cheap because there are few candidates.

Band hashes live in the ``lsh_bands`` table (band, hash, article_id), so the index survives across
runs and works on PostgreSQL. ``LSH_CONFIG`` names everything that shapes a band hash; the store
keeps it in ``store_meta`` and rebuilds the bands from the stored texts when it changes.

What is kept of a near-duplicate: one ``near_duplicates`` row (its id, the original's id, the
similarity, source, title, published, and its contract metadata without ``text``). Its text and
its records are not stored: their spans point into a text we do not keep, and the original
carries the same facts.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from sitrep.ingest.dedupe import normalize_text

SHINGLE_WORDS = 3
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SEED = 1
# The scheme is explicit because datasketch 2.0 changed the default hashing; a silent change
# would make new band hashes miss every stored one.
SCHEME = "affine32"
LSH_CONFIG = (
    f"datasketch-minhash scheme={SCHEME} seed={SEED} perm={NUM_PERM} "
    f"bands={BANDS}x{ROWS} shingles={SHINGLE_WORDS}-words"
)

_WORD = re.compile(r"\w+")
_HASH_MASK = (1 << 63) - 1  # band hashes fit a signed 64-bit BIGINT on every database


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What near-duplicate detection needs of one text."""

    shingles: frozenset[str]
    bands: tuple[tuple[int, int], ...]  # (band number, band hash)


def shingles(text: str) -> frozenset[str]:
    """Word 3-grams of the normalised text; a shorter text is one shingle; empty text none."""
    words = _WORD.findall(normalize_text(text))
    if not words:
        return frozenset()
    if len(words) < SHINGLE_WORDS:
        return frozenset({" ".join(words)})
    return frozenset(
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def band_hashes(shingle_set: frozenset[str]) -> tuple[tuple[int, int], ...]:
    """The LSH bands of a shingle set (none for an empty set: it matches nothing)."""
    if not shingle_set:
        return ()
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    values = np.asarray(minhash.hashvalues, dtype="<u8")
    bands = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        bands.append((band, int.from_bytes(digest, "big") & _HASH_MASK))
    return tuple(bands)


def fingerprint(text: str) -> Fingerprint:
    shingle_set = shingles(text)
    return Fingerprint(shingles=shingle_set, bands=band_hashes(shingle_set))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity; 0.0 when both are empty (nothing to compare)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
