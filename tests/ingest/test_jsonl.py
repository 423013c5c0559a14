"""JSON Lines input (sitrep.ingest.jsonl): verbatim text, per-line errors, date normalisation."""

from __future__ import annotations

import dataclasses
import json

import pytest

from sitrep.errors import InputError
from sitrep.ingest.dedupe import article_id
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.published import normalize_published
from sitrep.records import Article

TEXT_A = (
    "  WARSAW — Poland signed a deal for 96 attack helicopters on Monday.\r\n\r\nMore follows. "
)
TEXT_B = "The navy said that two frigates would leave port on Friday."


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _errors(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def test_all_fields_are_read_and_text_is_verbatim() -> None:
    line = _line(
        id="x-17",
        title="Poland buys helicopters",
        published="2025-06-02",
        url="https://example.org/pl-helicopters",
        source="Example Daily",
        byline="Anna Nowak",
        dateline="WARSAW",
        tags=["Poland", "procurement"],
        text=TEXT_A,
        extra={"ignored": True},
    )
    (article,) = read_jsonl("in.jsonl", line + "\n")
    assert isinstance(article, Article)
    assert article.text == TEXT_A  # leading spaces, CRLF and trailing space kept
    assert article.id == article_id(TEXT_A)
    assert article.source_id == "x-17"
    assert article.title == "Poland buys helicopters"
    assert article.published == "2025-06-02"
    assert article.url == "https://example.org/pl-helicopters"
    assert article.source == "Example Daily"
    assert article.byline == "Anna Nowak"
    assert article.dateline == "WARSAW"
    assert article.tags == ("Poland", "procurement")


def test_minimal_line_uses_the_input_as_source() -> None:
    (article,) = read_jsonl("feed/lines.jsonl", _line(text=TEXT_B))
    assert isinstance(article, Article)
    assert article.source == "feed/lines.jsonl"
    assert (article.source_id, article.title, article.published) == (None, None, None)


def test_integer_id_becomes_a_string_and_author_fills_byline() -> None:
    (article,) = read_jsonl("in.jsonl", _line(id=42, author="J. Smith", text=TEXT_B))
    assert isinstance(article, Article)
    assert (article.source_id, article.byline) == ("42", "J. Smith")


def test_malformed_lines_are_reported_with_line_numbers_and_good_lines_survive() -> None:
    lines = [
        _line(id="1", text=TEXT_B),
        "{not json",
        "",
        "[1, 2]",
        _line(id="4", title="no text here"),
        _line(id="5", text="   "),
        _line(id="6", text=TEXT_A, title=["a", "list"]),
        _line(id="7", text=12),
        _line(id=True, text=TEXT_B),
        _line(id="9", text=TEXT_A),
    ]
    items = list(read_jsonl("batch.jsonl", "\n".join(lines)))
    assert [a.source_id for a in _articles(items)] == ["1", "9"]
    errors = {e.line: e.reason for e in _errors(items)}
    assert sorted(errors) == [2, 4, 5, 6, 7, 8, 9]
    assert errors[2].startswith("not valid JSON")
    assert errors[4] == "expected a JSON object per line, got a list"
    assert errors[5].startswith('missing "text"')
    assert errors[6] == '"text" is empty'
    assert errors[7] == '"title" must be a string, not a list'
    assert errors[8] == '"text" must be a string, not a number'
    assert errors[9] == '"id" must be a string or an integer, not a boolean'
    assert all(e.source == "batch.jsonl" for e in _errors(items))
    assert str(_errors(items)[0]).startswith("batch.jsonl:2: not valid JSON")


def test_a_text_with_nothing_to_read_is_refused() -> None:
    invisible, rules = "\u200b\u200e \u2060", "* * *"
    lines = [_line(id="1", text=invisible), _line(id="2", text=rules), _line(text=TEXT_A)]
    items = list(read_jsonl("in.jsonl", "\n".join(lines)))
    assert len(_articles(items)) == 1
    assert [(e.line, e.reason) for e in _errors(items)] == [
        (1, '"text" holds nothing to read (only whitespace and invisible characters)'),
        (2, '"text" holds nothing to read (not one letter or digit)'),
    ]


def test_unicode_line_separator_inside_text_does_not_split_the_line() -> None:
    text = "First part.\u2028Second part.\u0085Third part."
    (article,) = read_jsonl("in.jsonl", _line(text=text))
    assert isinstance(article, Article)
    assert article.text == text


def test_unparseable_published_is_dropped_not_guessed_and_noted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = "\n".join(
        [_line(text=TEXT_A, published="2025-09-11"), _line(text=TEXT_B, published="soon-ish")]
    )
    first, second = read_jsonl("in.jsonl", text)
    assert isinstance(second, Article)
    assert second.published is None
    assert [r.getMessage() for r in caplog.records] == [
        "note: in.jsonl:2: \"published\" is 'soon-ish', not a date; stored without one"
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-11", "2025-09-11"),
        ("2025-09", "2025-09"),
        ("2025", "2025"),
        ("2025-09-11T08:30:00+02:00", "2025-09-11T08:30:00+02:00"),
        ("2025-09-11T08:30:00Z", "2025-09-11T08:30:00+00:00"),
        ("September 11, 2025", "2025-09-11"),
        ("11 Sep 2025", "2025-09-11"),
        ("Tue, 16 Sep 2025 08:00:00 GMT", "2025-09-16T08:00:00+00:00"),
        ("September 2025", "2025-09"),
        ("12 septembre 2025", "2025-09-12"),
        ("yesterday", None),
        ("now", None),
        ("Sept. 3", None),
        ("not a date at all", None),
        ("", None),
    ],
)
def test_normalize_published(value: str, expected: str | None) -> None:
    assert normalize_published(value) == expected


def test_json_array_of_articles_with_a_bad_item() -> None:
    document = json.dumps(
        [{"id": "a", "text": TEXT_B}, {"id": "b"}, "not an object", {"id": "c", "text": TEXT_A}],
        indent=2,
    )
    items = list(read_jsonl("export.json", document))
    assert [a.source_id for a in _articles(items)] == ["a", "c"]
    assert [e.reason for e in _errors(items)] == [
        'item 2 of the JSON array: missing "text" (each line needs the article text in "text")',
        "item 3 of the JSON array: expected an object, got a string",
    ]


def test_single_pretty_printed_object() -> None:
    (article,) = read_jsonl("one.json", json.dumps({"title": "T", "text": TEXT_B}, indent=2))
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("T", TEXT_B)


# --- sitrep's own output (extract, export) read back -------------------------------------


def _contract_file() -> tuple[Article, str]:
    from sitrep.records import Quote, TextSpan

    article = Article(
        id=article_id(TEXT_B),
        text=TEXT_B,
        source="dumps/monday.txt",
        source_id="wire-9",
        source_span=(120, 180),
        title="Frigates to sail",
        dateline="TOULON",
        byline="Claire Martin",
        published="2025-03-07",
        url="https://example.org/frigates",
        tags=("Navy",),
        duplicate_of="art_0000000000000000",
    )
    quote = Quote(
        id="quo_1",
        article=article.id,
        span=(18, 58),
        text="two frigates would leave port on Friday",
        kind="indirect",
        speaker="The navy",
        speaker_mention=TextSpan("The navy", (0, 8)),
        cue=TextSpan("said", (9, 13)),
    )
    lines = [article.to_dict(), quote.to_dict(), quote.to_dict() | {"id": "quo_2"}]
    return article, "".join(json.dumps(line) + "\n" for line in lines)


def test_an_extract_or_export_file_gives_back_its_articles_and_skips_their_records(
    caplog: pytest.LogCaptureFixture,
) -> None:
    original, text = _contract_file()
    (article,) = list(read_jsonl("export.jsonl", text))
    assert isinstance(article, Article)
    # Every field comes back as it was, except the link to a copy, which the store decides.
    assert article == dataclasses.replace(original, duplicate_of=None)
    assert [r.getMessage() for r in caplog.records] == [
        "note: export.jsonl: skipped 2 extract records (quote) that are not articles: "
        "sitrep analyses their articles again"
    ]


def test_a_file_of_extract_records_without_articles_is_one_error() -> None:
    _, text = _contract_file()
    only_quotes = "".join(text.splitlines(keepends=True)[1:])
    (error,) = list(read_jsonl("quotes.jsonl", only_quotes))
    assert isinstance(error, InputError)
    assert error.reason == (
        "holds 2 extract records (quote) but no article: sitrep reads articles; "
        "sitrep export writes them with their records"
    )


def test_other_tools_type_fields_are_not_mistaken_for_sitreps() -> None:
    line = _line(type="article", id="cms-4", text=TEXT_B)
    other = _line(type="quote", id="cms-5", text=TEXT_A)
    articles = _articles(list(read_jsonl("cms.jsonl", line + "\n" + other + "\n")))
    assert [a.source_id for a in articles] == ["cms-4", "cms-5"]
