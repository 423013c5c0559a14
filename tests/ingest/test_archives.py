"""Compressed files and archives are read as the files they hold (sitrep.ingest.archives)."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tarfile
import zipfile
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.errors import InputError
from sitrep.ingest import archives, read_articles
from sitrep.ingest.archives import archive_kind
from sitrep.records import Article

LIMIT = 64 * 1024
SETTINGS = Settings(max_input_bytes=LIMIT)

DUMP = (
    "Estonia will buy six more rocket launchers, the defence ministry said on Tuesday, as the\n"
    "Baltic states step up spending on long-range fires.\n"
    "The order, worth about 200 million euros, follows a first batch delivered last year.\n"
)
PAGE = (
    "<!doctype html><html><head><title>Drills</title></head><body><article>"
    "<p>Finnish and Swedish troops began a joint river-crossing drill in Lapland on Monday, "
    "the two armies said in a statement.</p><p>About 2,000 soldiers take part in the exercise, "
    "which runs until the end of the month.</p></article></body></html>"
)


def _jsonl(*texts: str) -> bytes:
    return "".join(json.dumps({"text": t}) + "\n" for t in texts).encode()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _tar(files: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as tf:  # type: ignore[call-overload]
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _read(tmp_path: Path, name: str, data: bytes) -> list[Article | InputError]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_articles([str(path)], SETTINGS))


def _summary(items: list[Article | InputError], tmp_path: Path) -> list[tuple[str, str]]:
    return [
        (
            i.source.removeprefix(str(tmp_path) + "/"),
            i.reason if isinstance(i, InputError) else "article",
        )
        for i in items
    ]


@pytest.mark.parametrize(
    ("name", "compress"),
    [
        ("dump.txt.gz", gzip.compress),
        ("dump.txt.bz2", bz2.compress),
        ("dump.txt.xz", lzma.compress),
    ],
)
def test_a_compressed_dump_reads_like_the_dump_itself(
    tmp_path: Path, name: str, compress: object
) -> None:
    plain = _read(tmp_path, "dump.txt", DUMP.encode())
    packed = _read(tmp_path, name, compress(DUMP.encode()))  # type: ignore[operator]
    assert [a.source for a in packed] == [str(tmp_path / name)]
    assert [a.text for a in packed] == [a.text for a in plain]  # type: ignore[union-attr]
    assert [a.source_span for a in packed] == [a.source_span for a in plain]  # type: ignore[union-attr]


def test_concatenated_gzip_members_read_as_one_file(tmp_path: Path) -> None:
    first, second = DUMP.encode()[:100], DUMP.encode()[100:]
    (article,) = _read(tmp_path, "dump.gz", gzip.compress(first) + gzip.compress(second))
    assert isinstance(article, Article)
    assert "200 million euros" in article.text


def test_a_zip_is_read_like_a_folder_in_name_order(tmp_path: Path) -> None:
    data = _zip(
        {
            "news/b.html": PAGE.encode(),
            "news/a.jsonl": _jsonl("Norway ordered four more submarines from Germany on Friday."),
            "news/README.md": b"What these files are.",
            "__MACOSX/news/._a.jsonl": b"\x00\x05\x16\x07",
            "news/.DS_Store": b"\x00\x00\x00\x01Bud1",
        }
    )
    items = _read(tmp_path, "news.zip", data)
    assert _summary(items, tmp_path) == [
        ("news.zip/news/a.jsonl", "article"),
        ("news.zip/news/b.html", "article"),
    ]


def test_a_tar_gz_and_a_plain_tar_are_read_like_folders(tmp_path: Path) -> None:
    files = {"pages/one.html": PAGE.encode(), "pages/two.txt": DUMP.encode()}
    for name, mode in [("pages.tar.gz", "w:gz"), ("pages.tar", "w"), ("pages.tar.xz", "w:xz")]:
        items = _read(tmp_path, name, _tar(files, mode))
        assert _summary(items, tmp_path) == [
            (f"{name}/pages/one.html", "article"),
            (f"{name}/pages/two.txt", "article"),
        ]


def test_bad_members_are_named_and_the_good_ones_read(tmp_path: Path) -> None:
    data = _zip(
        {
            "1.jsonl": _jsonl("Poland signed a contract for tanks.") + b"{oops\n",
            "2.bin": bytes(range(256)) * 4,
            "3.txt": b"",
            "4.txt": b"word " * 20000,
            "5.html": PAGE.encode(),
        }
    )
    items = _read(tmp_path, "batch.zip", data)
    json_message = "not valid JSON: Expecting property name enclosed in double quotes (column 2)"
    raise_it = "set SITREP_MAX_INPUT_BYTES to raise it"
    assert _summary(items, tmp_path) == [
        ("batch.zip/1.jsonl", "article"),
        ("batch.zip/1.jsonl", json_message),
        ("batch.zip/2.bin", "binary content (looks like binary data with 4 NUL bytes), not text"),
        ("batch.zip/3.txt", "empty file"),
        ("batch.zip/4.txt", f"unpacks to 97.7 KB, over the limit of 64 KB ({raise_it})"),
        ("batch.zip/5.html", "article"),
    ]  # fmt: skip


def test_a_compressed_file_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    (error,) = _read(tmp_path, "big.txt.gz", gzip.compress(b"word " * 20000))
    assert isinstance(error, InputError)
    assert error.reason == (
        "unpacks to more than 64 KB, over the limit of 64 KB "
        "(set SITREP_MAX_INPUT_BYTES to raise it)"
    )


def test_a_truncated_or_damaged_archive_is_one_error_and_no_article(tmp_path: Path) -> None:
    packed = gzip.compress(DUMP.encode() * 20)
    (cut,) = _read(tmp_path, "cut.txt.gz", packed[: len(packed) // 2])
    assert isinstance(cut, InputError)
    assert cut.reason == "damaged gzip file: it ends before its data does (cut off in transfer?)"
    broken = bytearray(_zip({"a.txt": DUMP.encode()}))
    broken[-22:] = b"\x00" * 22  # the central directory's end record
    (error,) = _read(tmp_path, "broken.zip", bytes(broken))
    assert isinstance(error, InputError)
    assert error.reason.startswith("damaged ZIP archive")


def test_a_member_with_a_bad_checksum_is_named(tmp_path: Path) -> None:
    data = bytearray(_zip({"a.txt": DUMP.encode(), "b.html": PAGE.encode()}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("a.txt")
    # Flip one byte of a.txt's compressed data, after its local header.
    offset = info.header_offset + 30 + len(info.filename) + 5
    data[offset] ^= 0xFF
    items = _read(tmp_path, "x.zip", bytes(data))
    summary = _summary(items, tmp_path)
    assert summary[0][0] == "x.zip/a.txt"
    assert summary[0][1].startswith("damaged in the archive")
    assert summary[1:] == [("x.zip/b.html", "article")]


def test_office_documents_and_e_books_are_refused_as_what_they_are(tmp_path: Path) -> None:
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    epub = _zip({"mimetype": b"application/epub+zip", "OEBPS/ch1.xhtml": PAGE.encode()})
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    for name, data, kind in [
        ("report.docx", docx, "a Word, Excel or PowerPoint document"),
        ("book.epub", epub, "an EPUB e-book"),
        ("notes.odt", odt, "an OpenDocument file"),
    ]:
        (error,) = _read(tmp_path, name, data)
        assert isinstance(error, InputError)
        assert error.reason.startswith(f"binary content (looks like {kind}")


def test_an_archive_inside_an_archive_is_named_not_unpacked(tmp_path: Path) -> None:
    data = _zip({"inner.zip": _zip({"a.txt": DUMP.encode()}), "b.html": PAGE.encode()})
    items = _read(tmp_path, "outer.zip", data)
    assert _summary(items, tmp_path) == [
        ("outer.zip/b.html", "article"),
        ("outer.zip/inner.zip", "a ZIP archive inside an archive: unpack the outer one first"),
    ]


def test_an_archive_with_nothing_to_read(tmp_path: Path) -> None:
    (error,) = _read(tmp_path, "docs.zip", _zip({"README.md": b"notes", ".hidden": b"x"}))
    assert isinstance(error, InputError)
    assert error.reason == "no input files in this archive (only hidden files or documentation)"


def test_stdin_may_be_compressed() -> None:
    stream = io.BytesIO(gzip.compress(_jsonl("Latvia closed two border crossings on Sunday.")))
    (article,) = read_articles(["-"], SETTINGS, stdin=stream)
    assert isinstance(article, Article)
    assert article.source == "<stdin>"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (gzip.compress(b"x"), "gzip"),
        (bz2.compress(b"x"), "bzip2"),
        (lzma.compress(b"x"), "xz"),
        (_zip({"a.txt": b"x"}), "zip"),
        (_tar({"a.txt": b"x"}, "w"), "tar"),
        (b"PK ratio of the new radar", None),
        (b"BZh is a call sign", None),
        (DUMP.encode(), None),
    ],
)
def test_archive_kind(data: bytes, kind: str | None) -> None:
    assert archive_kind(data) == kind


def test_an_encrypted_member_is_named_and_the_others_read(tmp_path: Path) -> None:
    data = bytearray(_zip({"a.txt": b"\x8a\x17 ciphertext", "b.html": PAGE.encode()}))
    # Python writes no encrypted entries: set a.txt's "encrypted" flag bit by hand, in its
    # local header (flags at byte 6) and its central directory entry (flags at byte 8).
    data[6] |= 0x1
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    items = _read(tmp_path, "locked.zip", bytes(data))
    assert _summary(items, tmp_path) == [
        ("locked.zip/a.txt", "encrypted (password-protected): unpack it yourself first"),
        ("locked.zip/b.html", "article"),
    ]


def test_a_compressed_file_in_a_folder_is_unpacked_too(tmp_path: Path) -> None:
    (tmp_path / "day1.txt.gz").write_bytes(gzip.compress(DUMP.encode()))
    (tmp_path / "day2.jsonl").write_bytes(_jsonl("Finland extended its border closure."))
    items = list(read_articles([str(tmp_path)], SETTINGS))
    assert _summary(items, tmp_path) == [("day1.txt.gz", "article"), ("day2.jsonl", "article")]


def test_an_unforeseen_unpacking_failure_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object) -> object:
        raise ValueError("a corner of the format nobody handled")

    monkeypatch.setattr(archives, "_zip_members", explode)
    (error,) = _read(tmp_path, "odd.zip", _zip({"a.txt": DUMP.encode()}))
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path / "odd.zip")
    assert error.reason == "could not unpack: ValueError: a corner of the format nobody handled"
