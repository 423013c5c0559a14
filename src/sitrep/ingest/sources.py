"""Input sources: turning paths, directories and stdin into decoded text, or a clear refusal.

This module owns everything that happens before sitrep knows what *kind* of text it holds:
walking directories, the size limit, refusing binary files and decoding bytes to ``str``.
Every refusal is an :class:`~sitrep.errors.InputError` that names the input, says what is
wrong and, where there is one, what to do about it.

Why it works the way it does:

- The size limit is checked with ``stat`` before reading, so a 4 GB file is refused without
  being loaded; streams (stdin, pipes) are read at most one byte past the limit.
- Binary refusal looks at known file signatures first (a PDF or a ZIP says what it is in its
  first bytes, which gives the user a useful message), then at NUL bytes and the share of
  control bytes, the test ``file(1)`` and git use to tell text from binary.
- Decoding trusts a byte-order mark, then strict UTF-8 (which almost never decodes non-UTF-8
  text by accident), and only then guesses with charset-normalizer. Short legacy-encoded
  texts give the guesser little to go on, so among candidates that decode the bytes equally
  well it prefers windows-1252, the legacy encoding of Western-language news (the WHATWG
  Encoding Standard likewise reads "latin-1" as windows-1252).
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO, TypeVar

from sitrep.errors import InputError

logger = logging.getLogger(__name__)

T = TypeVar("T")

STDIN_NAME = "<stdin>"

#: Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: File signatures ("magic numbers") of binary formats users plausibly point sitrep at by
#: mistake: documents, archives, images, media, databases, executables.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP files)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"\xfd7zXZ\x00", "an xz archive (decompress it first)"),
    (b"(\xb5/\xfd", "a zstd archive (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xca\xfe\xba\xbe", "a Java class or macOS executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"OggS", "an Ogg audio/video file"),
    (b"ID3\x03\x00", "an MP3 audio file"),
    (b"ID3\x04\x00", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"PAR1", "a Parquet file"),
)
_RIFF_KINDS = {b"WAVE": "a WAV audio file", b"AVI ": "an AVI video", b"WEBP": "a WebP image"}

#: ``<meta charset=...>``, ``<meta http-equiv=... content="...; charset=...">`` or
#: ``<?xml ... encoding="..."?>`` in the first :data:`_PRESCAN_BYTES` bytes.
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_PRESCAN_BYTES = 4096
#: How much of the start of the input the binary and UTF-16 tests look at.
_SNIFF_BYTES = 64 * 1024
#: Control bytes other than the whitespace ones (tab, LF, VT, FF, CR) and ESC, which appears
#: in terminal captures. More than this share of them means the input is not text.
_MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
#: Every byte except the counted control bytes: deleting these leaves the control bytes,
#: counted in C rather than in a Python loop over up to 64 KB.
_NOT_CONTROL = bytes(
    b for b in range(256) if not ((b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
)
#: A legacy-encoding candidate within this much charset-normalizer "chaos" of the best one
#: counts as decoding the bytes equally well.
_CHAOS_MARGIN = 0.1


#: Extensions of the files a directory walk reads (plus files without one). Anything else in a
#: directory (``README.md``, images, office documents) is not news input and is skipped;
#: a file named explicitly is read whatever its extension.
#: Documentation that sits beside news files in a folder (a README); a directory walk passes
#: over these, and only these: any other file is read, so that a stray binary file is named with
#: its reason rather than ignored in silence.
DOCUMENTATION_SUFFIXES = frozenset({".md", ".markdown", ".rst"})


@dataclass(frozen=True, slots=True)
class TextInput:
    """One decoded input: where it came from, its text and the encoding it was read with."""

    source: str
    text: str
    encoding: str


def human_size(n_bytes: int) -> str:
    """A size as people say it: ``"512 bytes"``, ``"3.4 KB"``, ``"50 MB"`` (1 KB = 1024 bytes)."""
    if n_bytes < 1024:
        return f"{n_bytes} byte" + ("" if n_bytes == 1 else "s")
    value = float(n_bytes)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            break
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} {unit}"


def over_limit(source: str, size: str, limit: int) -> InputError:
    """The refusal of an input over the size limit; ``size`` says how big it is."""
    return InputError(
        source,
        f"{size}, over the limit of {human_size(limit)} (set SITREP_MAX_INPUT_BYTES to raise it)",
    )


def source_name(path: str) -> str:
    """``path`` as it can be shown and stored. A file name that is not valid UTF-8 reaches
    Python with its bad bytes as lone surrogates, which no terminal or database takes: they
    become ``\\xff`` escapes, so the name stays recognisable."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def read_file_bytes(path: Path, limit: int, source: str | None = None) -> bytes:
    """The bytes of ``path``, refusing a missing, unreadable or too-large file."""
    name = source if source is not None else source_name(str(path))
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(name, "is a directory")
        if size > limit:
            raise over_limit(name, f"is {human_size(size)}", limit)
        with path.open("rb") as handle:
            # Read one byte past the limit: special files (FIFOs, /dev/*) report size 0.
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except PermissionError:
        raise InputError(name, "permission denied (check the file's permissions)") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise over_limit(name, f"is larger than {human_size(limit)}", limit)
    return data


def read_stream_bytes(stream: BinaryIO, limit: int, source: str = STDIN_NAME) -> bytes:
    """At most ``limit`` bytes from a stream; a longer stream is refused, not truncated."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise over_limit(source, f"is larger than {human_size(limit)}", limit)
    return data


def binary_kind(data: bytes) -> str | None:
    """What ``data`` looks like when it is not text (``"a PDF document"``), else None.

    Texts with a byte-order mark, and UTF-16 without one, are text: call this after
    :func:`_bom_encoding` and :func:`_utf16_without_bom` have had their say.
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":  # "BZh" alone could be prose
        return "a bzip2 archive (decompress it first)"
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "an MP4/QuickTime media file"
    sample = data[:_SNIFF_BYTES]
    nuls = sample.count(0)
    if nuls:
        return f"binary data with {nuls} NUL byte" + ("" if nuls == 1 else "s")
    controls = len(sample.translate(None, _NOT_CONTROL))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        share = round(100 * controls / len(sample))
        return f"binary data, {share}% control bytes"
    return None


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"-be"`` when NULs sit in every other byte, as in mostly-ASCII UTF-16."""
    sample = data[: _SNIFF_BYTES & ~1]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Some non-ASCII characters (Cyrillic, CJK) have a non-zero high byte, so demand a clear
    # majority of zero bytes on one side and none on the other rather than all of them.
    if odd_nuls >= 0.6 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.6 * half and odd_nuls == 0:
        return "utf-16-be"
    return None


def _declared_encodings(data: bytes) -> list[str]:
    """Encodings to try that the document names in its first bytes, like a browser's prescan.

    A page saved from the web keeps its ``<meta charset>``, which is authoritative where a
    statistical guess is not. Labels for ISO-8859-1 and ASCII mean windows-1252, as in the
    WHATWG Encoding Standard, with the label itself as a second try.
    """
    match = _DECLARED.search(data[:_PRESCAN_BYTES])
    if match is None:
        return []
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return []
    if name in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        return []  # already tried, or a wrong label (UTF-16 text would have NULs)
    if name in ("latin-1", "iso8859-1", "ascii"):
        return ["cp1252", name]
    return [name]


def _looks_western(text: str) -> bool:
    """Whether a windows-1252 reading is plausible prose: accents are sparse and word-internal
    non-ASCII characters are letters (a misread Cyrillic or Polish text is dense with accented
    letters or has symbols such as ``¿³¹`` inside words)."""
    letters = 0
    foreign = 0
    prev_alpha = False
    for i, ch in enumerate(text):
        if ch.isalpha():
            letters += 1
            if not ch.isascii():
                foreign += 1
            prev_alpha = True
            continue
        if (
            prev_alpha
            and not ch.isascii()
            and not ch.isspace()
            and i + 1 < len(text)
            and text[i + 1].isalpha()
            and unicodedata.category(ch)[0] not in "PZ"
        ):
            return False
        prev_alpha = False
    return letters > 0 and foreign / letters <= 0.25


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    """Decode bytes that are not UTF-8: charset-normalizer, preferring windows-1252 on ties."""
    # Imported here: most inputs are UTF-8 and never need the guesser's start-up cost.
    from charset_normalizer import from_bytes

    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    matches = list(from_bytes(data))
    if matches:
        best_chaos = min(m.chaos for m in matches)
        if western is not None:
            for match in matches:
                # charset-normalizer groups code pages that decode the bytes identically.
                if match.chaos <= best_chaos + _CHAOS_MARGIN and (
                    "cp1252" in match.could_be_from_charset
                ):
                    return western, "cp1252"
        best = min(matches, key=lambda m: (m.chaos, -m.coherence))
        if western is not None and best.coherence == 0 and _looks_western(western):
            # No language recognised in any reading: the guesser is choosing at random
            # among code pages, so take the likeliest one for news text.
            return western, "cp1252"
        return str(best), best.encoding
    if western is not None and _looks_western(western):
        return western, "cp1252"
    return None


def decode_bytes(source: str, data: bytes) -> TextInput:
    """Decode an input's bytes to text, or raise :class:`InputError` saying why not.

    Order: empty -> BOM -> UTF-16 without BOM -> binary refusal -> UTF-8 -> the encoding the
    document declares (HTML ``<meta charset>``, XML ``encoding=``) -> guessed encoding.
    Apart from a removed BOM the text is verbatim, line endings included, so offsets into it
    count the file's characters.
    """
    if not data:
        raise InputError(source, "empty input" if source == STDIN_NAME else "empty file")
    bom = _bom_encoding(data)
    encoding = bom[0] if bom else _utf16_without_bom(data)
    if encoding is not None:
        start = bom[1] if bom else 0
        try:
            text = data[start:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                source,
                f"starts like {encoding.upper()} but is not valid {encoding.upper()} "
                f"(at byte {exc.start + start}); re-save it as UTF-8",
            ) from None
        return _checked(source, text, encoding)
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(source, f"binary content (looks like {kind}), not text")
    try:
        return _checked(source, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for declared in _declared_encodings(data):
        try:
            return _checked(source, data.decode(declared), declared)
        except UnicodeDecodeError:
            continue
    guessed = _guess_legacy(data)
    if guessed is None:
        raise InputError(
            source, "cannot decode: not UTF-8 and no known text encoding fits; re-save it as UTF-8"
        )
    return _checked(source, guessed[0], guessed[1])


# Unicode categories that print nothing: format characters (zero-width space, direction marks,
# BOM) and control characters.
_INVISIBLE = ("Cf", "Cc")
ONLY_WHITESPACE = "only whitespace"
ONLY_INVISIBLE = "only whitespace and invisible characters"
NO_LETTERS = "not one letter or digit"


def nothing_to_read(text: str) -> str | None:
    """Why ``text`` holds nothing to read (ONLY_WHITESPACE; ONLY_INVISIBLE: zero-width spaces,
    direction marks, control characters; NO_LETTERS: rules and punctuation), or None when it
    has something."""
    if not text.strip():
        return ONLY_WHITESPACE
    if any(c.isalnum() for c in text):
        return None
    if all(c.isspace() or unicodedata.category(c) in _INVISIBLE for c in text):
        return ONLY_INVISIBLE
    return NO_LETTERS


def _checked(source: str, text: str, encoding: str) -> TextInput:
    """The decoded text, unless it holds nothing to read (:func:`nothing_to_read`)."""
    reason = nothing_to_read(text)
    if reason == NO_LETTERS:
        raise InputError(source, f"no text: {reason}")
    if reason is not None:
        raise InputError(source, f"empty file ({reason})")
    return TextInput(source=source, text=text, encoding=encoding)


def is_input_file(path: PurePath) -> bool:
    """Whether a directory walk reads ``path``: every file but documentation
    (:data:`DOCUMENTATION_SUFFIXES`)."""
    return path.suffix.lower() not in DOCUMENTATION_SUFFIXES


def input_files(
    folder: str, kind: str, entries: Iterable[tuple[PurePath, T] | InputError]
) -> Iterator[T | InputError]:
    """The news files among a folder-like input's ``(path, item)`` entries (a directory's, an
    archive's ``kind``), with the errors met on the way. Documentation is passed over with one
    note on stderr (a logging warning, through logging's last-resort handler); a folder left
    with nothing to read ends with its own InputError."""
    read_any = False
    skipped: list[str] = []
    for entry in entries:
        if isinstance(entry, InputError):
            yield entry
        elif not is_input_file(entry[0]):
            skipped.append(entry[0].name)
        else:
            read_any = True
            yield entry[1]
    if skipped:
        logger.warning(
            "note: %s: skipped documentation: %s",
            folder,
            ", ".join(source_name(n) for n in skipped[:5]),
        )
    if not read_any:
        yield InputError(
            folder, f"no input files in this {kind} (only hidden files or documentation)"
        )


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def walk_files(
    directory: Path, _seen: set[tuple[int, int]] | None = None
) -> Iterator[Path | InputError]:
    """Files under ``directory``, recursively, sorted by name at each level with files and
    subdirectories interleaved (``a.txt``, ``b/x.txt``, ``c.txt``: the order ``ls -R`` users
    expect), skipping hidden files and directories (``.git``, ``.DS_Store``).

    Symlinked directories are followed, each real directory once: a second link to a folder
    already walked, or a link back up the tree, is skipped, which keeps a link loop from walking
    forever. A broken link, or an unreadable directory, yields an :class:`InputError` in its
    place: it is one bad input, not the end of the walk."""
    seen = set() if _seen is None else _seen
    try:
        info = directory.stat()
        with os.scandir(directory) as scan:
            entries = sorted((e for e in scan if not _is_hidden(e.name)), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(
            source_name(str(directory)), f"cannot list directory: {exc.strerror or exc}"
        )
        return
    seen.add((info.st_dev, info.st_ino))
    for entry in entries:
        if entry.is_dir():
            try:
                target = entry.stat()
            except OSError as exc:  # gone or unreadable since it was listed
                yield InputError(source_name(entry.path), f"cannot read: {exc.strerror or exc}")
                continue
            if (target.st_dev, target.st_ino) not in seen:
                yield from walk_files(Path(entry.path), seen)
        elif entry.is_file():
            yield Path(entry.path)
        elif entry.is_symlink():
            yield InputError(
                source_name(entry.path), "broken symbolic link (what it points to does not exist)"
            )
