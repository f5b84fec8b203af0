"""Which characters a TrueType/OpenType font file has, read from its bytes without Qt or fontTools.

Only for the fonts a clinic adds to `content/fonts/` (the kiosk's own fonts have a precomputed
table, kiosk/core/coverage.py): `kiosk check` must know what they draw, and a file that is not
really a font must be turned away before Qt's font loader sees it. So this reads just the table
directory and the character map (`cmap`, formats 4 and 12, which every Unicode font has), with
every offset checked against the file's length: a damaged or hostile file is `NotAFont`, never
an exception from deep inside, never a read past its end.
"""

from __future__ import annotations

import struct

Ranges = tuple[tuple[int, int], ...]  # (first, last) code points, sorted, not overlapping

_SFNT_TAGS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_COLLECTION_TAG = b"ttcf"
MAX_FACES = 64  # a collection (.ttc) with more faces than this is not something a clinic made


class NotAFont(ValueError):
    """The bytes are not a font the kiosk can use; the message says why, in staff's words."""


def _unpack(fmt: str, data: bytes, offset: int) -> tuple[int, ...]:
    if offset < 0 or offset + struct.calcsize(fmt) > len(data):
        raise NotAFont("the file ends too early (damaged, or not a font)")
    return struct.unpack_from(fmt, data, offset)


def face_offsets(data: bytes) -> list[int]:
    """Where each font of the file starts: one for .ttf/.otf, several for a collection (.ttc)."""
    tag = data[:4]
    if tag in _SFNT_TAGS:
        return [0]
    if tag == _COLLECTION_TAG:
        (count,) = _unpack(">I", data, 8)
        if not 0 < count <= MAX_FACES:
            raise NotAFont(f"a font collection with {count} fonts")
        return list(_unpack(f">{count}I", data, 12))
    raise NotAFont("not a TrueType or OpenType font (the file does not start like one)")


def _table(data: bytes, face: int, wanted: bytes) -> int:
    if data[face:face + 4] not in _SFNT_TAGS:
        raise NotAFont("not a TrueType or OpenType font (a font inside it does not start like one)")
    (count,) = _unpack(">H", data, face + 4)
    for index in range(count):
        tag, _checksum, offset, _length = _unpack(">4sIII", data, face + 12 + 16 * index)
        if tag == wanted:
            return offset
    raise NotAFont(f"the font has no '{wanted.decode()}' table")


def _format4(data: bytes, at: int) -> set[int]:
    (seg_x2,) = _unpack(">H", data, at + 6)
    segments = seg_x2 // 2
    ends = _unpack(f">{segments}H", data, at + 14)
    starts = _unpack(f">{segments}H", data, at + 16 + seg_x2)
    deltas = _unpack(f">{segments}H", data, at + 16 + 2 * seg_x2)
    range_at = at + 16 + 3 * seg_x2
    range_offsets = _unpack(f">{segments}H", data, range_at)
    found: set[int] = set()
    previous_end = -1
    for index, (start, end, delta, range_offset) in enumerate(zip(starts, ends, deltas, range_offsets)):
        if start > end or start <= previous_end:  # segments must be in order and apart: the loop stays bounded
            raise NotAFont("its character map is damaged")
        previous_end = end
        for code in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                (glyph,) = _unpack(">H", data, range_at + 2 * index + range_offset + 2 * (code - start))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                found.add(code)
    return found


def _format12(data: bytes, at: int) -> Ranges:
    (count,) = _unpack(">I", data, at + 12)
    if count * 12 > len(data):
        raise NotAFont("its character map is damaged")
    groups = []
    for index in range(count):
        first, last, glyph = _unpack(">III", data, at + 16 + 12 * index)
        if first > last or last > 0x10FFFF:
            raise NotAFont("its character map is damaged")
        groups.append((first + (glyph == 0), last))  # glyph 0 is the empty box
    return tuple(g for g in groups if g[0] <= g[1])


def _cmap(data: bytes, face: int) -> Ranges:
    cmap = _table(data, face, b"cmap")
    (_version, count) = _unpack(">HH", data, cmap)
    subtables: dict[int, int] = {}  # format -> offset of the best Unicode subtable of that format
    for index in range(count):
        platform, encoding, offset = _unpack(">HHI", data, cmap + 4 + 8 * index)
        if platform == 0 or (platform == 3 and encoding in (1, 10)):
            (fmt,) = _unpack(">H", data, cmap + offset)
            subtables.setdefault(fmt, cmap + offset)
    if 12 in subtables:
        return _format12(data, subtables[12])
    if 4 in subtables:
        return to_ranges(_format4(data, subtables[4]))
    raise NotAFont("the font has no Unicode character map")


def to_ranges(points: set[int]) -> Ranges:
    out: list[tuple[int, int]] = []
    for code in sorted(points):
        if out and code == out[-1][1] + 1:
            out[-1] = (out[-1][0], code)
        else:
            out.append((code, code))
    return tuple(out)


def merge(ranges: list[tuple[int, int]]) -> Ranges:
    """Sorted, overlapping and touching ranges joined."""
    out: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return tuple(out)


def font_ranges(data: bytes) -> Ranges:
    """The code points any font in the file has a glyph for; NotAFont when it is not a usable font."""
    ranges: list[tuple[int, int]] = []
    for face in face_offsets(data):
        ranges.extend(_cmap(data, face))
    if not ranges:
        raise NotAFont("the font has no characters")
    return merge(ranges)
