"""Shared pieces of the readers: the result type, byte decoding, dates and outlet names.

Everything here is cheap to import; charset-normalizer is imported only when a file
is neither UTF-8 nor UTF-16.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.text import MONTH_NUMBERS

__all__ = [
    "ReadResult",
    "decode_text",
    "host_of",
    "looks_binary",
    "normalize_newlines",
    "parse_date",
    "source_for",
]


@dataclass
class ReadResult:
    """What reading gave: the articles, and one user-facing line per skipped input."""

    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def extend(self, other: ReadResult) -> ReadResult:
        """Append another result's articles and problems to this one; returns self."""
        self.articles.extend(other.articles)
        self.problems.extend(other.problems)
        return self


# --------------------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

#: signatures of common binary formats, checked before anything else
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "XZ archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "font"),
    (b"wOF2", "font"),
)

#: bytes that may appear in text: tab, LF, VT, FF, CR, ESC and everything from space up
_TEXT_BYTES = bytes([7, 8, 9, 10, 11, 12, 13, 27]) + bytes(range(0x20, 0x100))
_CONTROL_RATIO = 0.05  # more control characters than this: not text
_SAMPLE = 65536

#: legacy multi-byte encodings; only single-byte ones are guessed (see decode_text)
_MULTIBYTE = [
    "big5",
    "big5hkscs",
    "cp932",
    "cp949",
    "cp950",
    "euc_jis_2004",
    "euc_jisx0213",
    "euc_jp",
    "euc_kr",
    "gb18030",
    "gb2312",
    "gbk",
    "hz",
    "iso2022_jp",
    "iso2022_kr",
    "johab",
    "shift_jis",
    "shift_jis_2004",
    "shift_jisx0213",
]


def _magic_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def looks_binary(data: bytes) -> str | None:
    """Say why ``data`` is not text ("binary file", or with its kind), or None if it may be.

    Binary means a known binary signature, NUL bytes (UTF-16 and UTF-32 are recognized
    first by their byte-order mark, or by the NULs of BOM-less UTF-16), or more than 5%
    control characters.
    """
    kind = _magic_kind(data)
    if kind:
        return f"binary file ({kind})"
    if any(data.startswith(bom) for bom, _, _ in _BOMS):
        return None
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        if _bomless_utf16(sample):
            return None
        return "binary file"
    if sample and len(sample.translate(None, _TEXT_BYTES)) > _CONTROL_RATIO * len(sample):
        return "binary file"
    return None


def _bomless_utf16(sample: bytes) -> str | None:
    """The codec of BOM-less UTF-16 text (NUL high bytes of ASCII characters), or None."""
    pairs = len(sample) // 2
    if pairs < 2 or (len(sample) % 2 and len(sample) < _SAMPLE):
        return None
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    if odd >= 0.6 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


_CONTROL_CHARS = re.compile(r"[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    """Share of control characters (not tab, newlines, form feed, bell, backspace, ESC)."""
    sample = text[:_SAMPLE]
    return len(_CONTROL_CHARS.findall(sample)) / len(sample) if sample else 0.0


@functools.lru_cache(maxsize=128)
def _single_byte(encoding: str) -> bool:
    """True when ``encoding`` maps every byte to one character (a legacy code page)."""
    if encoding.replace("-", "_").lower().startswith("utf"):
        return False
    try:
        return len(bytes(range(256)).decode(encoding, errors="replace")) == 256
    except (LookupError, ValueError):
        return False


def _legacy(data: bytes) -> str:
    """Decode a file that is no UTF: the best single-byte code page, else cp1252."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data, cp_exclusion=_MULTIBYTE) if _single_byte(m.encoding)]
    if matches:
        best = min(m.chaos for m in matches)
        ties = [m for m in matches if m.chaos <= best + 0.01]
        # short Western texts fit several code pages equally well: prefer cp1252,
        # the one such files almost always use
        for m in ties:
            if "cp1252" in m.could_be_from_charset:
                return data.decode("cp1252", errors="replace")
        return data.decode(ties[0].encoding, errors="replace")
    # nothing fits: cp1252 only when the file is mostly ASCII (Western text)
    sample = data[:_SAMPLE]
    high = len(sample.translate(None, bytes(range(0x80))))
    if high <= 0.3 * len(sample):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise InputError("undecodable text (not UTF-8, UTF-16 or a single-byte encoding)")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode the bytes of a text file; raises :class:`InputError` when they are no text.

    Order: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32); binary content is rejected
    (see :func:`looks_binary`); BOM-less UTF-16 (NUL high bytes); a ``declared``
    encoding (an HTML meta or HTTP charset) if it decodes cleanly; UTF-8; then the
    best legacy single-byte encoding found by
    charset-normalizer (cp1252 preferred among equals; cp1252 when it finds none and
    the bytes are mostly ASCII). Mojibake is not repaired here (cleaning does that).
    The error message is "binary file" or "undecodable text (...)".
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"undecodable text (invalid {label} after its byte-order mark)"
                ) from e
            return _checked(text.lstrip("\ufeff"))
    why = looks_binary(data)
    if why:
        raise InputError(why)
    if b"\x00" in data[:_SAMPLE]:
        codec = _bomless_utf16(data[:_SAMPLE]) or "utf-16-le"
        try:
            return _checked(data.decode(codec))
        except UnicodeDecodeError as e:
            raise InputError("binary file") from e
    if declared:
        try:
            return _checked(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked(_legacy(data))


def _checked(text: str) -> str:
    if _control_ratio(text) > _CONTROL_RATIO:
        raise InputError("binary file")
    return text


def normalize_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line/paragraph separators become ``\\n``; a BOM is dropped."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return text


# --------------------------------------------------------------------------- dates

_MONTHS = MONTH_NUMBERS
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_ORD = r"(?:st|nd|rd|th)?"
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T)")
_EPOCH = re.compile(r"^\d{9,10}(?:\.\d+)?$|^\d{12,13}$")
_DMY_NAME = re.compile(rf"\b(\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH}\.?,?\s+(\d{{4}})\b", re.I)
_MDY_NAME = re.compile(rf"\b{_MONTH}\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _make(y: int, m: int, d: int) -> date | None:
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    """Parse a publication date; anything unreadable gives None, never an exception.

    Understands ``YYYY-MM-DD`` (also with ``/`` or ``.``), ISO datetimes (the date as
    written, time zone ignored), ``YYYYMMDD``, "5 March 2021", "March 5, 2021",
    "Mar. 5 2021", RFC 2822 ("Fri, 05 Mar 2021 10:00:00 GMT"), day/month/year when
    unambiguous (a part above 12; ambiguous forms like 03/04/2021 give None), Unix
    timestamps (seconds or milliseconds), and date or datetime objects. Years outside
    1900-2100 give None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _make(value.year, value.month, value.day)
    if isinstance(value, date):
        return _make(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    if m := _YMD.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if _EPOCH.match(s):
        return _from_epoch(float(s))
    if m := _DMY_NAME.search(s):
        return _make(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    if m := _MDY_NAME.search(s):
        return _make(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    if m := _NUMERIC.match(s):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if a > 12 >= b:
            return _make(y, b, a)
        if b > 12 >= a:
            return _make(y, a, b)
        if a == b:
            return _make(y, a, b)
        return None
    return None


def _from_epoch(v: float) -> date | None:
    if v > 1e11:  # milliseconds
        v /= 1000.0
    try:
        d = datetime.fromtimestamp(v, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _make(d.year, d.month, d.day)


# --------------------------------------------------------------------------- outlets


def host_of(url: str) -> str:
    """The host of a URL, lower-case and without a leading "www."; "" if it has none."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url and not url.startswith("//"):
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    if host.startswith("www."):
        host = host[4:]
    return host


def source_for(site: str, url: str, name: str) -> str:
    """An article's outlet: the site name, else the URL host, else the file name."""
    site = (site or "").strip()
    if site:
        return site
    host = host_of(url)
    if host:
        return host
    base = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    if base.startswith("<") and base.endswith(">"):
        base = base[1:-1]
    return base
