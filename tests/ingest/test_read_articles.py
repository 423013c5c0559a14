"""The ingest entry points: read_articles over paths and stdin, read_text_input's dispatch,
and format detection by content (sitrep.ingest, sitrep.ingest.detect)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import httpx
import pytest

from sitrep.config import Settings
from sitrep.errors import InputError
from sitrep.ingest import InputFormat, detect_format, read_articles, read_text_input
from sitrep.ingest.fetch import PageFetcher
from sitrep.records import Article

PARAGRAPHS = [
    "VILNIUS — Lithuania will extend the state of alert on its eastern border by another "
    "month, the interior ministry said on Thursday.",
    "Border guards reported that several balloons carrying contraband had crossed the frontier "
    "during the week, and that patrols would be doubled along the most exposed sections.",
]
PAGE = (
    "<!doctype html><html><head><title>Alert extended</title>"
    '<meta property="og:title" content="Lithuania extends border alert"></head><body>'
    "<nav><a href='/'>Home</a></nav><article>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Example Times</footer></body></html>"
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    "<item><title>Alert extended</title><description>"
    + PARAGRAPHS[0]
    + "</description></item></channel></rss>"
)


def _jsonl(*texts: str) -> str:
    return "".join(
        json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
        for i, t in enumerate(texts)
    )


SETTINGS = Settings(max_input_bytes=64 * 1024)


def _read(paths: list[str], stdin: bytes | None = None) -> list[Article | InputError]:
    stream = io.BytesIO(stdin) if stdin is not None else io.BytesIO(b"")
    return list(read_articles(paths, SETTINGS, stdin=stream))


# --- format detection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (PAGE, None, InputFormat.HTML),
        ("\n  <html><body><p>Hi</p></body></html>", None, InputFormat.HTML),
        ("<!-- saved page -->\n<div class='story'><p>Text.</p></div>", None, InputFormat.HTML),
        ("Intro text.<p>One.</p><p>Two.</p><p>Three.</p>", None, InputFormat.HTML),
        (FEED, None, InputFormat.FEED),
        ('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', None,
         InputFormat.FEED),
        ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x"></rdf:RDF>', None, InputFormat.FEED),
        ('<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//x//DTD RSS 0.91//EN" "x.dtd">\n'
         '<rss version="0.91"><channel></channel></rss>', None, InputFormat.FEED),
        (_jsonl("a", "b"), None, InputFormat.JSONL),
        ('[\n  {\n    "id": "x",\n    "text": "a"\n  }\n]', None, InputFormat.JSONL),
        ('{\n  "text": "a"\n}', None, InputFormat.JSONL),
        ("[Photo: a frigate in port]\nThe navy said it was ready.", None, InputFormat.DUMP),
        ('\n\n{"text": "a"}\n', None, InputFormat.JSONL),
        ('{"text": broken\n{"text": "fine"}\n', None, InputFormat.JSONL),
        ("\n".join(PARAGRAPHS), None, InputFormat.DUMP),
        ("The minister said 3 < 4 and left.", None, InputFormat.DUMP),
        ("{curly} braces open this memo, which is prose.", None, InputFormat.DUMP),
    ],
)  # fmt: skip
def test_detect_format_by_content(text: str, name: str | None, expected: InputFormat) -> None:
    assert detect_format(text, name) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # The name does not override clear content...
        (PAGE, "notes.txt", InputFormat.HTML),
        (FEED, "page.html", InputFormat.FEED),
        (_jsonl("a"), "dump.txt", InputFormat.JSONL),
        ("\n".join(PARAGRAPHS), "story.jsonl", InputFormat.DUMP),
        # ...but breaks ties when the content is ambiguous.
        ("{broken json line\n", "lines.jsonl", InputFormat.JSONL),
        ("{broken json line\n", "notes.txt", InputFormat.DUMP),
        ("<story><headline>x</headline></story>", "x.html", InputFormat.HTML),
        ("<channel><item>x</item></channel>", "x.xml", InputFormat.FEED),
    ],
)
def test_extension_only_breaks_ties(text: str, name: str, expected: InputFormat) -> None:
    assert detect_format(text, name) is expected


# --- read_text_input ----------------------------------------------------------------------


def test_read_text_input_dispatches_html() -> None:
    (article,) = read_text_input("posted", PAGE)
    assert isinstance(article, Article)
    assert article.title == "Lithuania extends border alert"
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article.dateline == "VILNIUS"  # read from the lede, text left as it is


def test_byte_order_mark_in_posted_text_is_ignored() -> None:
    (article,) = read_text_input("posted", "\ufeff" + _jsonl(PARAGRAPHS[0]))
    assert isinstance(article, Article)
    assert article.text == PARAGRAPHS[0]


def test_read_text_input_dispatches_feed_and_jsonl() -> None:
    (from_feed,) = read_text_input("posted", FEED)
    assert isinstance(from_feed, Article)
    assert from_feed.title == "Alert extended"
    items = list(read_text_input("posted", _jsonl(PARAGRAPHS[0], PARAGRAPHS[1])))
    assert [a.source_id for a in items if isinstance(a, Article)] == ["0", "1"]


def test_html_without_article_is_one_input_error() -> None:
    (error,) = read_text_input("menu.html", "<html><body><nav>Home | About</nav></body></html>")
    assert isinstance(error, InputError)
    assert str(error) == "menu.html: no article text found in HTML page"


def test_unexpected_reader_failure_becomes_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.ingest.jsonl

    def explode(source: str, text: str) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(sitrep.ingest.jsonl, "read_jsonl", explode)
    (error,) = read_text_input("x.jsonl", _jsonl("a"))
    assert isinstance(error, InputError)
    assert error.reason == "could not read as jsonl: RuntimeError: parser bug"


def test_dump_goes_to_the_dump_reader() -> None:
    text = "\n".join(PARAGRAPHS) + "\n"
    items = list(read_text_input("dump.txt", text))
    articles = [i for i in items if isinstance(i, Article)]
    assert articles, items
    assert all(a.source == "dump.txt" for a in articles)
    assert "Lithuania will extend the state of alert" in articles[0].text


def test_dump_with_windows_line_endings_reads_like_unix_ones() -> None:
    unix = "\n".join(PARAGRAPHS) + "\n"
    windows = unix.replace("\n", "\r\n")
    assert list(read_text_input("a.txt", windows)) == list(read_text_input("a.txt", unix))


# --- read_articles --------------------------------------------------------------------------


def test_missing_path_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(_jsonl(PARAGRAPHS[0]), encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    items = _read([missing, str(good)])
    assert isinstance(items[0], InputError)
    assert str(items[0]) == f"{missing}: no such file or directory"
    assert isinstance(items[1], Article)
    assert items[1].source == str(good)


def test_every_bad_input_yields_one_error_and_good_inputs_still_come_through(
    tmp_path: Path,
) -> None:
    files = {
        "1_random.bin.txt": bytes(range(256)) * 4,
        "2_nuls.txt": b"\x00" * 64,
        "3_empty.txt": b"",
        "4_big.txt": b"word " * 20000,
        "5_lines.jsonl": (_jsonl(PARAGRAPHS[0]) + "{oops\n" + _jsonl(PARAGRAPHS[1])).encode(),
        "6_menu.html": b"<html><body><nav>Home</nav></body></html>",
        "7_page.html": PAGE.encode("utf-8"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    items = _read([str(tmp_path)])
    summary = [
        (Path(i.source).name, i.reason if isinstance(i, InputError) else "article") for i in items
    ]
    raise_it = "set SITREP_MAX_INPUT_BYTES to raise it"
    json_message = "Expecting property name enclosed in double quotes"
    assert summary == [
        ("1_random.bin.txt", "binary content (looks like binary data with 4 NUL bytes), not text"),
        ("2_nuls.txt", "binary content (looks like binary data with 64 NUL bytes), not text"),
        ("3_empty.txt", "empty file"),
        ("4_big.txt", f"is 97.7 KB, over the limit of 64 KB ({raise_it})"),
        ("5_lines.jsonl", "article"),
        ("5_lines.jsonl", f"not valid JSON: {json_message} (column 2)"),
        ("5_lines.jsonl", "article"),
        ("6_menu.html", "no article text found in HTML page"),
        ("7_page.html", "article"),
    ]  # fmt: skip
    assert [i.line for i in items if isinstance(i, InputError)] == [None, None, None, None, 2, None]


def test_directory_walk_is_recursive_sorted_and_skips_hidden_and_documentation(
    tmp_path: Path,
) -> None:
    for rel in ["b.jsonl", "a/2.jsonl", "a/1.jsonl", "c", ".hidden.jsonl", ".git/x.jsonl",
                "README.md"]:  # fmt: skip
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_jsonl(f"Article from {rel} about naval exercises."), encoding="utf-8")
    sources = [i.source for i in _read([str(tmp_path)])]
    assert sources == [str(tmp_path / rel) for rel in ["a/1.jsonl", "a/2.jsonl", "b.jsonl", "c"]]


def test_directory_walk_follows_linked_folders_once_and_names_broken_links(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "s.jsonl").write_text(_jsonl("Article about a frigate order."), encoding="utf-8")
    top = tmp_path / "top"
    (top / "sub").mkdir(parents=True)
    (top / "a.jsonl").write_text(_jsonl("Article about border drills."), encoding="utf-8")
    (top / "linked").symlink_to(shared, target_is_directory=True)
    (top / "again").symlink_to(shared, target_is_directory=True)  # the same folder twice
    (top / "sub" / "loop").symlink_to(top, target_is_directory=True)  # a link back up
    (top / "gone.jsonl").symlink_to(tmp_path / "missing.jsonl")
    items = _read([str(top)])
    articles = [i.source for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert articles == [str(top / "a.jsonl"), str(top / "again" / "s.jsonl")]
    assert [e.source for e in errors] == [str(top / "gone.jsonl")]
    assert "broken symbolic link" in errors[0].reason


def test_named_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.md"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = _read([str(path)])
    assert isinstance(article, Article)
    assert article.title == "Lithuania extends border alert"


def test_binary_file_with_unknown_extension_in_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(_jsonl("Troops held drills near the border."), "utf-8")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 8)
    items = _read([str(tmp_path)])
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.source for e in errors] == [str(tmp_path / "blob.bin")]
    assert "binary content" in errors[0].reason
    assert sum(isinstance(i, Article) for i in items) == 1


def test_directory_without_input_files(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not news", encoding="utf-8")
    (error,) = _read([str(tmp_path)])
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path)
    assert error.reason.startswith("no input files in this directory")


def test_stdin_dash() -> None:
    items = _read(["-"], stdin=_jsonl(PARAGRAPHS[0], PARAGRAPHS[1]).encode("utf-16"))
    assert [i.source for i in items] == ["<stdin>", "<stdin>"]
    assert [i.text for i in items if isinstance(i, Article)] == PARAGRAPHS


def test_stdin_over_limit() -> None:
    (error,) = _read(["-"], stdin=b"x" * (64 * 1024 + 1))
    assert isinstance(error, InputError)
    assert error.source == "<stdin>"
    assert "over the limit of 64 KB" in error.reason


def test_legacy_encoded_file_is_decoded_before_dispatch(tmp_path: Path) -> None:
    text = "Le ministre a déclaré que la frégate appareillerait à l’aube, selon l’état-major."
    path = tmp_path / "fr.jsonl"
    path.write_bytes(_jsonl(text).encode("cp1252"))
    (article,) = _read([str(path)])
    assert isinstance(article, Article)
    assert article.text == text


def test_a_file_name_that_is_not_utf8_is_shown_with_escapes(tmp_path: Path) -> None:
    raw_name = os.fsdecode(b"report-\xff.jsonl")  # Linux keeps any bytes in a name
    (tmp_path / raw_name).write_text(_jsonl("Article about a naval drill."), encoding="utf-8")
    for paths in ([str(tmp_path)], [str(tmp_path / raw_name)]):
        (article,) = _read(paths)
        assert isinstance(article, Article)
        assert article.source == str(tmp_path / "report-\\xff.jsonl")
        article.source.encode("utf-8")  # storable and printable
    missing = str(tmp_path / os.fsdecode(b"gone-\xfe.txt"))
    (error,) = _read([missing])
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path / "gone-\\xfe.txt")


# --- web addresses ----------------------------------------------------------------------


def _web(pages: dict[str, httpx.Response], calls: list[str] | None = None) -> PageFetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        if calls is not None:
            calls.append(str(request.url))
        return pages.get(str(request.url), httpx.Response(404))

    return PageFetcher(max_bytes=SETTINGS.max_input_bytes, transport=httpx.MockTransport(handler))


def test_a_web_address_is_fetched_once_and_read_by_its_content(tmp_path: Path) -> None:
    page_url = "https://news.example.org/alert"
    feed_url = "https://news.example.org/rss"
    calls: list[str] = []
    fetch = _web(
        {
            page_url: httpx.Response(200, text=PAGE, headers={"content-type": "text/html"}),
            feed_url: httpx.Response(
                200, text=FEED, headers={"content-type": "application/rss+xml"}
            ),
        },
        calls,
    )
    local = tmp_path / "a.jsonl"
    local.write_text(_jsonl(PARAGRAPHS[1]), encoding="utf-8")
    items = list(read_articles([page_url, str(local), feed_url], SETTINGS, fetch=fetch))
    assert [(i.source, i.url) for i in items if isinstance(i, Article)] == [
        (page_url, page_url),
        (str(local), None),
        (feed_url, None),
    ]
    assert calls == [page_url, feed_url]


def test_a_web_address_that_cannot_be_read_is_one_error_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    local = tmp_path / "a.jsonl"
    local.write_text(_jsonl(PARAGRAPHS[1]), encoding="utf-8")
    gone = "https://news.example.org/gone"
    pdf = "https://news.example.org/report.pdf"
    fetch = _web(
        {pdf: httpx.Response(200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"})}
    )
    items = list(read_articles([gone, pdf, str(local)], SETTINGS, fetch=fetch))
    assert [(i.source, i.reason if isinstance(i, InputError) else "article") for i in items] == [
        (gone, "the server answered HTTP 404"),
        (pdf, "not a text page (content type application/pdf)"),
        (str(local), "article"),
    ]


def test_a_fetched_page_is_decoded_as_it_declares_itself() -> None:
    body = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "Lithuania will extend", "Lithuania’s minister will extend"
    )
    url = "https://news.example.org/legacy"
    for headers in ({"content-type": "text/html"}, {"content-type": "text/html; charset=cp1252"}):
        fetch = _web({url: httpx.Response(200, content=body.encode("cp1252"), headers=headers)})
        (article,) = read_articles([url], SETTINGS, fetch=fetch)
        assert isinstance(article, Article)
        assert "Lithuania’s minister will extend" in article.text


def test_each_input_is_announced_as_reading_it_begins(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    for name in ("dir/b.jsonl", "dir/a.jsonl", "c.jsonl"):
        (tmp_path / name).write_text(_jsonl(f"Article {name} on naval drills."), "utf-8")
    (tmp_path / "dir" / "README.md").write_text("notes", "utf-8")
    seen: list[str] = []
    paths = [str(tmp_path / "dir"), str(tmp_path / "c.jsonl"), "-", str(tmp_path / "gone.txt")]
    items = list(read_articles(paths, SETTINGS, stdin=io.BytesIO(b""), on_input=seen.append))
    assert seen == [
        str(tmp_path / "dir" / "a.jsonl"),
        str(tmp_path / "dir" / "b.jsonl"),
        str(tmp_path / "c.jsonl"),
        "<stdin>",
        str(tmp_path / "gone.txt"),
    ]
    assert len(items) == 5  # three articles, empty stdin, the missing file
