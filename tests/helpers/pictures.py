"""Real picture files for tests, made from bytes (no Qt): PNGs of any size, a GIF, an SVG in disguise."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "pictures"
# The smallest GIF: 1x1, one colour, its trailer at the end.
GIF_1X1 = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
# An SVG that asks for a shape repeated a billion times (what froze Qt's SVG renderer), named like a PNG.
SVG_BOMB = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs>'
    b'<rect id="a0" width="1" height="1"/>'
    + b"".join(b'<g id="a%d">' % n + b'<use xlink:href="#a%d"/>' % (n - 1) * 10 + b"</g>" for n in range(1, 10))
    + b'</defs><use xlink:href="#a9"/></svg>\n'
)


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_bytes(width: int, height: int, rgb: tuple[int, int, int] = (40, 120, 200), *, claim: tuple[int, int] | None = None) -> bytes:
    """A real RGB PNG of one colour; `claim` writes another size into its header (the data stays)."""
    row = b"\x00" + bytes(rgb) * width
    shown = claim or (width, height)
    header = struct.pack(">IIBBBBB", shown[0], shown[1], 8, 2, 0, 0, 0)
    data = zlib.compress(row * height, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def write_png(path: Path, width: int = 40, height: int = 30) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png_bytes(width, height))
    return path
