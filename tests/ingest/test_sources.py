"""Reading bytes, refusing what is not text, and decoding what is (sitrep.ingest.sources)."""

from __future__ import annotations

import bz2
import gzip
import io
import random
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import sources
from sitrep.ingest.sources import (
    binary_kind,
    decode_bytes,
    human_size,
    is_input_file,
    read_file_bytes,
    read_stream_bytes,
    walk_files,
)

FRENCH = (
    "Le ministre de la Défense a déclaré jeudi que l’armée française recevrait douze "
    "hélicoptères supplémentaires d’ici à l’été, une décision saluée par l’état-major."
)
ENGLISH_CP1252 = (
    "The café near the base sold “coffee for soldiers” at €2 a cup – a price the "
    "garrison’s commander called “fair”."
)
RUSSIAN = (
    "Министр обороны заявил в четверг, что учения на северном флоте продолжатся до "
    "конца месяца. По его словам, в них участвуют более двадцати кораблей и подводных лодок."
)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (512, "512 bytes"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (50 * 1024 * 1024, "50 MB"),
        (int(2.25 * 1024**3), "2.2 GB"),
    ],
)
def test_human_size(n: int, expected: str) -> None:
    assert human_size(n) == expected


def _reason(data: bytes, source: str = "in.txt") -> str:
    with pytest.raises(InputError) as caught:
        decode_bytes(source, data)
    assert caught.value.source == source
    return caught.value.reason


def test_random_binary_is_refused() -> None:
    data = random.Random(7).randbytes(4096)
    assert _reason(data).startswith("binary content (looks like binary data")
    assert _reason(data).endswith("), not text")


def test_text_file_full_of_nul_bytes_is_refused() -> None:
    reason = _reason(b"\x00" * 300)
    assert reason == "binary content (looks like binary data with 300 NUL bytes), not text"


def test_nul_bytes_inside_otherwise_ascii_text_are_refused() -> None:
    assert "NUL byte" in _reason(b"Troops moved north.\x00\x07\x00 More later." * 3 + b"\x00")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (gzip.compress(b"Drones were seen over the port."), "a gzip archive"),
        (bz2.compress(b"Drones were seen over the port."), "a bzip2 archive"),
        (b"SQLite format 3\x00\x10\x00", "an SQLite database"),
    ],
)
def test_known_binary_formats_are_named(data: bytes, kind: str) -> None:
    assert _reason(data).startswith(f"binary content (looks like {kind}")


@pytest.mark.parametrize("start", [b"%PDF", b"BZh is a call sign", b"ID3 cards", b"PK ratio"])
def test_prose_that_starts_like_a_signature_is_text(start: bytes) -> None:
    assert binary_kind(start + b" mentioned in the briefing on Monday.\n") is None


def test_many_control_bytes_are_refused_without_nul() -> None:
    data = bytes(range(1, 32)) * 20 + b"plain words"
    assert "control bytes" in _reason(data)


def test_text_with_a_few_escape_sequences_is_still_text() -> None:
    data = b"\x1b[1mBREAKING\x1b[0m The ministry confirmed the order.\n"
    assert binary_kind(data) is None
    assert decode_bytes("log.txt", data).text.endswith("confirmed the order.\n")


def test_empty_file() -> None:
    assert _reason(b"") == "empty file"


def test_empty_stdin_says_input_not_file() -> None:
    assert _reason(b"", source=sources.STDIN_NAME) == "empty input"


def test_whitespace_only_file() -> None:
    assert _reason(b" \n\t\r\n ") == "empty file (only whitespace)"


@pytest.mark.parametrize("text", ["\u200b\u202e\u2060 \n" * 20, "\u00a0\u3000\ufeff\n"])
def test_a_file_of_invisible_characters_is_empty(text: str) -> None:
    assert _reason(text.encode("utf-8")) == "empty file (only whitespace and invisible characters)"


@pytest.mark.parametrize("text", ["----\n====\n", "* * *\n", "{\n", "<>\n", "…\n—\n"])
def test_a_file_with_no_letter_or_digit_holds_no_text(text: str) -> None:
    assert _reason(text.encode("utf-8")) == "no text: not one letter or digit"


def test_utf8() -> None:
    decoded = decode_bytes("a.txt", FRENCH.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (FRENCH, "utf-8")


def test_utf8_bom_is_removed() -> None:
    assert decode_bytes("a.txt", b"\xef\xbb\xbf" + FRENCH.encode("utf-8")).text == FRENCH


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    data = FRENCH.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    decoded = decode_bytes("a.txt", data)
    assert decoded.text == FRENCH
    assert decoded.encoding.startswith(codec[:6])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text_not_binary(codec: str) -> None:
    assert decode_bytes("a.txt", FRENCH.encode(codec)).text == FRENCH


def test_latin1() -> None:
    decoded = decode_bytes("a.txt", FRENCH.replace("’", "'").encode("latin-1"))
    assert decoded.text == FRENCH.replace("’", "'")


def test_short_latin1_with_few_accents() -> None:
    text = "Die Übung in Köln endet am Freitag, sagte der Sprecher."
    assert decode_bytes("a.txt", text.encode("latin-1")).text == text


def test_cp1252_curly_quotes_and_euro() -> None:
    decoded = decode_bytes("a.txt", ENGLISH_CP1252.encode("cp1252"))
    assert decoded.text == ENGLISH_CP1252
    assert decoded.encoding == "cp1252"


def test_cyrillic_legacy_encoding_is_not_forced_into_cp1252() -> None:
    assert decode_bytes("a.txt", RUSSIAN.encode("cp1251")).text == RUSSIAN


def test_broken_utf16_after_bom_is_a_clear_error() -> None:
    reason = _reason(b"\xff\xfe" + "Hello".encode("utf-16-le") + b"\x00\xd8")
    assert "not valid UTF-16-LE" in reason
    assert "re-save it as UTF-8" in reason


def test_line_endings_are_kept_verbatim() -> None:
    assert decode_bytes("a.txt", b"one\r\ntwo\r\n").text == "one\r\ntwo\r\n"


def test_file_over_limit_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 3 * 1024 * 1024)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(InputError) as caught:
        read_file_bytes(big, 1024 * 1024)
    assert str(caught.value) == (
        f"{big}: is 3 MB, over the limit of 1 MB (set SITREP_MAX_INPUT_BYTES to raise it)"
    )


def test_file_at_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"y" * 100)
    assert read_file_bytes(path, 100) == b"y" * 100


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        read_file_bytes(tmp_path / "nope.txt", 100, source="nope.txt")


def test_stream_over_limit() -> None:
    with pytest.raises(InputError) as caught:
        read_stream_bytes(io.BytesIO(b"z" * 2049), 2048)
    assert caught.value.source == "<stdin>"
    assert "over the limit of 2 KB" in caught.value.reason


def test_stream_within_limit() -> None:
    assert read_stream_bytes(io.BytesIO(b"abc"), 3) == b"abc"


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/b/c.txt", "c.txt", ".hidden.txt", ".git/x.txt", "a/.swp"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text", encoding="utf-8")
    found = [
        p.relative_to(tmp_path).as_posix() for p in walk_files(tmp_path) if isinstance(p, Path)
    ]
    assert found == ["a/b/c.txt", "a/z.txt", "b.txt", "c.txt"]


@pytest.mark.parametrize(
    ("name", "read"),
    [("dump.txt", True), ("page.HTML", True), ("feed.xml", True), ("lines.jsonl", True),
     ("NOTES", True), ("random.bin", True), ("report.pdf", True), ("README.md", False),
     ("guide.rst", False)],
)  # fmt: skip
def test_directory_walks_skip_only_documentation(name: str, read: bool) -> None:
    assert is_input_file(Path(name)) is read


def test_html_meta_charset_decides_over_guessing() -> None:
    # Too short for a statistical guess (charset-normalizer reads these bytes as UTF-16).
    page = '<html><head><meta charset="koi8-r"></head><body><p>Министр заявил</p></body></html>'
    decoded = decode_bytes("ru.html", page.encode("koi8-r"))
    assert (decoded.text, decoded.encoding) == (page, "koi8-r")


def test_xml_declaration_encoding_latin1_reads_as_cp1252() -> None:
    feed = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>“Défense” €</title></rss>'
    assert decode_bytes("f.xml", feed.encode("cp1252")).text == feed


def test_ascii_label_on_latin1_bytes_reads_as_cp1252() -> None:
    page = '<meta charset="ascii"><p>Die Übung in Köln endet am Freitag.</p>'
    assert decode_bytes("p.html", page.encode("latin-1")).text == page
