"""Article splitting (sitrep.ingest.segment): unit tables and properties.

The property tests generate paragraphs of invented words, wrap them with ``textwrap`` the way
users' dumps are wrapped, and check that nothing is lost or reordered.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sitrep.ingest.blocks import Block, Line, NoiseLine
from sitrep.ingest.boundary import (
    Running,
    _lede_score,
    _orphan_surnames,
    _recurring_names,
    candidate,
    marked,
    merge_cohesive,
)
from sitrep.ingest.cohesion import content_words
from sitrep.ingest.headlines import (
    W_HEADING_STRONG,
    W_SHORT_LINE,
    after_closing_line,
    heading_score,
    headline_before,
    reads_as_headline,
)
from sitrep.ingest.reflow import break_kind, estimate_wrap_width, unwrap
from sitrep.ingest.segment import Segmentation, _attach_headlines, segment

WIDTH = 80


def _wrap(*paragraphs: str) -> str:
    return "".join(line + "\n" for p in paragraphs for line in textwrap.wrap(p, WIDTH))


# --- segment --------------------------------------------------------------------------------


def test_a_headline_after_a_closing_line_tops_the_next_article() -> None:
    texts = [
        "Norway will buy two more submarines, the defense ministry said on Monday.",
        "The boats will be built in Kiel alongside the German navy's own order.",
        "Follow Ana Ruiz on Twitter @anaruiz.",
        "Quiet talks, loud warnings.",
        "Ministers meet again as the deadline nears; no deal is in sight.",
        "Lithuania and Poland traded sharp words on Wednesday over a stalled rail project.",
        "Officials on both sides said the next meeting had not been scheduled.",
    ]
    blocks = [_block(t, k + 1) for k, t in enumerate(texts)]
    # Decoding put the start at the deck or at the lede: the stack moves to the next article.
    assert after_closing_line(blocks, 4, 0, 80) == 3
    assert after_closing_line(blocks, 5, 0, 80) == 3
    # Without a closing line above them the two lines could close the article before.
    blocks[2] = _block("The first boat is due in 2029.", 3)
    assert after_closing_line(blocks, 5, 0, 80) is None
    # Link lines after the closing line are more of its furniture, not a headline.
    link = _block("Full results: example.org/results", 4)
    assert (
        after_closing_line([*blocks[:2], _block(texts[2], 3), link, *blocks[5:]], 4, 0, 80) is None
    )


def test_a_wrapped_sentence_headline_after_a_closing_line_tops_the_next_article() -> None:
    texts = [
        "Norway will buy two more submarines, the defense ministry said on Monday.",
        "The boats will be built in Kiel alongside the German navy's own order.",
        "Follow Ana Ruiz on Twitter @anaruiz.",
    ]
    blocks = [_block(t, k + 1) for k, t in enumerate(texts)]
    first = "As the Baltic rail link turns ten, a look at where it fits into a new Lithuanian"
    headline = Block([Line(4, 0, len(first), first), Line(5, 0, 14, "defense plan.")], "hard")
    lede = _block(
        "VILNIUS — Lithuania will extend its rail link to the Polish border, officials said.", 6
    )
    assert after_closing_line([*blocks, headline, lede], 4, 0, 80) == 3
    # A closing note wrapped over two lines is no headline.
    note = "The Harbour Courier has supplemented this Reuters article with more quotes and"
    second = Block([Line(4, 0, len(note), note), Line(5, 0, 10, "background.")], "hard")
    assert after_closing_line([*blocks, second, lede], 4, 0, 80) is None


def _read_past_first(texts: list[str]) -> tuple[list[Block], Running]:
    """One-line blocks of the texts, and the running article after reading the first."""
    blocks = [_block(t, k + 1) for k, t in enumerate(texts)]
    running = Running()
    running.add(texts[0])
    return blocks, running


def test_a_letter_signature_never_opens_an_article() -> None:
    texts = [
        "The council should not close the harbour library to pay for the ferry terminal.",
        "Dana Whitfield.",
        "Springfield, Ill.",
        "Norway will buy two more submarines, raising its order to six boats by 2035.",
    ]
    blocks, running = _read_past_first(texts)
    # Read as a short headline, the name would open the news item below it.
    assert heading_score(blocks[1], 80) == 0.0
    for i in (1, 2):
        score, why, _ = candidate(blocks, i, running, 80, {})
        assert "signature" in why and score < 0


def test_a_by_line_under_a_headline_is_the_articles_byline_not_its_text() -> None:
    paragraphs = [
        "Harbour Board Sells Two Ferries",
        "By Jana Kral and Ole Vik",
        "The harbour board voted on Tuesday to sell two of its three ferries to an operator in"
        " Oslo, ending a year of debate about the cost of the ageing fleet.",
        "The sale is worth about 40 million kroner, the board chair said after the vote.",
        "Hospital Opens New Cardiology Ward",
        "By Mia Berg",
        "The county hospital opened a cardiology ward with 24 beds on Wednesday, two years"
        " after work on the new east wing began.",
        "The ward will take its first patients next month, a spokeswoman said.",
    ]
    text = "".join(textwrap.fill(p, WIDTH) + "\n" for p in paragraphs)
    seg = segment(text)
    assert [a.title for a in seg.articles] == [paragraphs[0], paragraphs[4]]
    assert [a.byline for a in seg.articles] == ["By Jana Kral and Ole Vik", "By Mia Berg"]
    for article in seg.articles:
        assert not any(p.text.startswith("By ") for p in article.paragraphs)


def test_a_line_over_a_signature_or_closing_line_is_no_headline() -> None:
    # A headline stands over a lede: with a signature or a sign-off under it, a short line is
    # the last sentence of the article above.
    for closing in ("Dana Whitfield.", "Follow @harbourdesk or #harbourwatch."):
        texts = [
            "The council should not close the harbour library to pay for the ferry terminal.",
            "The town deserves better.",
            closing,
            "Norway will buy two more submarines, raising its order to six boats by 2035.",
        ]
        blocks, running = _read_past_first(texts)
        assert heading_score(blocks[1], 80) > 0
        _, why, _ = candidate(blocks, 1, running, 80, {})
        assert not any(w.startswith("heading") for w in why)


def test_a_headline_over_a_one_paragraph_wire_story_tops_it() -> None:
    # A wire story printed as one paragraph ends in its "Editing by" note: the paragraph is an
    # article, not a closing line, and the Headline Case line over it is its headline.
    story = (
        "OSLO (Reuters) - Norway will buy two more submarines from Germany, the defense"
        " ministry said on Monday, raising its order to six boats to be delivered by 2035."
        " The boats will be built in Kiel alongside the German navy's own order, and the"
        " first of them is due in 2029, two years later than the ministry had hoped when"
        " it signed the first contract. Officials said the price of the two extra boats"
        " would be agreed next year. (Reporting by Ana Ruiz; Editing by Tom Vale)"
    )
    texts = [
        "The council should not close the harbour library to pay for the ferry terminal.",
        "Norway Orders Two More Submarines From Germany",
        story,
    ]
    blocks, running = _read_past_first(texts)
    _, why, lede = candidate(blocks, 1, running, 80, {})
    assert "heading:3.0" in why and lede == 2
    # A closing note alone under the same line still makes it the article's last line.
    blocks[2] = _block("(Reporting by Ana Ruiz; Editing by Tom Vale)", 3)
    _, why, lede = candidate(blocks, 1, running, 80, {})
    assert not any(w.startswith("heading") for w in why) and lede == 1


def test_link_lines_under_a_closing_line_belong_to_it() -> None:
    texts = [
        "The count in the northern districts ended late on Sunday night.",
        "View full results here.",
        "Turnout map: example.org/turnout",
        "Norway will buy two more submarines, raising its order to six boats by 2035.",
    ]
    blocks, running = _read_past_first(texts)
    _, at_link, _ = candidate(blocks, 2, running, 80, {})
    _, at_lede, _ = candidate(blocks, 3, running, 80, {})
    assert "article-end" not in at_link
    assert "article-end" in at_lede
    # A short rule ("__.") under the closing line is furniture too, and never a start.
    ruled = [*blocks[:2], _block("__.", 3), *blocks[3:]]
    score, at_rule, _ = candidate(ruled, 2, running, 80, {})
    _, at_lede, _ = candidate(ruled, 3, running, 80, {})
    assert "rule" in at_rule and score < 0
    assert "article-end" in at_lede


def test_dateline_and_tag_line_start_new_articles() -> None:
    text = (
        _wrap(
            "OSLO — Norway will buy two more submarines, the defense ministry said on Monday, "
            "raising its order to six boats.",
            "The boats are built together with Germany.",
        )
        + "Tag - Air defense\n"
        + _wrap(
            "Romania received its first Patriot battery from the United States on Thursday, "
            "officials in Bucharest said.",
            "The battery will protect the capital.",
        )
        + _wrap(
            "RIGA — Latvia reintroduced conscription for men aged 18 to 27 on Wednesday.",
            "About 1,000 recruits a year are expected.",
        )
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 5, 8]
    assert [a.dateline for a in seg.articles] == ["OSLO", None, "RIGA"]
    assert seg.articles[1].tags == ("Air defense",)
    assert [(n.line, n.kind) for n in seg.articles[1].noise] == [(4, "tag")]


def test_headline_line_becomes_the_title() -> None:
    text = _wrap(
        "Dutch Navy Tests Robot Boats Off Den Helder",
        "The Dutch navy began testing uncrewed boats on Monday to guard undersea cables "
        "in the North Sea, the defense ministry said.",
        "The trial will run for a month.",
    )
    (article,) = segment(text).articles
    assert article.title == "Dutch Navy Tests Robot Boats Off Den Helder"
    assert article.title_lines == (1,)
    assert article.first_line == 1
    assert article.body.startswith("The Dutch navy began")


def test_section_header_and_pull_quote_are_dropped_not_split() -> None:
    text = (
        _wrap(
            "BERLIN — Germany will set up a new brigade in Lithuania, the defense minister "
            "said on Tuesday.",
            "The brigade will have about 5,000 soldiers by 2027, he said.",
        )
        + "THE COST OF THE BRIGADE\n"
        + _wrap(
            "The ministry put the cost of the brigade at about 11 billion euros over ten years.",
        )
        + "> The brigade will have about 5,000 soldiers.\n"
        + _wrap(
            "Lithuania will build the barracks and training ranges for the soldiers.",
        )
    )
    (article,) = segment(text).articles
    assert [n.kind for n in article.noise] == ["section_header", "pull_quote"]
    assert "COST OF THE BRIGADE" not in article.body
    assert article.body.count("\n\n") == 3


# Two short articles that bylines and closing notes are put between.
_MINEHUNTERS = (
    "ROME — Italy will send two minehunters to the Black Sea once a ceasefire holds, officials "
    "said on Friday.",
    "The ships would clear mines from shipping lanes.",
)
_SHELL_PLANT = (
    "Finland opened its first ammunition plant in decades on Thursday, the government in "
    "Helsinki said.",
    "The plant will make artillery shells.",
)


def test_a_newsletter_sign_up_closes_the_article_and_the_headline_under_it_tops_the_next() -> None:
    text = _wrap(
        *_MINEHUNTERS,
        "Mine clearance could take a year, the navy said.",
        "Want more from Ana? Sign up for her newsletter, Harbour Notes.",
        "Enter your email address:",
        "Quiet talks, loud warnings.",
        "The plant opened its doors to reporters, who saw the first shells.",
        "Officials said the plant would make artillery shells.",
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 7]
    assert seg.articles[0].body.endswith("Enter your email address:")
    assert seg.articles[1].title == "Quiet talks, loud warnings."


def test_byline_closes_the_article_and_is_recorded() -> None:
    text = (
        _wrap(*_MINEHUNTERS)
        + "Lea Brandt contributed reporting from Ankara.\n"
        + _wrap(*_SHELL_PLANT)
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 5]
    assert seg.articles[0].byline == "Lea Brandt contributed reporting from Ankara."


def test_a_closing_note_under_a_byline_stays_with_its_article() -> None:
    """Regression: the note under a byline line opened an article, which took the headline
    under it as its body."""
    text = (
        _wrap(*_MINEHUNTERS)
        + "Lea Brandt contributed reporting.\n"
        + _wrap(
            "This story was updated to add the navy's comments.",
            "Finland Opens Its First Shell Plant in Decades",
            *_SHELL_PLANT,
        )
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 6]
    assert "This story was updated" in seg.articles[0].body


def test_a_credit_sentence_run_into_a_paragraph_is_body() -> None:
    """Regression: a wrapped line reading "Holm contributed reporting ..." mid-paragraph was
    dropped as a byline, losing the line and making the next one look like a dateline."""
    text = (
        "Estonia will double its stock of artillery shells by next summer, the defense\n"
        "ministry in Tallinn said on Monday, after months of delays. Reporters Ana\n"
        "Holm contributed reporting from Tartu. Mikk Saar reported from Narva and\n"
        "Riga, Latvia — the story has been updated with the minister's comments.\n"
        "The first deliveries are due in March.\n"
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1]
    article = seg.articles[0]
    assert article.byline is None
    assert article.body_lines == (1, 2, 3, 4, 5)
    assert "Holm contributed reporting from Tartu." in article.body


def test_export_labels_open_and_stay_inside_an_article() -> None:
    """Regression: "FULL TEXT." and the dateline after it were taken for a new article."""
    first = _wrap(
        "Sweden joined a joint air-policing mission over the Baltic states on Monday, the "
        "armed forces in Stockholm said.",
        "Four Gripen fighters will be based in Lithuania until the end of the year.",
        "The mission has run since 2004.",
    )
    second = (
        "ABSTRACT.\n"
        + _wrap("A new rail link will speed up military transport across Poland.")
        + "FULL TEXT.\n"
        + _wrap(
            "WARSAW — Poland will build a rail link to carry heavy armor east, officials said "
            "on Tuesday.",
            "Work starts next spring.",
        )
    )
    seg = segment(first + second)
    assert [a.first_line for a in seg.articles] == [1, 5]
    assert seg.articles[1].dateline is None  # the lede is the abstract, not the dateline
    assert "FULL TEXT." in seg.articles[1].body


def _export_article(headline: str) -> str:
    return (
        headline
        + "\nABSTRACT.\n"
        + _wrap("A new rail link will speed up military transport across Poland.")
        + "FULL TEXT.\n"
        + _wrap(
            "Poland will build a rail link to carry heavy armor east, officials said on Tuesday.",
            "Work starts next spring, and the first trains should run in 2029.",
        )
    )


_AIR_POLICING = _wrap(
    "Sweden joined a joint air-policing mission over the Baltic states on Monday, the armed "
    "forces in Stockholm said.",
    "Four Gripen fighters will be based in Lithuania until the end of the year.",
    "The mission has run since 2004.",
)


def test_a_closing_link_line_above_an_export_label_stays_with_the_article_before() -> None:
    seg = segment(_AIR_POLICING + _export_article("Mission details: example.org/air-policing."))
    assert [a.first_line for a in seg.articles] == [1, 6]
    assert "example.org" in seg.articles[0].body


@pytest.mark.parametrize(
    "closing", ["Poland will host the next rotation.", "Poland is next in line."]
)
def test_one_headline_line_sits_over_an_export_label(closing: str) -> None:
    # The closing one-liner shares a word with the article below, yet stays above it.
    seg = segment(_AIR_POLICING + _wrap(closing) + _export_article("Rails for tanks."))
    assert [a.first_line for a in seg.articles] == [1, 6]
    assert seg.articles[0].body.endswith(closing)
    assert seg.articles[1].title == "Rails for tanks."


@pytest.mark.parametrize(
    ("title", "is_marked"),
    [
        # An export's title line over its label is as sure a start as the label...
        ("Poland To Build Rail Link For Tanks", True),
        ("Rails for tanks; Economic Scene", True),
        # ... a short sentence there may be the close of the article before, when the export
        # printed no title: decoding weighs it.
        ("Poland is next in line.", False),
    ],
)
def test_a_headline_case_title_over_an_export_label_is_a_marked_start(
    title: str, is_marked: bool
) -> None:
    texts = [
        "Sweden joined a joint air-policing mission over the Baltic states on Monday.",
        "Four Gripen fighters will be based in Lithuania until the end of the year.",
        title,
        "ABSTRACT.",
        "A new rail link will speed up military transport across Poland.",
    ]
    blocks = [_block(t, k + 1) for k, t in enumerate(texts)]
    running = Running()
    for text in texts[:2]:
        running.add(text)
    _, why, _ = candidate(blocks, 2, running, WIDTH, {})
    assert "label-ahead" in why
    assert marked(why) is is_marked


@pytest.mark.parametrize(
    "header", ["WHAT THE SHIPYARD WANTS NEXT.", "WHAT THE SHIPYARD WANTS NEXT", "THE MONEY."]
)
def test_a_section_header_in_capitals_is_no_marked_headline_stop_or_not(header: str) -> None:
    # Capitals say nothing of Headline Case: a header in capitals over a paragraph on other
    # things than the article so far is a section of it, whatever its final stop.
    texts = [
        "Norway will buy two more submarines, the defense ministry said on Monday.",
        "The boats will be built in Kiel alongside the German navy's own order.",
        header,
        "Union leaders at the yard want a pay rise before the welders start overtime.",
    ]
    assert 0 < heading_score(_block(header), WIDTH) < W_HEADING_STRONG
    blocks = [_block(t, k + 1) for k, t in enumerate(texts)]
    running = Running()
    for text in texts[:2]:
        running.add(text)
    _, why, _ = candidate(blocks, 2, running, WIDTH, {})
    assert not marked(why)


def test_a_prose_one_liner_over_an_export_label_closes_the_article_before() -> None:
    closing = "The ministry in Warsaw did not respond to a request for comment."
    seg = segment(_AIR_POLICING + _wrap(closing) + _export_article("")[1:])
    assert [a.first_line for a in seg.articles] == [1, 6]
    assert seg.articles[0].body.endswith(closing)
    assert seg.articles[1].title is None
    assert seg.articles[1].body.startswith("ABSTRACT.")


def test_an_export_label_after_a_credit_line_is_not_read_as_the_credit_wrapping() -> None:
    credit = "First published on Example Wire, May 4, 2026 | By Ana Ruiz and Tom Becker"
    assert len(credit) + len(" ABSTRACT.") > WIDTH
    text = _AIR_POLICING + credit + "\n" + _export_article("")[1:]
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 6]
    assert seg.articles[1].body.startswith("ABSTRACT.")


def test_source_span_is_the_raw_text_of_the_article() -> None:
    text = "Tag - Navy\n" + _wrap(
        "Spain ordered four new frigates from its state shipyard on Monday.",
        "The first ship is due in 2030.",
    )
    (article,) = segment(text).articles
    start, end = article.span
    assert text[start:end] == text[len("Tag - Navy\n") :].rstrip("\n")


# --- properties ---------------------------------------------------------------------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
_SENTENCE = st.lists(_WORD, min_size=3, max_size=18).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=5).map(" ".join)


def _unambiguous(paragraphs: list[str], width: int) -> bool:
    """True when every paragraph end is visible to the fit rule with a column to spare."""
    for a, b in zip(paragraphs, paragraphs[1:], strict=False):
        last = textwrap.wrap(a, WIDTH)[-1]
        if len(last) + 1 + len(b.split()[0]) >= width:
            return False
    return True


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_unwrap_inverts_textwrap(paragraphs: list[str]) -> None:
    wrapped = "\n".join(line for p in paragraphs for line in textwrap.wrap(p, WIDTH))
    # The width is estimated from the text itself; a paragraph end is recoverable when the
    # next first word would have fitted within that estimate.
    width = estimate_wrap_width([len(line) for line in wrapped.splitlines()])
    assume(_unambiguous(paragraphs, width))
    assert unwrap(wrapped) == paragraphs


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_unwrap_never_loses_or_reorders_words(paragraphs: list[str]) -> None:
    wrapped = "\n".join(line for p in paragraphs for line in textwrap.wrap(p, WIDTH))
    assert " ".join(unwrap(wrapped)).split() == " ".join(paragraphs).split()


_NOISE = st.sampled_from(["Tag - Defense", "First published on X.example, May 1, 2025 | By Jo Ro"])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(_PARAGRAPH, min_size=1, max_size=4), st.booleans()),
        min_size=1,
        max_size=4,
    )
)
def test_segment_loses_no_body_text(articles: list[tuple[list[str], bool]]) -> None:
    """Every word of every paragraph is in exactly one article body, in input order."""
    lines: list[str] = []
    for paragraphs, noisy in articles:
        if noisy:
            lines.append("Tag - Defense")
        lines.extend(line for p in paragraphs for line in textwrap.wrap(p, WIDTH))
    text = "\n".join(lines) + "\n"
    seg = segment(text)
    words_in = [w for paragraphs, _ in articles for p in paragraphs for w in p.split()]
    words_out: list[str] = []
    for article in seg.articles:
        words_out.extend((article.title or "").split())
        words_out.extend(article.body.split())
    assert words_out == words_in
    body_lines = [n for a in seg.articles for n in (*a.title_lines, *a.body_lines)]
    assert body_lines == sorted(set(body_lines))
    assert re.search(r"Tag - ", " ".join(a.body for a in seg.articles)) is None


# --- regressions ----------------------------------------------------------------------------


def test_quote_ending_in_comma_before_lowercase_attribution_is_not_a_headline() -> None:
    # examples/dump.txt: a quote line ending ',”' wrapped before "said Owen Pritchard, ..." was
    # taken for the headline of a new article.
    text = (
        "LONDON — The navy will order six new patrol boats for the Channel, the defense\n"
        "minister told parliament on Monday, in a deal worth about £400 million.\n"
        "The boats will be built at two yards in Scotland and delivered from 2028 onward.\n"
        "“Speed matters more than size now, and these boats are quick to build and crew,”\n"
        "said Owen Pritchard, a former naval officer who now advises the shipbuilders.\n"
        "Unions welcomed the order but warned that the yards were short of welders.\n"
    )
    seg = segment(text)
    assert len(seg.articles) == 1
    assert seg.articles[0].title is None
    assert any("crew,” said Owen Pritchard" in p.text for p in seg.articles[0].paragraphs)


def test_example_dump_has_three_articles() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "dump.txt"
    seg = segment(path.read_text(encoding="utf-8"))
    assert len(seg.articles) == 3
    assert all(a.title is None or not a.title.endswith(",”") for a in seg.articles)


def test_a_double_spaced_dump_splits_as_the_same_dump_single_spaced() -> None:
    # Some tools paste a dump with a blank line after every line: there the blank lines say
    # nothing about paragraphs, and the wrapping does.
    path = Path(__file__).resolve().parents[2] / "examples" / "dump.txt"
    single = path.read_text(encoding="utf-8")
    double = single.replace("\n", "\n\n")
    want, got = segment(single).articles, segment(double).articles
    assert [a.first_line for a in got] == [2 * a.first_line - 1 for a in want]
    assert [a.body for a in got] == [a.body for a in want]
    for a, b in zip(got, want, strict=True):
        # Each span is the article's own stretch of the double-spaced input.
        assert double[slice(*a.span)].replace("\n\n", "\n") == single[slice(*b.span)]


def test_blank_lines_between_paragraphs_still_end_them() -> None:
    paragraphs = [
        "OSLO — Norway will buy two more submarines, the defense ministry said on Monday, "
        "raising its order to six boats built together with Germany.",
        "The first of the new boats is due in 2029.",
        "Parliament approved the purchase last week after a short debate.",
    ]
    text = "\n\n".join(textwrap.fill(p, WIDTH) for p in paragraphs) + "\n"
    (article,) = segment(text).articles
    assert [p.text for p in article.paragraphs] == paragraphs


def test_a_headline_case_line_wrapped_after_a_stop_runs_on() -> None:
    line = "Navy Plans To Station Three More Destroyers At Rota To Guard Allies In The U.S."
    width = 80  # "As" would not have fitted
    assert break_kind(line, "As Tensions Rise.", width) == ""
    assert break_kind(line[:-5] + "‘Ready Now’", "Minister Says.", width) == ""
    # A sentence under it, a list of names, or an export label under it are paragraphs.
    assert break_kind(line, "As tensions rise, officials said.", width) == "soft"
    names = "Photo: Ana Holm, Tom Vale, Lea Brandt, Mikk Saar And Pia Sand In Riga Last June."
    assert break_kind(names, "Harbour Courier.", width) == "soft"
    assert break_kind(line, "ABSTRACT.", width) == "soft"
    text = _wrap(
        "Estonia opened a second shell plant on Monday, officials in Tallinn said, doubling "
        "the country's output of artillery ammunition within a year.",
        "The plant, built with Finnish partners, will make 155 mm rounds for howitzers and "
        "employ about three hundred workers from the region.",
        "The factory will also supply Latvia and Lithuania under a shared purchasing deal "
        "agreed last spring, the plant's owners said.",
        "Production starts in the autumn, and the first shells go to Estonian gun crews.",
    ) + (
        line + "\n"
        "As Tensions Rise.\n"
        + _wrap(
            "ROTA, Spain — Two more destroyers will be based at Rota from next year, the Navy "
            "said on Tuesday.",
            "The ships will guard allies against missile attacks.",
        )
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 8]
    assert seg.articles[1].title == line + " As Tensions Rise."


# --- boundary evidence ----------------------------------------------------------------------


def _block(text: str, number: int = 1) -> Block:
    return Block([Line(number, 0, len(text), text)], "hard")


def test_orphan_surnames_follow_the_first_mention_convention() -> None:
    running = Running()
    running.add("Defense Minister Karla Brandtner said on Monday that the frigate order stands.")
    running.add("Brandtner told lawmakers the first ship would be ready in 2029.")
    continuing = [_block("Brandtner also said the navy needed more sailors.")]
    assert _orphan_surnames(continuing, 0, running) == 1
    # A new article introduces the same person again before using the surname alone.
    reintroduced = [_block("Karla Brandtner, the defense minister, opened a shipyard. Brandtner")]
    assert _orphan_surnames(reintroduced, 0, running) == 0
    unrelated = [_block("Heavy rain closed two motorways near the coast on Tuesday.")]
    assert _orphan_surnames(unrelated, 0, running) == 0


@pytest.mark.parametrize(
    ("lede", "continues"),
    [
        ("Q: Will the navy get the frigates it asked for by 2029?", True),
        ("A: Two of them, if the shipyard in Kiel keeps to its schedule.", True),
        ("QUESTION: What does the ministry say about the delay?", True),
        # An article opening on "A" is no answer.
        ("A new frigate for the navy was launched in Kiel on Monday.", False),
    ],
)
def test_a_question_or_answer_of_an_interview_continues_it(lede: str, continues: bool) -> None:
    running = Running()
    running.add("Defense Minister Karla Brandtner spoke to us about the frigate order.")
    _, why = _lede_score(_block(lede), running)
    assert ("continuation" in why) is continues


def test_recurring_names_say_whether_a_lede_brings_the_people_of_its_story() -> None:
    running = Running()
    running.add("The port authority of Westhaven ordered a review of three crane contracts.")
    running.add("Auditors said the contracts had been signed without a second bid.")
    lede = "Defense Minister Karla Brandtner opened the Kiel shipyard on Monday."
    # A lede's people and places are what its story goes on about ...
    story = [
        _block(lede),
        _block("Brandtner said the yard would build four frigates."),
        _block("The Kiel yard employs 900 people."),
    ]
    # (Kiel and Brandtner again; the first name, as news writes it, only once.)
    assert _recurring_names(story, 0, running) == pytest.approx(2 / 3)
    # ... a paragraph inside an article may bring in someone it mentions once.
    aside = [
        _block(lede),
        _block("The auditors said the port authority had ignored two warnings."),
        _block("The review of the crane contracts will take six weeks."),
    ]
    assert _recurring_names(aside, 0, running) == 0.0
    # Nothing to judge: no new name, or no text after it.
    assert (
        _recurring_names([_block("Auditors said the review would take weeks.")], 0, running) is None
    )
    assert _recurring_names([_block(lede)], 0, running) is None


def test_headline_after_a_credit_line_stays_with_the_dateline_article() -> None:
    text = (
        _wrap(
            "Poland signed a contract for 96 attack helicopters on Tuesday, the largest order "
            "in the history of its army aviation, the defense ministry said.",
            "Deliveries are due to start in 2028 and run for six years.",
            "The ministry did not give the price.",
        )
        + "First published on Example Wire, May 4, 2026 | By Ana Ruiz\n"
        + _wrap(
            "A sharper tone as talks stall.",
            "VILNIUS — Lithuania and Poland traded sharp words on Wednesday over a stalled "
            "rail project meant to link the Baltic states to the European network.",
            "Officials on both sides said the next meeting had not been scheduled.",
        )
    )
    seg = segment(text)
    assert len(seg.articles) == 2
    assert seg.articles[1].title == "A sharper tone as talks stall."
    assert seg.articles[1].dateline == "VILNIUS"


def test_a_copyright_footer_wrapped_over_lines_is_noise_not_a_new_article() -> None:
    footer = (
        "Copyright © 2026 Example Wire Service. All rights reserved. This dispatch may not be "
        "copied, broadcast, rewritten or sold on in any form without written consent of the "
        "wire service."
    )
    text = _wrap(
        "The coast guard of Malta said on Monday it had towed a disabled cargo ship into "
        "port after its engine failed in a storm south of the island.",
        "None of the 14 crew members was hurt, a spokesman said.",
        footer,
    ) + _wrap(
        "Farmers in northern Spain blocked three motorways on Tuesday to protest against "
        "cheaper imports and rising fuel prices, police said.",
        "Traffic was diverted for several hours before the tractors left.",
    )
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines, 1) if line.startswith("Copyright"))
    footer_lines = list(range(first, first + len(textwrap.wrap(footer, WIDTH))))
    assert len(footer_lines) == 3 and lines[footer_lines[1] - 1][:1].islower()
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, footer_lines[-1] + 1]
    kept = {n for a in seg.articles for n in a.body_lines}
    assert not kept & set(footer_lines)


def test_a_short_line_in_headlinese_is_more_heading_shaped_than_one_in_prose() -> None:
    headlinese = heading_score(_block("Navy orders two frigates from Kiel yard."), WIDTH)
    prose = heading_score(_block("She also said the frigates would be late."), WIDTH)
    article = heading_score(_block("The frigates will be late."), WIDTH)
    assert headlinese > prose > 0
    assert headlinese > article > 0


def test_a_headline_with_a_deck_may_use_abbreviations() -> None:
    # "Headline; Deck" is a strong heading; the stops of "Gov." or "vs." end no sentence.
    deck = "Gov. backs Calif. port vs. Wash. rival;  Critics see years of delay for the yard"
    assert heading_score(_block(deck), WIDTH) == W_HEADING_STRONG
    # A stop after a plain word still ends a sentence: no deck there.
    prose = "The port won. Critics left;  Others stayed behind at the old yard"
    assert heading_score(_block(prose), WIDTH) < W_HEADING_STRONG


def test_a_headline_may_run_on_over_a_semicolon_before_its_deck() -> None:
    first = Line(
        1, 0, 79, "Navy wins in Kiel, Rota and Gdynia; two yards locked up;  Army keeps Riga,"
    )
    second = Line(2, 80, 110, "vows to fight on in the Senate.")
    assert heading_score(Block([first, second], "hard"), WIDTH) == W_HEADING_STRONG
    # Without a capital after any semicolon it stays a sentence run over two lines.
    lower = Line(1, 0, 79, first.text.replace("Army", "army"))
    assert heading_score(Block([lower, second], "hard"), WIDTH) == 0.0


def test_a_long_one_line_sentence_may_be_a_headline() -> None:
    # Sixteen words, on one line: as heading-shaped as a short one.
    long = "Navy orders two more frigates from the Kiel yard as the Baltic fleet ages faster"
    assert len(long.split()) == 15 and len(long) <= WIDTH
    assert heading_score(_block(long + " still."), WIDTH) == W_SHORT_LINE
    # Two lines of prose are no heading.
    two = Block([Line(1, 0, 60, long), Line(2, 61, 90, "than the ministry had planned.")], "hard")
    assert heading_score(two, WIDTH) == 0.0


def test_reported_speech_line_is_not_headline_shaped() -> None:
    assert heading_score(_block("Cheaper drones come first."), WIDTH) > 0
    assert heading_score(_block("Cheaper drones come first, she said."), WIDTH) == 0
    assert heading_score(_block("Cheaper drones come first, they told reporters."), WIDTH) == 0


def test_past_tense_prose_is_not_headlinese() -> None:
    headlinese = heading_score(_block("Officials unavailable for comment."), WIDTH)
    prose = heading_score(_block("Officials were not available for comment."), WIDTH)
    assert headlinese > prose > 0


@pytest.mark.parametrize(
    "line",
    ["Ships Will Sail In March.”", 'Ships will sail in March."', "Ships will sail in March.'\""],
)
def test_the_close_of_a_quotation_begun_above_is_not_headline_shaped(line: str) -> None:
    assert heading_score(_block(line.replace('"', "").replace("”", "")), WIDTH) > 0
    assert heading_score(_block(line), WIDTH) == 0
    quoted = "“Ships Will Sail In March.”" if "”" in line else '"Ships will sail in March."'
    assert heading_score(_block(quoted), WIDTH) > 0


def test_a_line_handing_over_to_what_follows_is_not_headline_shaped() -> None:
    assert heading_score(_block("Navy Answers Its Critics"), WIDTH) > 0
    assert heading_score(_block("Navy Answers Its Critics:"), WIDTH) == 0
    assert heading_score(_block("The navy answered its critics on the radio:"), WIDTH) == 0


def test_a_date_alone_is_not_headline_shaped() -> None:
    assert heading_score(_block("Frigate Deal Signed In Kiel."), WIDTH) > 0
    assert heading_score(_block("Friday, June 12, 2026."), WIDTH) == 0


def test_a_rule_line_never_opens_an_article() -> None:
    blocks = [_block("The navy said the trial went well.", 1), _block("___", 2)]
    score, why, _ = candidate(blocks, 1, Running(), WIDTH, {})
    assert score < 0
    assert why == ["rule"]


# --- headline attachment --------------------------------------------------------------------

_OLD_ARTICLE = [
    "The army took delivery of the first batch of tracked howitzers from the factory in the "
    "north on Monday, the procurement agency said in a statement.",
    "The howitzers replace guns that were sent abroad last year, and crews begin training on "
    "them at the artillery school next month.",
]
_NEW_LEDE = (
    "Coastal radar stations along the southern shore will be replaced by 2030 under a plan the "
    "interior ministry presented to lawmakers, officials said on Thursday."
)


def _article_blocks(*texts: str) -> tuple[list[Block], dict[str, float]]:
    blocks = [_block(t, k + 1) for k, t in enumerate(texts)]
    idf = dict.fromkeys(content_words(" ".join(texts)), 2.0)
    return blocks, idf


@pytest.mark.parametrize(
    ("headline", "is_marked"),
    [
        ("The Quiet Work Of Clearing Mines", True),
        # A short sentence under a closing line is weaker evidence: decoding weighs it.
        ("Divers train for the work ahead.", False),
    ],
)
def test_a_headline_under_a_closing_line_is_a_marked_start(headline: str, is_marked: bool) -> None:
    blocks, idf = _article_blocks(
        *_OLD_ARTICLE,
        "This story has been updated with comments from the ministry.",
        headline,
        "Divers trained off Rome on Monday for the mine clearance ahead.",
    )
    running = Running()
    for text in _OLD_ARTICLE:
        running.add(text)
    _, why, lede = candidate(blocks, len(_OLD_ARTICLE) + 1, running, WIDTH, idf)
    assert lede == len(_OLD_ARTICLE) + 2
    assert "article-end" in why
    assert marked(why) is is_marked


@pytest.mark.parametrize(
    ("headline", "lede", "is_marked"),
    [
        # Another story under the headline: an article, however short it turns out.
        ("Coastal Radar Stations To Be Replaced By 2030", _NEW_LEDE, True),
        # The story so far goes on under it: a section head, weighed by decoding.
        (
            "Howitzer Crews To Begin Training Next Month",
            "Crews of the new tracked howitzers begin training at the artillery school next "
            "month, the procurement agency said, once the guns sent abroad are replaced.",
            False,
        ),
    ],
)
def test_a_headline_case_title_over_another_story_is_a_marked_start(
    headline: str, lede: str, is_marked: bool
) -> None:
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, lede)
    running = Running()
    for text in _OLD_ARTICLE:
        running.add(text)
    _, why, index = candidate(blocks, len(_OLD_ARTICLE), running, WIDTH, idf)
    assert index == len(_OLD_ARTICLE) + 1
    assert "title-affinity" in why
    assert marked(why) is is_marked


def test_headline_left_at_the_end_of_the_article_before_moves_to_the_next_start() -> None:
    headline = "Southern coast to get new radar stations"
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, _NEW_LEDE)
    starts, titles = [0, 3], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 2]
    assert titles == {2}


def test_closing_one_liner_about_the_article_before_stays_with_it() -> None:
    closing = "Crews will train on the howitzers for six weeks."
    blocks, idf = _article_blocks(*_OLD_ARTICLE, closing, _NEW_LEDE)
    starts, titles = [0, 3], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 3]
    assert titles == set()
    # Sharing no words either way is not enough for reported speech, a quotation's close or
    # a sign-off: closing lines look like that.
    for closing in (
        "Workers reported no delays so far.",
        "Nobody has to wait much longer.”",
        "More pictures to follow soon.",
    ):
        blocks, idf = _article_blocks(*_OLD_ARTICLE, closing, _NEW_LEDE)
        starts, titles = [0, 3], set()
        _attach_headlines(blocks, starts, titles, WIDTH, idf)
        assert starts == [0, 3], closing


@pytest.mark.parametrize(
    "headline", ["Costly upgrade wins backing in parliament.", "A costly upgrade wins backing"]
)
def test_headline_sharing_no_words_moves_when_it_reads_as_one(headline: str) -> None:
    # Headlinese (no article or pronoun first, no final stop or a short sentence) over a lede.
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, _NEW_LEDE)
    assert headline_before(blocks, 3, 0, WIDTH, idf) == (2, True)
    starts, titles = [0, 3], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 2]
    assert titles == {2}
    # Over a sentence the decoding took for the headline: that one is the deck under it.
    deck = "Two more agencies must still sign off."
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, deck, _NEW_LEDE)
    starts, titles = [0, 3], {3}
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert (starts, titles) == ([0, 2], {2})
    # Not over a Headline Case title the decoding found: nothing tops that one.
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, deck.title().rstrip("."), _NEW_LEDE)
    starts, titles = [0, 3], {3}
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert (starts, titles) == ([0, 3], {3})


@pytest.mark.parametrize(
    ("above", "rows", "moves"),
    [
        # Over a Headline Case title, a sentence wrapped over two lines closes the article
        # before, even when it shares words with the story below...
        (
            "Coastal towns along the shore had asked the interior ministry for the radar "
            "stations for years, the army said.",
            2,
            False,
        ),
        # ... and so does a one-line sentence that opens as prose does...
        ("It would bring radar stations to the shore at last.", 1, False),
        # ... a one-line kicker in headlinese tops it.
        ("Radar at last for the southern shore.", 1, True),
    ],
)
def test_only_a_one_line_kicker_tops_a_headline_case_title(
    above: str, rows: int, moves: bool
) -> None:
    title = "Southern Coast To Get New Radar Stations"
    blocks, idf = _article_blocks(*_OLD_ARTICLE, above, title, _NEW_LEDE)
    wrapped = textwrap.wrap(above, WIDTH)
    assert len(wrapped) == rows
    blocks[2] = Block([Line(3 + k, 0, len(r), r) for k, r in enumerate(wrapped)], "hard")
    assert headline_before(blocks, 3, 0, WIDTH, idf) == (2, False)
    starts, titles = [0, 3], {3}
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == ([0, 2] if moves else [0, 3])


def test_headline_named_deeper_in_the_article_below_moves_to_it() -> None:
    # The headline shares "howitzers" with the close above, and its other words with the
    # article below only after the lede's first forty content words.
    headline = "Howitzers lose out as parliament backs radar budget."
    second = (
        "The budget still needs a final vote in parliament, where the radar budget has wide "
        "support; parliament is expected to back the budget before the summer recess."
    )
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, _NEW_LEDE, _LONG_LEDE_TAIL, second)
    starts, titles = [0, 3], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 2]
    # The article below ends where the next one starts: words past it do not count.
    blocks, idf = _article_blocks(
        *_OLD_ARTICLE, headline, _NEW_LEDE, _LONG_LEDE_TAIL, _OLD_ARTICLE[0], second
    )
    starts, titles = [0, 3, 6], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts[1] == 3


_LONG_LEDE_TAIL = (
    "Engineers will dismantle twelve stations built in the seventies, whose antennas rust in the "
    "salt air and whose spare parts are no longer made, and install towers that see low-flying "
    "drones and small boats at twice the distance, the ministry said; coastguard crews are to be "
    "trained on the new consoles over the winter, starting at the northern sites."
)


def test_headline_stacked_over_a_deck_moves_with_it() -> None:
    headline = "Radar stations on the southern coast to be replaced."
    deck = "Lawmakers back a plan worth billions."
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, deck, _NEW_LEDE)
    starts, titles = [0, 4], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 2]
    assert titles == {2}  # the deck stays body text


_SECOND_LEDE = (
    "The navy ordered two frigates from the Kiel shipyard on Friday, the first warships it has "
    "bought in a decade, after parliament approved the money in the spring."
)


@pytest.mark.parametrize(
    ("line", "prints_headlines", "tops"),
    [
        # A kicker that names its subject afresh tops the article below...
        ("A long wait ends.", True, True),
        ("Another first.", True, True),
        # ...but not in a dump whose articles print no headlines (wire copy): there a short
        # sentence over a lede closes the story above it.
        ("A long wait ends.", False, False),
        # A closing line points back at what it closes, whatever the dump prints: a pronoun,
        # past-tense prose, a closed quotation.
        ("It was not a problem for her.", True, False),
        ("They ignored us, too.", True, False),
        ("The factory did not comment.", True, False),
        ("\u201cWe are ready.\u201d", True, False),
        # "US" is the country, not a pronoun.
        ("US patience wears thin.", True, True),
    ],
)
def test_a_short_sentence_over_a_start_tops_it_when_the_dump_prints_decks(
    line: str, prints_headlines: bool, tops: bool
) -> None:
    headline = ["Navy Orders Two Frigates From Kiel"] if prints_headlines else []
    blocks, idf = _article_blocks(
        *_OLD_ARTICLE, line, _NEW_LEDE, _LONG_LEDE_TAIL, *headline, _SECOND_LEDE, _OLD_ARTICLE[1]
    )
    assert reads_as_headline(blocks[2], WIDTH, decks=prints_headlines) is tops
    # Decoding found the two starts: the lede under the line, and the second article (at its
    # headline when the dump prints them).
    second = 5
    starts, titles = [0, 3, second], {second} if prints_headlines else set()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 2 if tops else 3, second]


def test_a_line_sharing_no_words_stays_below_the_article_over_a_headline_that_does() -> None:
    # Decoding found the lede; its headline shares words with it and moves up. The short
    # sentence above that shares words with neither article: it closes the article above, as
    # it would over a Headline Case title (a kicker tops a lede, not a headline over one).
    headline = "Radar stations on the southern coast to be replaced."
    blocks, idf = _article_blocks(
        *_OLD_ARTICLE,
        "A long wait ends.",
        headline,
        _NEW_LEDE,
        _LONG_LEDE_TAIL,
        "Navy Orders Two Frigates From Kiel",
        _SECOND_LEDE,
        _OLD_ARTICLE[1],
    )
    assert reads_as_headline(blocks[2], WIDTH, decks=True)
    starts, titles = [0, 4, 6], {6}
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 3, 6]
    assert 3 in titles


@pytest.mark.parametrize(
    ("line", "moves"),
    [
        # A headline may open on a quoted word...
        ("'Silent' radar stations on the southern coast to be replaced.", True),
        ("\u201cSmart\u201d radar stations for the southern coast.", True),
        # ...a quotation closing the article above is speech, closed by its punctuation.
        ("\u201cThe radar stations on the coast will stay,\u201d she said.", False),
    ],
)
def test_a_headline_may_open_on_a_quoted_word(line: str, moves: bool) -> None:
    blocks, idf = _article_blocks(*_OLD_ARTICLE, line, _NEW_LEDE)
    found = headline_before(blocks, 3, 0, WIDTH, idf)
    assert (found is not None and found[0] == 2) is moves


def test_no_headline_moves_across_a_tag_line() -> None:
    headline = "Southern coast to get new radar stations"
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, _NEW_LEDE)
    blocks[3].noise_before.append(NoiseLine(4, "Tags - Radar", "tag"))
    assert headline_before(blocks, 3, 0, WIDTH, idf) is None


def _two_line_block(first: str, second: str, number: int) -> Block:
    return Block(
        [Line(number, 0, len(first), first), Line(number + 1, 0, len(second), second)], "hard"
    )


def test_a_sentence_case_headline_wrapped_over_two_lines_moves_when_it_names_the_article() -> None:
    first = "Interior ministry plans to replace the radar stations on the southern shore by"
    assert len(first) >= 0.75 * WIDTH
    headline = _two_line_block(first, "2030.", 3)
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline.text, _NEW_LEDE)
    blocks[2] = headline
    assert heading_score(headline, WIDTH) == 0  # a two-line sentence is not heading-shaped
    starts, titles = [0, 3], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 2]
    # The same shape closing the article above, sharing its words, stays there.
    closing = _two_line_block(
        "The artillery school said the crews would train on the howitzers for six weeks", "now.", 3
    )
    blocks[2] = closing
    starts, titles = [0, 3], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 3]


def test_an_article_that_is_only_a_headline_joins_the_next_one() -> None:
    headline = "Southern coast to get new radar stations"
    blocks, idf = _article_blocks(*_OLD_ARTICLE, headline, _NEW_LEDE, _OLD_ARTICLE[1])
    starts, titles = [0, 2, 3], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 2]
    assert titles == {2}
    # Not across a tag line: the tag closes the article the line belongs to.
    blocks[3].noise_before.append(NoiseLine(4, "Tags - Radar", "tag"))
    starts, titles = [0, 2, 3], set[int]()
    _attach_headlines(blocks, starts, titles, WIDTH, idf)
    assert starts == [0, 2, 3]


def test_a_headline_and_deck_over_a_dateline_lede_open_the_dump_as_one_article() -> None:
    text = _wrap(
        "Navy skeptical as budget talks drag on.",
        "Amid fury over delays, the shipyard is seen as part of the problem.",
        "KIEL, Germany - Shipyard workers rallied on Tuesday as the defense ministry delayed "
        "its frigate order for a third time, officials said.",
        "The ministry said a decision would come in the spring.",
        "Workers said the delay put hundreds of jobs at risk.",
    )
    (article,) = segment(text).articles
    assert article.first_line == 1
    assert article.title == "Navy skeptical as budget talks drag on."
    assert article.dateline == "KIEL, Germany"
    # The deck stays body text, as the article prints it.
    assert article.body.startswith("Amid fury over delays")


@pytest.mark.parametrize(
    "tagline",
    [
        "Mara Lindqvist is a senior fellow at the Baltic Security Institute in Tallinn.",
        # A columnist's tagline may give the surname alone.
        "Lindqvist is a Tallinn-based correspondent for the Baltic Courier.",
    ],
)
def test_an_op_ed_author_tagline_closes_the_op_ed(tagline: str) -> None:
    text = _wrap(
        "Our coastal defenses were built for another age, and the radar stations that guard "
        "the southern shore show it every winter.",
        "The ministry knows this. Its own reviews say the stations need replacing.",
        "Until it acts, the shore stays half blind.",
        tagline,
        "Sweden ordered four more air defense systems on Tuesday, the procurement agency "
        "said, doubling its order after a review of the war in Ukraine.",
        "The first systems will be delivered in 2027, the agency said.",
        "Officials did not give the price.",
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 6]
    assert seg.articles[0].body.endswith(tagline)


def test_newsletter_items_with_run_in_capital_heads_stay_one_article() -> None:
    text = _wrap(
        "Good morning. Here is what defense ministries across Europe are talking about "
        "today, from drone walls to shipyard strikes and the cost of new frigates.",
        "DRONE WALL GETS ITS FIRST FUNDS Estonia, Latvia and Lithuania received the first "
        "European money for a line of sensors and jammers along their eastern borders on "
        "Monday, officials in Tallinn said.",
        "SHIPYARD WORKERS WALK OUT IN KIEL Workers at the Kiel yard stopped work on "
        "Tuesday over pay, delaying two frigates for the German navy.",
        "POLAND BUYS MORE TANKS Warsaw signed for another 180 tanks from South Korea on "
        "Wednesday, the ministry in Warsaw announced.",
    )
    assert [a.first_line for a in segment(text).articles] == [1]
    blocks = [_block(p, k + 1) for k, p in enumerate(unwrap(text))]
    idf = dict.fromkeys(content_words(text), 2.0)
    running = Running()
    running.add(blocks[0].text)
    _, why, _ = candidate(blocks, 1, running, WIDTH, idf)
    assert "run-in-head" in why
    # A digest item whose text opens with a quotation is one too.
    blocks[1] = _block("WHY THE WALL MATTERS “Sensors see what patrols miss,” a colonel said.", 2)
    _, why, _ = candidate(blocks, 1, running, WIDTH, idf)
    assert "run-in-head" in why
    # A dateline is no run-in head.
    blocks[1] = _block("RIGA, Latvia — Officials said on Monday that the wall is ready.", 2)
    _, why, _ = candidate(blocks, 1, running, WIDTH, idf)
    assert "run-in-head" not in why


def test_a_list_of_headlines_is_not_a_headline_over_its_lede() -> None:
    blocks = [
        _block("The brigade will be complete by 2027, the minister said on Monday.", 1),
        _block("Latvia Orders More Air Defense Systems From Norway", 2),
        _block("Estonia Opens Its First Drone Training School", 3),
        _block("Officials in Tallinn said the school would train 500 pilots a year.", 4),
    ]
    idf = dict.fromkeys(content_words(" ".join(b.text for b in blocks)), 2.0)
    running = Running()
    running.add(blocks[0].text)
    _, why, lede = candidate(blocks, 1, running, WIDTH, idf)
    assert "title-list" in why
    assert lede == 1  # read as a line of its own, not as the title of the next one
    _, why, lede = candidate(blocks, 2, running, WIDTH, idf)
    assert "title-list" not in why
    assert lede == 3


def test_live_blog_time_stamps_with_a_colon_open_entries_not_articles() -> None:
    blocks = [
        _block("2 p.m.:", 1),
        _block(
            "Defense Minister Lena Ortmann said on Monday that the brigade in Lithuania "
            "would be complete by 2027.",
            2,
        ),
    ]
    idf = dict.fromkeys(content_words(blocks[1].text), 2.0)
    _, why, _ = candidate(blocks, 1, Running(), WIDTH, idf)
    assert "entry-mark" in why


# Two short articles on one subject, with nothing but the line between them to tell them apart.
_BOATS = [
    "The coast guard received its third patrol boat on Monday, officials said, and the "
    "fourth is due to arrive from the yard in the spring of next year.",
    "Crews have trained on the first two boats since the summer, the service said.",
    "The boats will patrol the northern fishing grounds from their base in Tromso.",
]
_PLANES = [
    "The coast guard will also lease two patrol aircraft for the northern fishing grounds "
    "until its own planes are delivered, the ministry said on Tuesday.",
    "The lease runs for three years and costs about forty million euros.",
]


def _body_words(seg: Segmentation) -> list[list[str]]:
    """The words of every article's body, in order."""
    return [a.body.split() for a in seg.articles]


def _words_of(*stories: list[str]) -> list[list[str]]:
    """The words of each story's paragraphs, as :func:`_body_words` gives them."""
    return [" ".join(t).split() for t in stories]


@pytest.mark.parametrize("rule", ["-----", "* * *", "###", "=" * 30, "~~~"])
def test_a_rule_line_between_articles_separates_them(rule: str) -> None:
    first, second = _BOATS, _PLANES
    text = _wrap(*first) + rule + "\n" + _wrap(*second)
    seg = segment(text)
    rule_line = len(_wrap(*first).splitlines()) + 1
    assert [a.first_line for a in seg.articles] == [1, rule_line + 1]
    # The rule is furniture between them: no article's text, but noted where it was.
    assert _body_words(seg) == _words_of(first, second)
    assert [(n.line, n.kind) for n in seg.articles[0].noise] == [(rule_line, "rule")]


def test_rules_over_under_and_between_articles_are_no_text() -> None:
    # The line over the second rule is as long as the wrap: the rule would not have fitted on
    # it, and still it is no part of that paragraph.
    first, second = _BOATS, _PLANES
    assert len(textwrap.wrap(first[-1], WIDTH)[-1]) > WIDTH - 6
    text = "-----\n" + _wrap(*first) + "-----\n" + _wrap(*second) + "-----\n"
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [2, len(_wrap(*first).splitlines()) + 3]
    assert _body_words(seg) == _words_of(first, second)


@pytest.mark.parametrize(
    "form",
    [
        "June 5, 2025",
        "Thursday, June 5, 2025",
        "Published: June 5, 2025",
        "Last updated: Thu June 5, 2025 • 4 min read",
    ],
)
def test_a_date_line_above_an_article_is_its_publication_date_not_its_text(form: str) -> None:
    first, second = _BOATS, _PLANES
    text = form + "\n" + _wrap(*first) + form.replace("June 5", "June 6") + "\n" + _wrap(*second)
    seg = segment(text)
    date_line = 2 + len(_wrap(*first).splitlines())
    assert [a.first_line for a in seg.articles] == [2, date_line + 1]
    assert [a.published for a in seg.articles] == ["2025-06-05", "2025-06-06"]
    assert _body_words(seg) == _words_of(first, second)
    assert [(n.line, n.kind) for n in seg.articles[1].noise] == [(date_line, "date")]


def test_a_source_line_closes_the_article_above_and_an_address_is_no_text() -> None:
    first, second = _BOATS, _PLANES
    at = len(_wrap(*first).splitlines()) + 1
    seg = segment(_wrap(*first) + "Source: Harbour Courier\n" + _wrap(*second))
    assert [a.first_line for a in seg.articles] == [1, at + 1]
    assert [(n.line, n.kind) for n in seg.articles[0].noise] == [(at, "source")]
    # An address alone on a line is furniture, but no sign of a boundary: digests end every
    # item on one.
    seg = segment(_wrap(*first) + "https://example.org/news/123\n" + _wrap(*second))
    assert all("example.org" not in a.body for a in seg.articles)
    assert (at, "link") in [(n.line, n.kind) for a in seg.articles for n in a.noise]


def test_an_address_the_line_above_wraps_into_is_body_text() -> None:
    text = _wrap(
        "The full list of the new patrol boats and their home ports is on the website "
        "https://example.org/coastguard/fleet/patrol-boats-and-home-ports-2025-list",
        "The first boat is due in 2029.",
    )
    assert text.splitlines()[1].startswith("https://")  # the address has a line of its own
    (article,) = segment(text).articles
    assert "https://example.org" in article.body and not article.noise


def test_a_rule_between_live_blog_entries_stays_in_the_story() -> None:
    text = _wrap(
        "The defense ministers of the alliance meet in Brussels today to agree on the next "
        "package of air defense aid, officials said on Monday.",
        "Here are the latest developments:",
        "___",
        "9:15 a.m.",
        "The ministers arrived at the headquarters and began talks behind closed doors, with "
        "air defense at the top of the agenda.",
        "___",
        "10:40 a.m.",
        "The German minister said his country would send two more systems this year.",
    )
    (article,) = segment(text).articles
    assert "___" in article.body and all(n.kind != "rule" for n in article.noise)


def test_a_rule_over_a_time_stamp_opens_an_entry_of_the_same_live_blog() -> None:
    blocks = [_block("___", 1), _block("12:40 p.m.", 2), _block("Crews trained on Monday.", 3)]
    _, at_clock, _ = candidate(blocks, 1, Running(), WIDTH, {})
    _, at_entry, _ = candidate(blocks, 2, Running(), WIDTH, {})
    assert "entry-mark" in at_clock and "entry-mark" in at_entry
    other = [_block("___", 1), _block("Crews trained on Monday, officials said.", 2)]
    assert "after-rule" in candidate(other, 1, Running(), WIDTH, {})[1]


def test_a_headline_case_section_heading_of_the_article_above_is_merged_back() -> None:
    body = [
        "The howitzers arrived at the artillery school on Monday, and crews began training "
        "on the howitzers the same week, the school said.",
        "Crews at the artillery school fire the howitzers twice a week during training.",
        "The Howitzers Move To The School",
        "Instructors at the artillery school said the howitzers and crews were ready.",
        "More crews will train on the howitzers at the school in spring.",
    ]
    blocks, idf = _article_blocks(*body)
    idf = dict.fromkeys(idf, 1.0) | {"howitzers": 2.0, "crews": 2.0, "school": 2.0}
    heading = [f"heading:{W_HEADING_STRONG:.1f}"]
    merged = merge_cohesive(blocks, [0, 2], {2}, {2: [*heading, "title-to-previous"]}, idf)
    assert merged == [0]
    kept = merge_cohesive(blocks, [0, 2], {2}, {2: [*heading, "title-affinity"]}, idf)
    assert kept == [0, 2]


# Three short articles on three stories, for the lines between articles that belong to neither.
_RAIL = [
    "Lithuania and Poland traded sharp words on Wednesday over a stalled rail project that was "
    "meant to link Vilnius with Warsaw by the end of the decade.",
    "Officials on both sides said the next meeting had not been scheduled.",
    "The European Commission, which pays for most of the line, declined to comment.",
]
_COURT = [
    "A court in Lisbon sentenced two former navy officers to prison on Thursday for selling "
    "fuel from a frigate's tanks to private buyers over six years.",
    "Prosecutors said the scheme cost the state more than two million euros.",
    "Both men said they would appeal the verdict.",
]


def _three(first_line: str, second_line: str) -> tuple[str, list[int]]:
    """The boat, rail and court stories with a line over the second and the third; the line
    numbers of those two lines."""
    top = len(_wrap(*_BOATS).splitlines()) + 1
    below = top + len(_wrap(*_RAIL).splitlines()) + 1
    text = _wrap(*_BOATS) + first_line + "\n" + _wrap(*_RAIL) + second_line + "\n" + _wrap(*_COURT)
    return text, [top, below]


def test_a_credit_line_in_a_form_no_pattern_knows_is_no_headline() -> None:
    # Neither line shares a word with the story under it: a headline would.
    text, lines = _three("Ana Ruiz / Harbor Gazette", "More from the Copperfield Post")
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, lines[0] + 1, lines[1] + 1]
    assert [a.title for a in seg.articles] == [None, None, None]
    assert [[(n.line, n.kind) for n in a.noise] for a in seg.articles[1:]] == [
        [(lines[0], "stray")],
        [(lines[1], "stray")],
    ]
    assert _body_words(seg) == _words_of(_BOATS, _RAIL, _COURT)


def test_a_line_in_the_shape_of_a_stray_one_is_stray_though_a_word_matches() -> None:
    # "Lisbon" is in the court story, but the line repeats the shape of the credit above.
    text, lines = _three("Ana Ruiz / Harbor Gazette", "Tom Becker / Lisbon Courier")
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, lines[0] + 1, lines[1] + 1]
    assert [a.title for a in seg.articles] == [None, None, None]


def test_a_stray_line_left_closing_the_article_above_is_no_text_of_it() -> None:
    # Over a headline, the credit line is read as the last line of the boat story; it shares
    # no word with that story either.
    headline = "Rail Talks Stall Between Lithuania and Poland"
    text, lines = _three("Ana Ruiz / Harbor Gazette\n" + headline, "Tom Becker / Lisbon Courier")
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, lines[0] + 1, lines[1] + 2]
    assert [a.title for a in seg.articles] == [None, headline, None]
    assert [(n.line, n.kind) for n in seg.articles[0].noise] == [(lines[0], "stray")]
    assert seg.articles[0].body.split() == " ".join(_BOATS).split()


def test_a_headline_about_its_story_stays_its_title() -> None:
    text, lines = _three(
        "Rail Talks Stall Between Lithuania and Poland", "Navy Officers Jailed in Fuel Case"
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, *lines]
    assert [a.title for a in seg.articles] == [
        None,
        "Rail Talks Stall Between Lithuania and Poland",
        "Navy Officers Jailed in Fuel Case",
    ]


@pytest.mark.parametrize(
    "furniture",
    ["Read more: Poland orders more drones", "Sign up for our daily defense newsletter"],
)
def test_web_page_furniture_inside_a_story_is_no_text_and_no_end(furniture: str) -> None:
    # Promotion of other stories or of a newsletter stands anywhere in a web page's story.
    text = (
        _wrap(_RAIL[0]) + furniture + "\n" + _wrap(*_RAIL[1:]) + "Tag - Courts\n" + _wrap(*_COURT)
    )
    at = len(_wrap(_RAIL[0]).splitlines()) + 1
    seg = segment(text)
    assert _body_words(seg) == _words_of(_RAIL, _COURT)
    assert [(n.line, n.kind) for n in seg.articles[0].noise] == [(at, "furniture")]


def _pages(tops: list[list[str]]) -> tuple[str, list[int]]:
    """The boat, rail and court stories as web pages print them, each under its top lines
    (headline, byline, date line, ...); the text and each story's first line."""
    text = ""
    starts = []
    for top, story in zip(tops, (_BOATS, _RAIL, _COURT), strict=True):
        starts.append(len(text.splitlines()) + 1)
        text += "".join(line + "\n" for line in top) + _wrap(*story)
    return text, starts


def test_a_web_page_article_opens_with_its_headline_over_byline_date_and_furniture() -> None:
    # As pages are pasted: headline, byline, date line, share button, lede.
    tops = [
        (
            "Coast Guard Gets Third Patrol Boat",
            "By Ana Ruiz",
            "Updated 5:32 PM EDT, Thu June 5, 2025",
        ),
        (
            "Rail Talks Stall Between Lithuania and Poland",
            "By Tom Becker",
            "Fri 6 Jun 2025 10.15 BST",
        ),
        ("Navy Officers Jailed in Fuel Case", "By Lena Ortmann", "Published: June 6, 2025"),
    ]
    text, starts = _pages([[*top, "Share this article"] for top in tops])
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == starts
    assert [a.title for a in seg.articles] == [top[0] for top in tops]
    assert [a.byline for a in seg.articles] == [top[1] for top in tops]
    assert [a.published for a in seg.articles] == [
        "2025-06-05T17:32:00-04:00",
        "2025-06-06T10:15:00+01:00",
        "2025-06-06",
    ]
    assert _body_words(seg) == _words_of(_BOATS, _RAIL, _COURT)


def test_a_by_line_under_a_headline_that_fills_the_line_is_no_part_of_it() -> None:
    headline = "Lithuania and Poland Trade Sharp Words as the Talks on a Baltic Rail Link Stall."
    assert len(headline) == WIDTH
    text = (
        _wrap(*_BOATS)
        + f"{headline}\nBy Tom Becker\nUpdated 9:10 AM EDT, Fri June 6, 2025\n"
        + _wrap(*_RAIL)
    )
    seg = segment(text)
    top = len(_wrap(*_BOATS).splitlines()) + 1
    assert [a.first_line for a in seg.articles] == [1, top]
    assert (seg.articles[1].title, seg.articles[1].byline) == (headline, "By Tom Becker")


def test_a_capitals_heading_opening_with_by_is_no_byline() -> None:
    text = _wrap(*_RAIL[:2]) + "BY THE NUMBERS\n" + _wrap(*_RAIL[2:])
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1]
    assert seg.articles[0].byline is None


@pytest.mark.parametrize("share", [False, True])
def test_a_web_page_article_without_a_byline_opens_with_its_headline_over_its_date(
    share: bool,
) -> None:
    # Many pages print no byline: headline, date line (a share button), lede.
    tops = [
        ("Coast Guard Gets Third Patrol Boat", "June 5, 2025"),
        ("Rail Talks Stall Between Lithuania and Poland", "Updated 9:10 AM EDT, Fri June 6, 2025"),
        ("Navy Officers Jailed in Fuel Case", "Last updated: 6 June 2025 • 3 min read"),
    ]
    text, starts = _pages([[*top, "Share this article"] if share else list(top) for top in tops])
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == starts
    assert [a.title for a in seg.articles] == [top[0] for top in tops]
    assert [a.published for a in seg.articles] == [
        "2025-06-05",
        "2025-06-06T09:10:00-04:00",
        "2025-06-06",
    ]
    assert _body_words(seg) == _words_of(_BOATS, _RAIL, _COURT)


def test_a_date_line_between_articles_moves_no_closing_line_down() -> None:
    # The date line closes nothing and tops the court story; the one-line last paragraph above
    # it talks about the rail story and stays its last line.
    closing = "Rail talks resume in Vilnius next month."
    text = _wrap(*_RAIL) + closing + "\n" + "June 6, 2025\n" + _wrap(*_COURT)
    seg = segment(text)
    top = len(_wrap(*_RAIL).splitlines()) + 3
    assert [a.first_line for a in seg.articles] == [1, top]
    assert seg.articles[0].body.split() == " ".join([*_RAIL, closing]).split()
    assert seg.articles[1].published == "2025-06-06"


@pytest.mark.parametrize(
    ("crumbs", "tag"),
    [
        ("Home / World / Europe", "World / Europe"),
        ("Home > Defence > Navy", "Defence > Navy"),
        ("News › Courts", "News › Courts"),
        ("NEWS | COURTS", "NEWS | COURTS"),
        ("World / Europe / Baltics", "World / Europe / Baltics"),
    ],
)
def test_a_breadcrumb_trail_over_a_headline_is_a_tag_line(crumbs: str, tag: str) -> None:
    # A web page's breadcrumb trail sits over its headline: the article starts there, and the
    # headline stays its title.
    headline = "Navy Officers Jailed in Fuel Case"
    text = _wrap(*_RAIL) + f"{crumbs}\n{headline}\n" + _wrap(*_COURT)
    seg = segment(text)
    top = len(_wrap(*_RAIL).splitlines()) + 1
    assert [a.first_line for a in seg.articles] == [1, top + 1]
    assert seg.articles[1].title == headline
    assert seg.articles[1].tags == (tag,)
    assert [(n.line, n.kind) for n in seg.articles[1].noise] == [(top, "tag")]


@pytest.mark.parametrize("heading", ["Most read", "Trending now", "Related stories:", "MORE NEWS"])
@pytest.mark.parametrize("then", ["", "© 2025 Harbor Gazette\n"])
def test_a_list_of_other_stories_under_a_page_heading_is_no_text(heading: str, then: str) -> None:
    # Pages list other stories' headlines under "Most read", "Related stories", ...: those
    # lines are furniture; the next article's own headline, right over its lede, is its title.
    items = ["Minister resigns over rail contract", "Storm closes three ports", "Ferry fares rise"]
    headline = "Navy Officers Jailed in Fuel Case"
    text = _wrap(*_RAIL) + "\n".join([heading, *items]) + "\n" + then + headline + "\n"
    text += _wrap(*_COURT)
    seg = segment(text)
    top = len(text.splitlines()) - len(_wrap(*_COURT).splitlines())
    assert [a.first_line for a in seg.articles] == [1, top]
    assert seg.articles[1].title == headline
    assert _body_words(seg) == _words_of(_RAIL, _COURT)
    first_noise = [(n.text, n.kind) for n in seg.articles[0].noise]
    assert first_noise[:4] == [(heading, "furniture"), *((item, "furniture") for item in items)]


def test_a_list_of_other_stories_over_a_story_without_headline_is_no_title_of_it() -> None:
    # The last listed headline stands right over the next story's lede, but it is about
    # another story: no word of it is in the text below.
    items = ["Minister resigns over rail contract", "Storm closes three ports", "Ferry fares rise"]
    text = _wrap(*_RAIL) + "\n".join(["Most read", *items]) + "\n" + _wrap(*_COURT)
    seg = segment(text)
    top = len(text.splitlines()) - len(_wrap(*_COURT).splitlines()) + 1
    assert [a.first_line for a in seg.articles] == [1, top]
    assert [a.title for a in seg.articles] == [None, None]
    assert _body_words(seg) == _words_of(_RAIL, _COURT)
    assert [n.kind for n in seg.articles[0].noise] == ["furniture"] * 4


def test_one_line_paragraphs_without_a_list_heading_are_no_list() -> None:
    # Short lines without a final stop under ordinary text are section heads or text, never
    # furniture by their shape alone.
    text = _wrap(_RAIL[0]) + "Next steps\n" + _wrap(*_RAIL[1:])
    seg = segment(text)
    assert all(n.kind != "furniture" for a in seg.articles for n in a.noise)
