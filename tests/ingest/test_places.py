"""Countries named as boundary evidence (sitrep.ingest.places)."""

from __future__ import annotations

import pytest

from sitrep.ingest import decoding
from sitrep.ingest.blocks import Block, Line
from sitrep.ingest.decoding import DECODE_THRESHOLD, WIDE_SPREAD, Candidate, decode
from sitrep.ingest.places import Places, countries

CHILE = "Chile will buy four frigates, Chilean officials said in Santiago, and Chile pays cash."
FINLAND = "Finland opened a depot near the border, the Finnish defence ministry said of Finland."


def _blocks(*texts: str) -> list[Block]:
    return [Block([Line(k + 1, 0, len(t), t)], "hard") for k, t in enumerate(texts)]


def test_countries_are_read_from_names_and_demonyms() -> None:
    assert set(countries(CHILE)) == {"CHL"}
    assert set(countries(FINLAND)) == {"FIN"}
    assert countries("The committee met on Tuesday and adjourned.") == []


def test_a_move_to_other_countries_is_cheaper_apart() -> None:
    places = Places(_blocks(CHILE, CHILE, CHILE, FINLAND, FINLAND, FINLAND))
    assert places.cut_saving(0, 3, 6) > 3.0
    assert places.cut_saving(0, 1, 3) < 0.0


def test_a_country_the_whole_dump_names_tells_no_article_apart() -> None:
    places = Places(_blocks(*[CHILE] * 6))
    assert -0.5 < places.cut_saving(0, 3, 6) <= 0.0


def test_decode_cuts_where_the_countries_change() -> None:
    texts = [(CHILE if k < 5 else FINLAND) * 4 for k in range(10)]
    blocks = _blocks(*texts)
    candidates = [Candidate(5, DECODE_THRESHOLD - 1.0, (), 5)]
    assert decode(blocks, 0, candidates) == []
    chosen = decode(blocks, 0, candidates, places=Places(blocks))
    assert [c.index for c in chosen] == [5]
    same = _blocks(*[CHILE * 4] * 10)
    assert decode(same, 0, candidates, places=Places(same)) == []


def test_spread_grows_with_the_countries_the_dump_moves_between() -> None:
    one = Places(_blocks(CHILE, CHILE))
    two = Places(_blocks(CHILE, FINLAND))
    poland = "Poland signed the order in Warsaw; Polish crews train there this year."
    three = Places(_blocks(CHILE, FINLAND, poland))
    assert one.spread == 0.0
    assert 0.0 < two.spread < three.spread
    assert Places(_blocks("The committee met on Tuesday.")).spread == 0.0


def test_a_dump_of_news_from_everywhere_weighs_a_change_of_countries_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = ["Chile", "Finland", "Poland", "Peru", "Kenya", "Norway", "Vietnam", "Mali", "Japan"]
    filler = "The boats will patrol the coast every day and every night of the year. " * 8
    texts = [
        f"Officials in {name} said the boats would patrol the coast. {filler}" for name in names
    ]
    blocks = _blocks(*[t for t in texts for _ in range(5)])
    places = Places(blocks)
    assert places.spread > WIDE_SPREAD
    # Each change of country comes with weak local evidence only.
    candidates = [Candidate(k, DECODE_THRESHOLD - 2.0, (), k) for k in range(5, len(blocks), 5)]
    assert len(decode(blocks, 0, candidates, places=places)) == len(names) - 1
    monkeypatch.setattr(decoding, "W_PLACES_WIDE", 0.0)
    assert len(decode(blocks, 0, candidates, places=places)) < len(names) - 1
