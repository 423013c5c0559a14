"""Highlighted article text: escaped pieces, well-nested tags, whatever the spans and the text."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from sitrep.api.models import QuoteOut, TextSpanOut
from sitrep.web.highlight import Mark, highlight, marks_for


class Tree(HTMLParser):
    """Checks nesting while collecting the text and the elements of a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), len(self.stack)))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == []
    return tree


def test_text_without_marks_is_escaped() -> None:
    text = '<script>alert("x")</script> & more'
    html = str(highlight(text, []))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "".join(parse(html).text) == text


def test_nested_marks_nest() -> None:
    text = "He said: “Drones crossed the border,” Kadri Saar said."
    event = Mark(0, len(text), "event", "e1", "ASSAULT")
    quote = Mark(text.index("Drones"), text.index(",”") + 1, "quote", "q1", "Kadri Saar · said")
    drone = Mark(text.index("Drones"), text.index("Drones") + 6, "figure", "f1", "count")
    tree = parse(str(highlight(text, [drone, quote, event])))
    depth = {attrs["data-record"]: d for _, attrs, d in tree.elements}
    assert depth == {"e1": 0, "q1": 1, "f1": 2}


def test_crossing_marks_are_split_and_only_the_first_piece_has_the_id() -> None:
    text = "abcdefghijklmnop"
    html = str(highlight(text, [Mark(0, 10, "quote", "a"), Mark(5, 15, "figure", "b")]))
    tree = parse(html)
    assert "".join(tree.text) == text
    pieces = [attrs for _, attrs, _ in tree.elements if attrs["data-record"] == "b"]
    assert len(pieces) == 2
    assert [p.get("id") for p in pieces] == ["r-b", None]


def test_invalid_spans_are_ignored() -> None:
    text = "short text"
    html = str(
        highlight(
            text,
            [
                Mark(5, 5, "date", "empty"),
                Mark(3, 99, "date", "past"),
                Mark(-1, 2, "date", "negative"),
                Mark(6, 3, "date", "reversed"),
            ],
        )
    )
    assert html == "short text"


def test_links_never_nest() -> None:
    text = "Minister Kadri Saar spoke."
    outer = Mark(9, 19, "speaker", "s1", "speaker", "/actors/a")
    inner = Mark(9, 14, "mention", "m1", "Kadri", "/actors/b")
    tree = parse(str(highlight(text, [outer, inner])))
    tags = [(tag, attrs["data-record"]) for tag, attrs, _ in tree.elements]
    assert tags == [("a", "s1"), ("mark", "m1")]


def test_quote_tooltip_names_speaker_and_cue_escaped() -> None:
    text = '“We are ready,” said Evil" onmouseover="x.'
    quote = QuoteOut(
        id="q",
        article="art",
        span=(1, 14),
        text="We are ready,",
        kind="direct",
        speaker='Evil" onmouseover="x',
        speaker_id="act/../x",
        speaker_mention=TextSpanOut(text='Evil" onmouseover="x', span=(21, 41)),
        cue=TextSpanOut(text="said", span=(16, 20)),
    )
    tree = parse(str(highlight(text, marks_for([quote]))))
    [(qtag, qattrs, _), (stag, sattrs, _)] = tree.elements
    assert qtag == "mark" and qattrs["tabindex"] == "0"
    assert qattrs["title"] == 'Evil" onmouseover="x · cue: said (direct quote)'
    assert "onmouseover" not in qattrs
    assert stag == "a" and sattrs["href"] == "/actors/act%2F..%2Fx"


marks = st.builds(
    Mark,
    start=st.integers(-3, 40),
    end=st.integers(-3, 40),
    kind=st.sampled_from(["event", "quote", "speaker", "mention", "figure", "date"]),
    record_id=st.text("abc<>\"'&", min_size=1, max_size=4),
    tip=st.text(max_size=8),
    href=st.one_of(st.none(), st.just("/actors/x")),
)


@given(text=st.text(max_size=40), found=st.lists(marks, max_size=8))
def test_any_marks_give_well_formed_html_with_the_exact_text(text: str, found: list[Mark]) -> None:
    tree = parse(str(highlight(text, found)))
    assert "".join(tree.text) == text
    assert all(tag in ("mark", "a") for tag, _, _ in tree.elements)
