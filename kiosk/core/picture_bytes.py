"""What a picture file really is, decided from its bytes, never from its name.

Qt's image reader sniffs content: an SVG drawing saved as `diagram.png` is rendered anyway, and one
built to repeat a shape a billion times froze the kiosk, `kiosk check` and every restart. So the
format comes from the file's first bytes and must be one the kiosk shows (PNG, JPEG, GIF, WebP,
BMP) and the one its name says; its size in pixels comes from its header and is capped before
anything decodes it; and its structure is walked to the end, so a half-copied file is named as
such instead of showing half a picture. All of it is plain Python with bounded work: a walk over
the file's chunks and markers, and for PNG an inflate whose output is counted, never kept.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from kiosk.core.picture_walk import SIZES, VERIFY, PictureRefused, cut
from kiosk.core.tuning import MAX_PICTURE_PIXELS

__all__ = ["Picture", "PictureRefused", "check_picture", "read_header", "sniff"]

# The formats the kiosk shows (Qt's names for them) and how staff would call them.
FORMAT_NAMES = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "bmp": "BMP"}
SUFFIX_FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp", ".bmp": "bmp"}
SHOWN_FORMATS = "PNG, JPEG, GIF, WebP or BMP"
_PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Picture:
    """A picture whose bytes were checked: its real format (Qt's name for it) and size in pixels."""

    format: str
    width: int
    height: int


def sniff(head: bytes) -> str | None:
    """The format the first bytes announce, when it is one the kiosk shows."""
    if head.startswith(_PNG):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"BM") and len(head) >= 26:
        return "bmp"
    return None


def other_kind(head: bytes) -> str:
    """What a file that is not a picture the kiosk shows seems to be, for the message to staff."""
    text = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        return "an empty file"
    if text.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in head[:4096].lower():
        return "an SVG drawing"
    if text.startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "a TIFF picture"
    if head[4:8] == b"ftyp":
        return "a HEIC or AVIF photo (as iPhones save them)" if head[8:12] in (b"heic", b"heix", b"mif1", b"avif", b"msf1") else "a video or HEIC file"
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head.startswith(b"\x00\x00\x01\x00"):
        return "an icon file (ICO)"
    return "not a picture the kiosk can show"


def read_header(data: bytes, suffix: str) -> Picture:
    """The picture `data` holds, from its header only (cheap), or PictureRefused saying why not.

    The format must be one the kiosk shows and the one the name's `suffix` says; the size must be
    within MAX_PICTURE_PIXELS.
    """
    found = sniff(data[:32])
    named = SUFFIX_FORMATS.get(suffix.lower())
    if found is None:
        expected = FORMAT_NAMES[named] + " picture" if named else "picture"
        raise PictureRefused(f"the file is {other_kind(data[:4096])}, not a {expected}; the kiosk shows only {SHOWN_FORMATS} pictures: save it as one of those")
    if named is not None and found != named:
        better = ".jpg" if found == "jpeg" else f".{found}"
        raise PictureRefused(f"the file is a {FORMAT_NAMES[found]} picture named {suffix}: rename it to end in {better}")
    try:
        width, height = SIZES[found](data)
    except (struct.error, IndexError):
        raise cut(data) from None
    if width <= 0 or height <= 0:
        raise PictureRefused(f"the {FORMAT_NAMES[found]} picture says it is {width}x{height} pixels; it is damaged")
    if width * height > MAX_PICTURE_PIXELS:
        raise PictureRefused(f"the picture is {width}x{height} pixels ({width * height / 1e6:.0f} megapixels); at most "
                             f"{MAX_PICTURE_PIXELS / 1e6:.0f} megapixels are shown: make it smaller (a card never shows more than about 2000 pixels across)")
    return Picture(found, width, height)


def check_picture(data: bytes, suffix: str) -> Picture:
    """`read_header`, then the whole file walked to its end: a half-copied or damaged file is refused."""
    picture = read_header(data, suffix)
    try:
        VERIFY[picture.format](data, picture.width, picture.height)
    except (struct.error, IndexError):
        raise cut(data) from None
    return picture
