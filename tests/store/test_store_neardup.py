"""Near-duplicate detection: syndicated copies are linked, not stored twice, across runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.ingest.dedupe import article_id
from sitrep.records import Article, Mention
from sitrep.store import Store, neardup

ORIGINAL = (
    "The navy of a Baltic state took delivery of its first two mine countermeasure vessels on "
    "Thursday, completing a program that began four years ago. The ships, built at a yard on "
    "the North Sea coast, will be based at the main naval port and assigned to a multinational "
    "mine clearance group that patrols the approaches to the Gulf of Finland. Officials said the "
    "vessels carry unmanned underwater vehicles able to search the seabed at depths of up to "
    "three hundred metres, and that crews had trained for eight months before the handover. "
    "The defence ministry expects two further ships to arrive next year, after sea trials that "
    "were delayed by a shortage of specialised sonar components. Opposition lawmakers have "
    "asked for a review of the cost, which rose by a fifth since the contract was signed."
)
# A syndicated copy: rewrapped, one detail changed, the last sentence cut.
COPY = (
    "The navy of a Baltic "
    "state took delivery of its first two mine countermeasure vessels on Thursday, completing a "
    "program that began four years ago. The ships, built at a yard on the North Sea coast, will "
    "be based at the main naval port and assigned to a multinational mine clearance group that "
    "patrols the approaches to the Gulf of Finland. Officials said the vessels carry unmanned "
    "underwater vehicles able to search the seabed at depths of up to three hundred metres, and "
    "that crews had trained for nine months before the handover. The defence ministry expects "
    "two further ships to arrive next year, after sea trials that were delayed by a shortage of "
    "specialised sonar components."
)
UNRELATED = (
    "Air force officials unveiled a training program for drone operators at a base in the "
    "south of the country on Monday, saying the first class of forty students would graduate "
    "in the spring after courses on electronic warfare and battlefield reconnaissance."
)


def article(text: str, source: str = "wire.txt") -> Article:
    return Article(id=article_id(text), text=text, source=source, title=text[:40])


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'neardup.db'}"


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    with Store.open(url) as opened:
        yield opened


def test_copy_is_linked_to_original_across_reopen(url: str) -> None:
    original = article(ORIGINAL)
    with Store.open(url) as store:
        assert store.add(original, []).status == "new"
    copy = article(COPY, source="other-outlet.html")
    mention = Mention(id="m1", article=copy.id, span=(2, 8), actor="x", text=COPY[2:8])
    with Store.open(url) as store:
        result = store.add(copy, [mention])
        assert result.status == "near_duplicate"
        assert result.duplicate_of == original.id
        assert result.similarity is not None and result.similarity >= 0.8
        # Kept: one pointer row. Not kept: the copy's text and records.
        assert store.get_article(copy.id) is None
        assert store.stats()["articles"] == 1
        assert store.stats()["near_duplicates"] == 1
        assert store.stats()["mentions"] == 0
        [link] = store.near_duplicates(original.id)
        assert (link.article_id, link.source, link.title) == (copy.id, copy.source, copy.title)
        # The copy arriving again is a plain duplicate pointing at the original.
        again = store.add(copy, [])
        assert (again.status, again.duplicate_of) == ("duplicate", original.id)
        assert store.stats()["near_duplicates"] == 1


def test_unrelated_article_is_new(store: Store) -> None:
    store.add(article(ORIGINAL), [])
    assert store.add(article(UNRELATED), []).status == "new"
    assert store.near_duplicates() == []


def test_threshold_from_open_decides(url: str) -> None:
    with Store.open(url, near_duplicate_threshold=0.99) as strict:
        strict.add(article(ORIGINAL), [])
        assert strict.add(article(COPY), []).status == "new"


def test_find_duplicate_reports_without_writing(store: Store) -> None:
    original = article(ORIGINAL)
    store.add(original, [])
    assert store.find_duplicate(article(COPY)).status == "near_duplicate"
    assert store.find_duplicate(original).status == "duplicate"
    assert store.find_duplicate(article(UNRELATED)).status == "new"
    assert store.stats()["near_duplicates"] == 0


def test_empty_text_is_never_a_near_duplicate(store: Store) -> None:
    store.add(article(ORIGINAL), [])
    blank = Article(id="art_blank", text="  ...  ", source="x")
    assert store.add(blank, []).status == "new"


def test_shingles_and_bands_are_deterministic() -> None:
    a = neardup.fingerprint(ORIGINAL)
    b = neardup.fingerprint(ORIGINAL.upper().replace(" ", "\n  "))  # case and wrapping fold
    assert a == b
    assert len(a.bands) == neardup.BANDS
    assert all(0 <= h < 2**63 for _, h in a.bands)


def test_shingles_of_short_and_empty_texts() -> None:
    assert neardup.shingles("Two words") == frozenset({"two words"})
    assert neardup.shingles("!!") == frozenset()
    assert neardup.band_hashes(frozenset()) == ()


def test_jaccard() -> None:
    a, b = frozenset({"x", "y"}), frozenset({"y", "z"})
    assert neardup.jaccard(a, b) == pytest.approx(1 / 3)
    assert neardup.jaccard(a, a) == 1.0
    assert neardup.jaccard(frozenset(), frozenset()) == 0.0
