"""The character-map reader for a clinic's own fonts agrees with fontTools and never trusts a file."""

from __future__ import annotations

import struct

import pytest
from fontTools.ttLib import TTFont
from helpers.fonts import make_font

from kiosk.core.fonts import FONT_FILES
from kiosk.core.paths import resource_path
from kiosk.core.sfnt import NotAFont, font_ranges, to_ranges


@pytest.mark.parametrize("name", FONT_FILES)
def test_reads_the_same_characters_as_fonttools(name):
    path = resource_path(name)
    font = TTFont(str(path), lazy=True)
    expected = set(font.getBestCmap())
    font.close()
    assert font_ranges(path.read_bytes()) == to_ranges(expected)


def test_a_collection_is_every_font_in_it(tmp_path):
    from fontTools.ttLib import TTCollection

    collection = TTCollection()
    collection.fonts = [TTFont(str(make_font(tmp_path / "a.ttf", "ab"))), TTFont(str(make_font(tmp_path / "b.ttf", "xy")))]
    collection.save(str(tmp_path / "both.ttc"))
    assert font_ranges((tmp_path / "both.ttc").read_bytes()) == ((ord("a"), ord("b")), (ord("x"), ord("y")))


@pytest.mark.parametrize("data, reason", [
    (b"", "does not start like one"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "does not start like one"),
    (b"OTTO\x00", "ends too early"),
    (b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff", "collection with 4294967295 fonts"),
    (b"\x00\x01\x00\x00\x00\x00" + bytes(6), "no 'cmap' table"),
])
def test_bytes_that_are_not_a_font_are_turned_away_with_a_reason(data, reason):
    with pytest.raises(NotAFont, match=reason):
        font_ranges(data)


def test_a_truncated_font_is_turned_away_at_any_length(tmp_path):
    data = make_font(tmp_path / "t.ttf", "abc").read_bytes()
    for length in range(0, len(data), 7):
        try:
            font_ranges(data[:length])
        except NotAFont:
            continue


def test_overlapping_segments_are_refused_rather_than_walked(tmp_path):
    """A format 4 map whose segments repeat 0-FFFE would cost billions of steps: it is damaged."""
    segments = 1000
    subtable = struct.pack(">HHHHHHH", 4, 0, 0, segments * 2, 0, 0, 0)
    subtable += struct.pack(f">{segments}H", *([0xFFFE] * segments)) + b"\0\0"
    subtable += struct.pack(f">{segments}H", *([0] * segments)) * 3
    cmap = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + subtable
    data = b"\x00\x01\x00\x00" + struct.pack(">HHHH", 1, 0, 0, 0) + struct.pack(">4sIII", b"cmap", 0, 28, len(cmap)) + cmap
    with pytest.raises(NotAFont, match="damaged"):
        font_ranges(data)
