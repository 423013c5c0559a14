"""Compressed files and archives, read as the files they hold.

News often arrives packed: a day's dump as ``dump.txt.gz``, a folder of saved pages as
``pages.zip`` or ``pages.tar.gz``. sitrep reads these by content, as it reads everything:

- a gzip, bzip2 or xz file is one input, named as the file is (``dump.txt.gz``); offsets
  (``source_span``) count the characters of the unpacked text;
- a ZIP or tar archive (plain or compressed: ``.tar.gz``, ``.tgz``, ``.tar.xz``) is read like a
  directory: its files in name order, each named ``archive/path/in/it`` in articles and errors,
  hidden files and macOS ``__MACOSX`` folders skipped, documentation skipped with a note.

The size limit (``SITREP_MAX_INPUT_BYTES``) holds for what an input unpacks to, not only for its
packed size, so a small file that unpacks to gigabytes (a "zip bomb") is refused after reading
one byte past the limit. Each file in an archive has the limit to itself.

One level only: an archive inside an archive is named and not opened (a ZIP file can contain
itself, and unpacking without end is not a feature). Office documents and e-books are ZIP files
too; they are refused as what they are, not read as a folder of XML.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath, PurePosixPath
from typing import IO

from sitrep.errors import InputError
from sitrep.ingest.sources import human_size, input_files, over_limit

#: Single-stream compressors and the signature that starts their data.
_STREAMS = {"gzip": b"\x1f\x8b", "bzip2": b"BZh", "xz": b"\xfd7zXZ\x00"}
#: How each kind is named when it turns up inside an archive.
_NAMES = {
    "gzip": "a gzip file",
    "bzip2": "a bzip2 file",
    "xz": "an xz file",
    "zip": "a ZIP archive",
    "tar": "a tar archive",
}
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # a first file, or an empty archive
_CUT_OFF = "it ends before its data does (cut off in transfer?)"
#: What a ZIP's ``mimetype`` file (OpenDocument, EPUB) or its ``[Content_Types].xml`` (Office
#: Open XML) says it is, for the refusal message.
_OFFICE = "a Word, Excel or PowerPoint document"
_MIMETYPES = {
    "application/epub+zip": "an EPUB e-book",
    "application/vnd.oasis.opendocument": "an OpenDocument file",
}


@dataclass(frozen=True, slots=True)
class Member:
    """One unpacked file: its name in messages and articles, and its bytes.

    ``hint`` is the name whose extension breaks format-detection ties: ``dump.jsonl`` for
    ``dump.jsonl.gz``, the path inside an archive for its files."""

    source: str
    hint: str
    data: bytes


def archive_kind(data: bytes) -> str | None:
    """``"gzip"``, ``"bzip2"``, ``"xz"``, ``"zip"`` or ``"tar"`` when ``data`` is packed so."""
    for kind, signature in _STREAMS.items():
        # "BZh" alone could start a line of prose; bzip2 puts a block magic after the level.
        if data.startswith(signature) and (kind != "bzip2" or data[4:10] == b"1AY&SY"):
            return kind
    if data.startswith(_ZIP_SIGNATURES):
        return "zip"
    if data[257:262] == b"ustar":  # POSIX and GNU tar headers
        return "tar"
    return None


def unpack(source: str, data: bytes, limit: int) -> Iterator[Member | InputError]:
    """The files in packed ``data`` (see :func:`archive_kind`), and one InputError for each
    that cannot be unpacked; the whole input's error when nothing in it can be. Data that is
    not packed is one file: itself."""
    kind = archive_kind(data)
    if kind in _STREAMS:
        try:
            data = _unpack_stream(source, kind, data, limit)
        except InputError as exc:
            yield exc
            return
        hint = _without_suffix(source)
        if archive_kind(data) != "tar":
            yield _single(Member(source, hint, data))
            return
        kind = "tar"
    if kind == "zip":
        yield from _zip_members(source, data, limit)
    elif kind == "tar":
        yield from _tar_members(source, data, limit)
    else:
        yield Member(source, source, data)


def _unpack_stream(source: str, kind: str, data: bytes, limit: int) -> bytes:
    """A gzip, bzip2 or xz stream unpacked (concatenated streams too), at most ``limit`` bytes."""
    try:
        with _open_stream(kind, io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except EOFError:
        raise InputError(source, f"damaged {kind} file: {_CUT_OFF}") from None
    except (OSError, zlib.error, lzma.LZMAError) as exc:
        raise InputError(source, f"damaged {kind} file: {exc}") from None
    if len(out) > limit:
        raise over_limit(source, f"unpacks to more than {human_size(limit)}", limit)
    return out


def _open_stream(kind: str, raw: IO[bytes]) -> gzip.GzipFile | bz2.BZ2File | lzma.LZMAFile:
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw)
    if kind == "bzip2":
        return bz2.BZ2File(raw)
    return lzma.LZMAFile(raw)


def _single(member: Member) -> Member | InputError:
    """A member, or the error for one that is itself packed (one level only)."""
    inner = archive_kind(member.data)
    if inner is None:
        return member
    reason = f"{_NAMES[inner]} inside an archive: unpack the outer one first"
    return InputError(member.source, reason)


def _without_suffix(name: str) -> str:
    path = PurePosixPath(name)
    if path.suffix.lower() == ".tgz":
        return str(path.with_suffix(".tar"))
    return str(path.with_suffix("")) if path.suffix.lower() in (".gz", ".bz2", ".xz") else name


def _visible_path(name: str) -> str | None:
    """A member's path with ``./`` and empty parts removed, or None when a part of it is
    hidden (``.DS_Store``, ``.git/``) or a macOS resource folder (``__MACOSX/``)."""
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return None
    return "/".join(parts)


def _read_members(
    source: str, entries: list[tuple[PurePath, Callable[[], Member | InputError]]]
) -> Iterator[Member | InputError]:
    """An archive's members read like a directory's files (:func:`input_files`), each
    unpacked only when its turn comes."""
    for read in input_files(source, "archive", entries):
        yield read if isinstance(read, InputError) else read()


def _zip_members(source: str, data: bytes, limit: int) -> Iterator[Member | InputError]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        yield InputError(
            source, f"damaged ZIP archive: its table of contents is missing or broken ({_CUT_OFF})"
        )
        return
    with archive:
        kind = _document_kind(archive)
        if kind is not None:
            yield InputError(source, f"binary content (looks like {kind}), not text")
            return
        entries: list[tuple[PurePath, Callable[[], Member | InputError]]] = []
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            path = _visible_path(info.filename)
            if path is not None and not info.is_dir():
                name = f"{source}/{path}"
                reader = partial(_zip_read, archive, info, name, path, limit)
                entries.append((PurePosixPath(path), reader))
        yield from _read_members(source, entries)


def _document_kind(archive: zipfile.ZipFile) -> str | None:
    """What an office document or e-book (a ZIP file) is, or None for a plain archive."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        return _OFFICE
    if "mimetype" in names:
        try:
            declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, zlib.error):
            return None
        for prefix, kind in _MIMETYPES.items():
            if declared.startswith(prefix):
                return kind
    return None


def _zip_read(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, path: str, limit: int
) -> Member | InputError:
    if info.flag_bits & 0x1:
        return InputError(name, "encrypted (password-protected): unpack it yourself first")
    if info.file_size > limit:
        return over_limit(name, f"unpacks to {human_size(info.file_size)}", limit)
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)
    except NotImplementedError:
        return InputError(
            name,
            f"packed with a method sitrep cannot unpack (ZIP method {info.compress_type}): "
            "unpack it yourself first",
        )
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
        return InputError(name, f"damaged in the archive ({exc})")
    except RuntimeError as exc:  # zipfile's "encrypted, password required" in other forms
        return InputError(name, f"cannot be unpacked ({exc}): unpack it yourself first")
    if len(data) > limit:  # the archive understated the size
        return over_limit(name, f"unpacks to more than {human_size(limit)}", limit)
    return _single(Member(name, path, data))


def _tar_members(source: str, data: bytes, limit: int) -> Iterator[Member | InputError]:
    try:
        archive = tarfile.TarFile(fileobj=io.BytesIO(data))
        infos = archive.getmembers()
    except (tarfile.TarError, EOFError, OSError) as exc:
        yield InputError(source, f"damaged tar archive: {exc}")
        return
    with archive:
        entries: list[tuple[PurePath, Callable[[], Member | InputError]]] = []
        for info in sorted(infos, key=lambda i: i.name):
            path = _visible_path(info.name)
            if path is not None and info.isfile():
                name = f"{source}/{path}"
                reader = partial(_tar_read, archive, info, name, path, limit)
                entries.append((PurePosixPath(path), reader))
        yield from _read_members(source, entries)


def _tar_read(
    archive: tarfile.TarFile, info: tarfile.TarInfo, name: str, path: str, limit: int
) -> Member | InputError:
    if info.size > limit:
        return over_limit(name, f"unpacks to {human_size(info.size)}", limit)
    try:
        stream = archive.extractfile(info)
        data = stream.read() if stream is not None else b""
    except (tarfile.TarError, OSError, EOFError) as exc:
        return InputError(name, f"damaged in the archive ({exc})")
    return _single(Member(name, path, data))
