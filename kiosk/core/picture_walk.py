"""The walk over a picture file's structure, format by format: its size from the header, and
whether every chunk, marker or block is there to the end (a half-copied file is not).

Bounded work on bytes already read: loops over chunks and markers, and for PNG an inflate of the
image data whose output is counted in steps of a megabyte, never kept.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator

_INFLATE_STEP = 1 << 20


class PictureRefused(Exception):
    """Why a file cannot be shown, in words for staff (without the file name, which the caller gives)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _u16be(data: bytes, at: int) -> int:
    return struct.unpack_from(">H", data, at)[0] if len(data) >= at + 2 else 0


def cut(data: bytes) -> PictureRefused:
    return PictureRefused(f"the file ends too soon ({len(data):,} bytes): it is incomplete, perhaps still being copied; copy it again")


def damaged(what: str) -> PictureRefused:
    return PictureRefused(f"the picture is damaged ({what}); save or copy it again")


# --- PNG ---------------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise cut(data) if len(data) < 24 else damaged("no IHDR header")
    return struct.unpack_from(">II", data, 16)


_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _png_raw_bytes(width: int, height: int, depth: int, colour: int, interlaced: bool) -> int:
    """How many bytes the image data inflates to: each row's filter byte plus its packed pixels."""
    bits = depth * _CHANNELS.get(colour, 4)
    passes = _ADAM7 if interlaced else ((0, 0, 1, 1),)
    total = 0
    for x0, y0, dx, dy in passes:
        columns, rows = max(0, -(-(width - x0) // dx)), max(0, -(-(height - y0) // dy))
        if columns and rows:
            total += rows * (1 + -(-(columns * bits) // 8))
    return total


def _verify_png(data: bytes, width: int, height: int) -> None:
    at, expected, inflated = 8, 0, 0
    inflater = zlib.decompressobj()
    while True:
        if at + 12 > len(data):
            raise cut(data)
        length, kind = struct.unpack_from(">I4s", data, at)
        end = at + 12 + length
        if length > 0x7FFFFFFF:
            raise damaged("a chunk length is impossible")
        if end > len(data):
            raise cut(data)
        if zlib.crc32(data[at + 4:end - 4]) != struct.unpack_from(">I", data, end - 4)[0]:
            raise damaged(f"the {kind.decode('latin-1')} chunk's checksum is wrong")
        if kind == b"IHDR" and length >= 13:
            depth, colour, _, _, interlace = struct.unpack_from(">BBBBB", data, at + 16)
            expected = _png_raw_bytes(width, height, depth, colour, interlace == 1)
        elif kind == b"IDAT":
            chunk = data[at + 8:end - 4]
            while chunk:
                try:
                    out = inflater.decompress(chunk, _INFLATE_STEP)
                except zlib.error:
                    raise damaged("its image data cannot be unpacked") from None
                inflated += len(out)
                if inflated > expected:
                    raise damaged("more image data than its size allows")
                chunk = inflater.unconsumed_tail
        elif kind == b"IEND":
            break
        at = end
    if inflated < expected:
        raise damaged("part of the image data is missing")


# --- JPEG --------------------------------------------------------------------------------------

_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_NO_LENGTH = {0x01, 0xD8, *range(0xD0, 0xD8)}


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start of its payload, end of it) up to and including the end marker; raises on a cut file."""
    at = 2
    while True:
        while at < len(data) and data[at] == 0xFF and at + 1 < len(data) and data[at + 1] == 0xFF:
            at += 1  # fill bytes
        if at + 2 > len(data):
            raise cut(data)
        if data[at] != 0xFF:
            raise damaged("a marker is missing")
        marker = data[at + 1]
        if marker == 0xD9:
            yield marker, at + 2, at + 2
            return
        if marker in _NO_LENGTH:
            at += 2
            continue
        if at + 4 > len(data):
            raise cut(data)
        end = at + 2 + _u16be(data, at + 2)
        if end > len(data):
            raise cut(data)
        yield marker, at + 4, end
        at = end
        if marker == 0xDA:  # entropy-coded data runs to the next marker that is not a stuffed byte or a restart
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= len(data):
                    raise cut(data)
                following = data[at + 1]
                if following == 0 or 0xD0 <= following <= 0xD7:
                    at += 2
                elif following == 0xFF:
                    at += 1
                else:
                    break


def _jpeg_size(data: bytes) -> tuple[int, int]:
    for marker, start, end in _jpeg_segments(data):
        if marker in _SOF and end - start >= 5:
            return _u16be(data, start + 3), _u16be(data, start + 1)
        if marker in (0xDA, 0xD9):
            break
    raise damaged("it has no frame header")


def _verify_jpeg(data: bytes, width: int, height: int) -> None:
    if not any(marker == 0xD9 for marker, _, _ in _jpeg_segments(data)):
        raise cut(data)


# --- GIF ---------------------------------------------------------------------------------------


def _gif_size(data: bytes) -> tuple[int, int]:
    if len(data) < 10:
        raise cut(data)
    return struct.unpack_from("<HH", data, 6)


def _skip_sub_blocks(data: bytes, at: int) -> int:
    while True:
        if at >= len(data):
            raise cut(data)
        size = data[at]
        at += 1 + size
        if size == 0:
            return at


def _verify_gif(data: bytes, width: int, height: int) -> None:
    flags = data[10] if len(data) > 10 else 0
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while True:
        if at >= len(data):
            raise cut(data)
        block = data[at]
        if block == 0x3B:  # trailer
            return
        if block == 0x21:  # extension: label, then sub-blocks
            at = _skip_sub_blocks(data, at + 2)
        elif block == 0x2C:  # image: descriptor, optional colour table, LZW code size, sub-blocks
            if at + 10 > len(data):
                raise cut(data)
            local = data[at + 9]
            at += 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0)
            at = _skip_sub_blocks(data, at + 1)
        else:
            raise damaged("an unknown block")


# --- WebP and BMP --------------------------------------------------------------------------------


def _webp_size(data: bytes) -> tuple[int, int]:
    if len(data) < 30:
        raise cut(data)
    kind = data[12:16]
    if kind == b"VP8X":
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    if kind == b"VP8 ":
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    raise damaged("an unknown WebP kind")


def _verify_webp(data: bytes, width: int, height: int) -> None:
    if len(data) < 8 + struct.unpack_from("<I", data, 4)[0]:
        raise cut(data)
    at, end = 12, 8 + struct.unpack_from("<I", data, 4)[0]
    while at < end:
        if at + 8 > end:
            raise cut(data)
        at += 8 + struct.unpack_from("<I", data, at + 4)[0]
        at += at & 1  # chunks are padded to an even length
    if at > end + 1:
        raise cut(data)


def _bmp_size(data: bytes) -> tuple[int, int]:
    header = struct.unpack_from("<I", data, 14)[0]
    if header == 12:
        return struct.unpack_from("<HH", data, 18)
    width, height = struct.unpack_from("<ii", data, 18)
    return width, abs(height)


def _verify_bmp(data: bytes, width: int, height: int) -> None:
    declared, offset = struct.unpack_from("<I", data, 2)[0], struct.unpack_from("<I", data, 10)[0]
    if len(data) < 34 or len(data) < declared:
        raise cut(data)
    header = struct.unpack_from("<I", data, 14)[0]
    bits, compression = (struct.unpack_from("<H", data, 24)[0], 0) if header == 12 else struct.unpack_from("<HI", data, 28)
    if compression in (0, 3, 6):  # uncompressed rows: their size is known exactly
        row = (width * bits + 31) // 32 * 4
        if len(data) < offset + row * height:
            raise cut(data)


SIZES: dict[str, Callable[[bytes], tuple[int, int]]] = {"png": _png_size, "jpeg": _jpeg_size, "gif": _gif_size, "webp": _webp_size, "bmp": _bmp_size}
VERIFY: dict[str, Callable[[bytes, int, int], None]] = {"png": _verify_png, "jpeg": _verify_jpeg, "gif": _verify_gif, "webp": _verify_webp, "bmp": _verify_bmp}
