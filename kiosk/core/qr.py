"""QR payloads for the contact screen and take-home links: validated here, drawn by the UI.

Kept free of Qt so `kiosk check` can validate addresses and tests can inspect the matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

# A phone must read the code from about a metre away: longer addresses mean smaller modules.
MAX_URL_LENGTH = 200
QUIET_ZONE = 4


def url_problem(url: object) -> str | None:
    """Why `url` cannot go into a QR code, or None when it can."""
    if not isinstance(url, str) or not url.strip():
        return "must be a web address such as https://example.org/"
    if url != url.strip() or any(c.isspace() for c in url):
        return "web address must not contain spaces"
    if len(url) > MAX_URL_LENGTH:
        return f"web address is {len(url)} characters; at most {MAX_URL_LENGTH} stay scannable"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "is not a valid web address"
    if parts.scheme not in ("http", "https"):
        return "web address must start with https:// or http://"
    if not parts.hostname or "." not in parts.hostname:
        return "web address has no site name (expected https://example.org/)"
    return None


@dataclass(frozen=True)
class QrMatrix:
    """Dark/light modules including the quiet zone, row by row."""

    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        return len(self.rows)


@lru_cache(maxsize=32)
def qr_matrix(url: str) -> QrMatrix:
    """Encode `url` with error correction M or better (segno boosts it when the size allows)."""
    import segno  # imported when first needed: it pulls in urllib, email and ssl, slow at start-up

    code = segno.make_qr(url, error="m", boost_error=True)
    rows = tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE))
    return QrMatrix(rows)
