"""Pictures are trusted by their bytes, not their names: real files in a content folder, loaded as the kiosk does."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import write_card
from helpers.pictures import DATA, GIF_1X1, SVG_BOMB, png_bytes

from kiosk.core.cards import load_card
from kiosk.core.picture_bytes import PictureRefused, check_picture, read_header
from kiosk.core.picture_files import inspect_picture
from kiosk.core.tuning import MAX_PICTURE_PIXELS

CARD = "---\ntitle: The room\nimage: images/{name}\n---\nThis is where you sit.\n\n![The room](images/{name})\n"
SAMPLES = {
    "room.png": png_bytes(40, 30),
    "room.jpg": (DATA / "small.jpg").read_bytes(),
    "room.gif": GIF_1X1,
    "room.webp": (DATA / "small.webp").read_bytes(),
    "room.bmp": (DATA / "small.bmp").read_bytes(),
}


def card_with(content, name: str, data: bytes):
    (content / "images" / name).write_bytes(data)
    return load_card(write_card(content, "15-room.md", CARD.format(name=name)), content)


def errors(result) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in result.problems if p.is_error]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_format_the_readme_lists_is_shown_with_its_size(content, name):
    result = card_with(content, name, SAMPLES[name])
    assert result.problems == ()
    picture = (content / "images" / name).resolve()
    assert result.card.image == picture
    header = check_picture(SAMPLES[name], picture.suffix)
    assert result.card.picture(picture)[1:3] == (header.width, header.height)
    assert picture.as_uri() in result.card.html


def test_an_svg_named_png_is_an_error_on_both_lines_and_never_reaches_the_html(content):
    result = card_with(content, "diagram.png", SVG_BOMB)
    assert result.card is None  # the last good version stays on screen
    reason = "the file is an SVG drawing, not a PNG picture; the kiosk shows only PNG, JPEG, GIF, WebP or BMP pictures: save it as one of those"
    assert errors(result) == [
        (3, f"image 'images/diagram.png' cannot be used: {reason}"),
        (7, f"image 'images/diagram.png' cannot be used: {reason}"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.png", SAMPLES["room.jpg"], "the file is a JPEG picture named .png: rename it to end in .jpg"),
        ("photo.jpg", SAMPLES["room.png"], "the file is a PNG picture named .jpg: rename it to end in .png"),
        ("scan.png", b"II*\x00" + bytes(100), "the file is a TIFF picture, not a PNG picture"),
        ("iphone.jpg", b"\x00\x00\x00\x18ftypheic" + bytes(100), "the file is a HEIC or AVIF photo (as iPhones save them), not a JPEG picture"),
        ("page.gif", b"<!DOCTYPE html><html>", "the file is a web page (HTML), not a GIF picture"),
        ("empty.webp", b"", "the file is an empty file, not a WebP picture"),
    ],
)
def test_a_picture_whose_bytes_are_not_what_its_name_says_is_refused(content, name, data, reason):
    result = card_with(content, name, data)
    assert result.card is None
    [(line, message), _] = errors(result)
    assert line == 3
    assert message.startswith(f"image 'images/{name}' cannot be used: {reason}")


def test_a_half_copied_png_is_an_error_saying_it_is_incomplete(content):
    whole = png_bytes(300, 200, (10, 20, 30))
    result = card_with(content, "room.png", whole[: len(whole) // 2])
    assert errors(result)[0] == (3, f"image 'images/room.png' cannot be used: the file ends too soon ({len(whole) // 2:,} bytes): "
                                    "it is incomplete, perhaps still being copied; copy it again")


def test_a_picture_with_too_many_pixels_is_refused_before_anything_decodes_it(content):
    side = int(MAX_PICTURE_PIXELS**0.5) + 100
    result = card_with(content, "huge.png", png_bytes(2, 2, claim=(side, side)))
    [(line, message), _] = errors(result)
    assert line == 3
    assert f"the picture is {side}x{side} pixels" in message and "megapixels are shown: make it smaller" in message


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_cut_of_every_format_is_refused(name):
    data, suffix = SAMPLES[name], "." + name.split(".")[1]
    check_picture(data, suffix)
    for end in range(len(data) - 1, 0, -max(1, len(data) // 300)):
        with pytest.raises(PictureRefused):
            check_picture(data[:end], suffix)


def test_a_damaged_png_chunk_is_named():
    data = bytearray(png_bytes(20, 20))
    data[45] ^= 0xFF  # inside the image data: its checksum no longer matches
    with pytest.raises(PictureRefused, match="the IDAT chunk's checksum is wrong"):
        check_picture(bytes(data), ".png")


def test_the_header_alone_gives_the_size_without_walking_the_file():
    data = png_bytes(64, 48)
    assert (read_header(data[:40], ".png").width, read_header(data[:40], ".png").height) == (64, 48)


def test_a_verdict_is_kept_until_the_file_changes(tmp_path):
    path = tmp_path / "room.png"
    path.write_bytes(png_bytes(10, 10))
    old = 1_000_000_000
    os.utime(path, ns=(old, old))  # long enough ago to be trusted
    assert inspect_picture(path).width == 10
    shutil.copy(DATA / "small.jpg", path)  # a JPEG saved over it, named .png
    with pytest.raises(PictureRefused, match="rename it"):
        inspect_picture(path)
