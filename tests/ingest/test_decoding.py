"""Choosing a dump's article starts as a best path (sitrep.ingest.decoding)."""

from __future__ import annotations

from sitrep.ingest.blocks import Block, Line
from sitrep.ingest.cohesion import content_words
from sitrep.ingest.decoding import (
    ARTICLE_MEDIAN_CHARS,
    DECODE_THRESHOLD,
    Candidate,
    Vocabulary,
    decode,
    decode_dump,
    length_cost,
    start_cost,
    typical_length,
)
from sitrep.ingest.typography import HouseStyle


def _block(text: str, number: int = 1) -> Block:
    return Block([Line(number, 0, len(text), text)], "hard")


def test_length_cost_is_lowest_at_the_typical_article_length() -> None:
    typical = length_cost(ARTICLE_MEDIAN_CHARS)
    assert typical == 0.0
    assert length_cost(ARTICLE_MEDIAN_CHARS // 4) > typical
    assert length_cost(ARTICLE_MEDIAN_CHARS * 4) > typical
    assert length_cost(300) > length_cost(1500)


def test_decode_splits_an_overlong_article_at_its_best_weak_candidate() -> None:
    # Twenty paragraphs of 700 characters: two typical articles' worth with no marker between.
    blocks = [_block("x" * 699, k) for k in range(20)]
    weak = DECODE_THRESHOLD - 0.5
    candidates = [Candidate(k, weak - (0.0 if k == 10 else 1.0), (), k) for k in range(1, 20)]
    chosen = decode(blocks, 0, candidates)
    assert [c.index for c in chosen] == [10]


def test_decode_drops_a_barely_sufficient_start_that_leaves_a_sliver() -> None:
    blocks = [_block("x" * 699, k) for k in range(6)]
    candidates = [Candidate(5, DECODE_THRESHOLD + 0.1, (), 5)]
    assert decode(blocks, 0, candidates) == []


def test_decode_takes_weaker_starts_in_a_dump_of_short_items() -> None:
    # Two 800-character items with middling evidence between them: in a dump of news-length
    # articles that is one article; in a dump whose items run 800 characters it is two.
    blocks = [_block("x" * 199, k) for k in range(8)]
    candidates = [Candidate(4, DECODE_THRESHOLD - 1.0, (), 4)]
    assert decode(blocks, 0, candidates, typical=ARTICLE_MEDIAN_CHARS) == []
    assert [c.index for c in decode(blocks, 0, candidates, typical=800)] == [4]
    assert start_cost(800) < start_cost(2400) < start_cost(ARTICLE_MEDIAN_CHARS) == DECODE_THRESHOLD


def test_typical_length_is_the_length_a_share_of_the_articles_stay_under() -> None:
    blocks = [_block("x" * 699, k) for k in range(10)]  # 700 characters a block
    starts = [0, 1, 2, 5]  # articles of 700, 2,100, 700 and 3,500 characters
    assert typical_length(blocks, starts) == 2100  # the upper median
    assert typical_length(blocks, starts, 0.75) == ARTICLE_MEDIAN_CHARS
    assert typical_length(blocks, [0, 5], 0.75) == ARTICLE_MEDIAN_CHARS  # never longer
    assert typical_length([], []) == ARTICLE_MEDIAN_CHARS


def test_decoding_reads_the_typical_length_off_articles_not_fragments() -> None:
    # Three 3,500-character articles between two marked starts; a greedy reading also cut a
    # 700-character sliver off the top of each, so its median article runs 700 characters and
    # a decoding around it keeps every sliver. Read off the greedy reading's upper quartile,
    # then off the decoded articles, the typical length is the articles' own.
    blocks = [_block("x" * 699, k) for k in range(15)]
    greedy = [0, 1, 2, 5, 6, 7, 10, 11, 12]
    marked_starts = [Candidate(k, DECODE_THRESHOLD + 10.0, ("separator",), k) for k in (5, 10)]
    weak = [Candidate(k, DECODE_THRESHOLD - 1.0, (), k) for k in (1, 2, 6, 7, 11, 12)]
    candidates = sorted(marked_starts + weak, key=lambda c: c.index)
    around_greedy_median = decode(blocks, 0, candidates, typical_length(blocks, greedy))
    assert len(around_greedy_median) == 8
    chosen = decode_dump(blocks, greedy, candidates, {}, HouseStyle(blocks))
    assert [c.index for c in chosen] == [5, 10]


def test_decode_keeps_marked_starts_whatever_the_length() -> None:
    blocks = [_block("x" * 99, k) for k in range(3)]
    candidates = [Candidate(2, DECODE_THRESHOLD + 1.0, ("separator",), 2)]
    assert [c.index for c in decode(blocks, 0, candidates)] == [2]


def test_vocabulary_prefers_splitting_stretches_with_different_words() -> None:
    ships = "frigate hull shipyard welders frigate hull sonar shipyard"
    drones = "drone interceptor jammer radar drone interceptor jammer battery"
    blocks = [_block(t, k) for k, t in enumerate([ships, ships, drones, drones])]
    idf = dict.fromkeys(content_words(ships + " " + drones), 2.0)
    vocabulary = Vocabulary(blocks, idf)
    whole = float(vocabulary.costs([0], 4)[0])
    split = float(vocabulary.costs([0], 2)[0] + vocabulary.costs([2], 4)[0])
    assert split < whole
    # One topic throughout: splitting it costs more than keeping it whole.
    same = [_block(ships, k) for k in range(4)]
    vocabulary = Vocabulary(same, idf)
    assert float(vocabulary.costs([0], 2)[0] + vocabulary.costs([2], 4)[0]) > float(
        vocabulary.costs([0], 4)[0]
    )


def test_vocabulary_ignores_words_all_over_the_dump() -> None:
    blocks = [_block("defense defense ministry", 0), _block("defense ministry budget", 1)]
    idf = {"defense": 0.1, "ministry": 0.1, "budget": 3.0}
    assert Vocabulary(blocks, idf).size == 1


def test_vocabulary_counts_an_articles_own_words_in_a_dump_of_few_articles() -> None:
    # "frigate" fills a third of the stretches of a dump of three articles: it is the first
    # article's own word, not one all over the dump.
    blocks = [_block("frigate hull", 0), _block("frigate sonar", 1), _block("drone radar", 2)]
    idf = {"frigate": 0.4, "hull": 1.6, "sonar": 1.6, "drone": 1.6, "radar": 1.6}
    assert Vocabulary(blocks, idf).size == 4
    assert Vocabulary(blocks, idf, min_idf=0.3).size == 5
