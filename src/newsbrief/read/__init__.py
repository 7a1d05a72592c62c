"""Readers: turn files, folders, WARC archives and stdin into :class:`~newsbrief.model.Article`.

One module per format (:mod:`.text`, :mod:`.html`, :mod:`.jsonl`, :mod:`.warc`); this
module picks the reader. Nothing here raises for a bad input: every unusable file,
line or record becomes one line in :attr:`ReadResult.problems` and the rest is read.

>>> from newsbrief.read import read_inputs
>>> result = read_inputs(["examples/aleppo/"])       # doctest: +SKIP
>>> result.articles[0].source, result.problems        # doctest: +SKIP
"""

from __future__ import annotations

import errno
import io
import logging
import os
import stat
import sys
import zlib
from collections.abc import Iterable
from typing import BinaryIO

from newsbrief.errors import InputError
from newsbrief.read.common import ReadResult, decode_text, parse_date
from newsbrief.read.html import looks_like_html, read_html
from newsbrief.read.jsonl import read_json, read_jsonl
from newsbrief.read.text import read_text, text_article
from newsbrief.read.warc import read_warc
from newsbrief.settings import MAX_TEXT_CHARS

__all__ = [
    "FORMATS",
    "ReadResult",
    "format_from_name",
    "parse_date",
    "read_any",
    "read_bytes",
    "read_inputs",
    "read_path",
]

log = logging.getLogger("newsbrief")

#: the formats :func:`read_bytes` accepts
FORMATS = ("text", "html", "json", "jsonl", "warc")

_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".warc.gz": "warc",
    ".arc.gz": "warc",
}
_GZIP = b"\x1f\x8b"
_HEAD = 8192
#: a compressed input may expand to at most this many bytes
MAX_GUNZIPPED = 1 << 30
STDIN_NAME = "<stdin>"


def format_from_name(name: str) -> str | None:
    """The format a file name implies ("text", "html", "json", "jsonl", "warc"), or None."""
    low = name.lower()
    for suffix in (".warc.gz", ".arc.gz"):
        if low.endswith(suffix):
            return "warc"
    if low.endswith(".gz"):
        low = low[:-3]
    return _BY_SUFFIX.get(os.path.splitext(low)[1])


def _gunzip(data: bytes) -> bytes:
    d = zlib.decompressobj(wbits=47)  # gzip or zlib header
    try:
        out = d.decompress(data, MAX_GUNZIPPED)
    except zlib.error as e:
        raise InputError("not a valid gzip file") from e
    if d.unconsumed_tail:
        raise InputError(f"too large once decompressed (over {MAX_GUNZIPPED >> 20} MiB)")
    # a gzip file may hold several members (e.g. one per line or record)
    rest = d.unused_data
    while rest[:2] == _GZIP and len(out) < MAX_GUNZIPPED:
        d = zlib.decompressobj(wbits=47)
        try:
            out += d.decompress(rest, MAX_GUNZIPPED - len(out))
        except zlib.error as e:
            raise InputError("not a valid gzip file") from e
        rest = d.unused_data
    return out


def _sniffed(data: bytes, name: str) -> ReadResult:
    """Read bytes of unknown format: JSON if it starts with { or [, HTML, else text."""
    text = decode_text(data)
    start = text.lstrip("\ufeff \t\r\n")
    if not start:
        raise InputError("empty file")
    if start[0] == "{":
        return read_json(data, name)
    if start[0] == "[":  # a JSON list, or text opening with a bracket ("[Updated] ...")
        try:
            return read_json(data, name)
        except InputError as e:
            if not str(e).startswith("malformed JSON"):
                raise
    if looks_like_html(start):
        return read_html(data, name)
    return ReadResult([text_article(text, name)])


def _dispatch(data: bytes, name: str, fmt: str | None, gunzipped: bool = False) -> ReadResult:
    if fmt == "warc" or (fmt is None and data.startswith(b"WARC/")):
        return read_warc(io.BytesIO(data), name)
    if data[:2] == _GZIP and not gunzipped:
        inner = _gunzip(data)
        if inner.startswith(b"WARC/"):
            return read_warc(io.BytesIO(data), name)
        inner_name = name[:-3] if name.lower().endswith(".gz") else name
        return _dispatch(inner, name, fmt or format_from_name(inner_name), gunzipped=True)
    if not data.strip():
        raise InputError("empty file")
    if fmt == "text":
        return read_text(data, name)
    if fmt == "html":
        return read_html(data, name)
    if fmt == "json":
        return read_json(data, name)
    if fmt == "jsonl":
        return read_jsonl(data, name)
    return _sniffed(data, name)


def read_bytes(data: bytes, name: str, fmt: str | None = None) -> ReadResult:
    """Read the bytes of one input; ``name`` labels it (origin, problems, fallback source).

    ``fmt`` is one of :data:`FORMATS`, or None to take it from ``name``'s suffix and,
    failing that, from the content (WARC/ or gzip magic: WARC; { or [: JSON or JSON
    Lines; markup: HTML; else text). Gzip-compressed inputs are decompressed first.
    Never raises for bad content: it becomes a problem line. An unknown ``fmt``
    raises :class:`InputError`.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r} (use one of: {', '.join(FORMATS)})")
    try:
        return _dispatch(data, name, fmt or format_from_name(name))
    except InputError as e:
        return ReadResult(problems=[f"{name}: {e}, skipped"])


def _os_problem(label: str, e: OSError) -> str:
    if e.errno == errno.ENOENT:
        if os.path.islink(label):
            return f"{label}: broken symbolic link, skipped"
        return f"{label}: no such file or directory"
    if e.errno == errno.ELOOP:
        return f"{label}: symbolic link loop, skipped"
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"{label}: permission denied, skipped"
    return f"{label}: cannot read ({e.strerror or type(e).__name__}), skipped"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _is_warc_stream(f: BinaryIO, head: bytes, label: str) -> bool:
    if format_from_name(label) == "warc" or head.startswith(b"WARC/"):
        return True
    if head[:2] == _GZIP:
        d = zlib.decompressobj(wbits=47)
        try:
            return d.decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def _oversized_text(head: bytes, size: int, label: str, limit: int) -> str | None:
    """The problem line for a text file too large to hold an article within ``limit``
    characters (over 4 bytes per character), or None; nothing past ``head`` is read."""
    if size <= 4 * limit:
        return None
    fmt = format_from_name(label)
    if fmt is None:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start in (b"{", b"[", b"<") or head[:2] == _GZIP:
            return None
    elif fmt != "text":
        return None
    return (
        f"{label}: text of over {limit:,} characters ({size:,} bytes; limit"
        f" max_text_chars={limit:,}), skipped"
    )


def _read_file(label: str, max_text_chars: int = MAX_TEXT_CHARS) -> ReadResult:
    """Read one regular file; a FIFO or device is never opened for blocking reads.

    A text file too large for an article of ``max_text_chars`` is skipped unread."""
    try:
        fd = os.open(
            label, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        )
    except OSError as e:
        return ReadResult(problems=[_os_problem(label, e)])
    try:
        with os.fdopen(fd, "rb") as f:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                return ReadResult(problems=[f"{label}: {_kind(mode)}, skipped"])
            head = f.read(_HEAD)
            if _is_warc_stream(f, head, label):
                f.seek(0)
                return read_warc(f, label)
            size = os.fstat(fd).st_size
            why = _oversized_text(head, size, label, max_text_chars)
            if why:
                return ReadResult(problems=[why])
            data = head + f.read()
    except OSError as e:
        return ReadResult(problems=[_os_problem(label, e)])
    log.debug("read %s (%d bytes)", label, len(data))
    return read_bytes(data, label)


def _walk(
    label: str,
    ancestors: set[tuple[int, int]],
    seen: set[tuple[int, int]],
    max_text_chars: int = MAX_TEXT_CHARS,
) -> ReadResult:
    """Read a folder recursively, entries sorted by name; hidden entries are skipped."""
    out = ReadResult()
    try:
        with os.scandir(label) as it:
            names = sorted(e.name for e in it)
    except OSError as e:
        out.problems.append(_os_problem(label, e))
        return out
    for entry in names:
        if entry.startswith("."):
            continue
        path = os.path.join(label, entry)
        try:
            st = os.stat(path)  # follows symbolic links
        except OSError as e:
            out.problems.append(_os_problem(path, e))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                out.problems.append(f"{path}: symbolic link loop, skipped")
            elif key not in seen:
                seen.add(key)
                out.extend(_walk(path, ancestors | {key}, seen, max_text_chars))
        elif stat.S_ISREG(st.st_mode):
            out.extend(_read_file(path, max_text_chars))
        else:
            out.problems.append(f"{path}: {_kind(st.st_mode)}, skipped")
    return out


def read_path(path: str | os.PathLike[str], max_text_chars: int = MAX_TEXT_CHARS) -> ReadResult:
    """Read a file (any supported format) or a folder (recursively, sorted by path).

    In folders, hidden entries (names starting with ".") are skipped, symbolic links
    are followed except into a folder being read (a loop), and FIFOs, sockets and
    devices are reported and skipped without being opened. A folder that gives no
    article is reported as "folder has no readable files".
    """
    label = os.fsdecode(os.fspath(path))
    try:
        st = os.stat(label)
    except OSError as e:
        return ReadResult(problems=[_os_problem(label, e)])
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        out = _walk(label, {key}, {key}, max_text_chars)
        if not out.articles:
            out.problems.append(f"{label}: folder has no readable files")
        return out
    if stat.S_ISREG(st.st_mode):
        return _read_file(label, max_text_chars)
    return ReadResult(problems=[f"{label}: {_kind(st.st_mode)}, skipped"])


def read_any(
    source: str | os.PathLike[str],
    stdin: BinaryIO | None = None,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> ReadResult:
    """Read one input: a file, a folder, or "-" for the bytes of ``stdin`` (default sys.stdin).

    A text file (or stdin text) over 4 bytes per character of ``max_text_chars`` is
    skipped with a problem line without being decoded or processed.
    """
    if isinstance(source, str) and source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            data = stream.read()
        except OSError as e:
            return ReadResult(problems=[f"{STDIN_NAME}: cannot read ({e.strerror}), skipped"])
        if isinstance(data, str):  # a text stream given by mistake
            data = data.encode("utf-8")
        if not data.strip():
            return ReadResult(problems=[f"{STDIN_NAME}: empty input, skipped"])
        why = _oversized_text(data[:_HEAD], len(data), STDIN_NAME, max_text_chars)
        if why:
            return ReadResult(problems=[why])
        return read_bytes(data, STDIN_NAME)
    return read_path(source, max_text_chars)


def read_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    stdin: BinaryIO | None = None,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> ReadResult:
    """Read every input (paths, folders, "-" for stdin) in order; never raises for bad input."""
    if isinstance(inputs, (str, os.PathLike)):  # one path given bare
        inputs = [inputs]
    result = ReadResult()
    for item in inputs:
        result.extend(read_any(item, stdin, max_text_chars))
    return result
