"""URLs: the normal form under which a page is known, and the host a request counts against.

Two links to the same article differ in case, default ports, fragments and the
tracking parameters that feeds and newsletters add; :func:`normalize_url` removes
those so that a stored article is recognized whichever link leads to it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "host_key", "is_http_url", "normalize_url", "origin_of"]

#: query parameters that only say where a click came from (removed by :func:`normalize_url`)
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "wt.mc_id",
        "cmpid",
        "ocid",
        "rss",
        "ref_src",
        "taid",
        "ito",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_http_url(text: str) -> bool:
    """True for an absolute http:// or https:// URL with a host."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def _tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES)


def normalize_url(url: str) -> str:
    """The normal form of an http(s) URL.

    Scheme and host lower-cased, default port and fragment dropped, an empty path
    made "/", tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ... see
    :data:`TRACKING_PARAMS`) removed; the other parameters keep their order.
    Raises ValueError for a URL that is not absolute http(s).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    port = parts.port  # raises ValueError for a bad port
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = f"{parts.username or ''}{':' + parts.password if parts.password else ''}@{netloc}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def host_key(url: str) -> str:
    """The host a request counts against for rate limits and robots.txt: ``host[:port]``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    scheme = parts.scheme.lower()
    return host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL (where its robots.txt lives)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{host_key(url)}"
