"""Every picture a card names, judged by its bytes once per change of its file.

A card is parsed again whenever any picture changes (core/card_cache.py), and walking a large
picture to its end takes a fraction of a second, so each verdict is kept by the file's
(size, mtime_ns, inode) and reused until the file changes. A file changed less than RACY_NS ago
may still change within the same tick of its clock: its bytes are read again and compared (by
CRC) with those the verdict was made on.
"""

from __future__ import annotations

import os
import threading
import time
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from kiosk.core.files import FileTooLarge, FileUnreadable, read_regular
from kiosk.core.picture_bytes import Picture, PictureRefused, check_picture
from kiosk.core.tuning import MAX_PICTURE_FILE_BYTES, RACY_NS

_KEPT = 512
_lock = threading.Lock()
_verdicts: OrderedDict[tuple[str, int, int, int], tuple[Picture | str, int]] = OrderedDict()  # verdict, CRC of the bytes


class ShownPicture(NamedTuple):
    """A picture a card shows: its file, size in pixels and a number that changes with the file, so a
    card whose picture was replaced differs from the one before and views draw the new one."""

    path: str
    width: int
    height: int
    version: int


def shown_picture(path: Path) -> ShownPicture:
    """`inspect_picture`, as a card keeps it; PictureRefused when it cannot be shown."""
    picture = inspect_picture(path)
    try:
        info = os.stat(path)
        version = hash((info.st_size, info.st_mtime_ns, info.st_ino))
    except OSError:
        version = 0
    return ShownPicture(str(path), picture.width, picture.height, version)


def inspect_picture(path: Path) -> Picture:
    """The picture in `path` (format and size in pixels), or PictureRefused saying why it cannot be shown."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        raise PictureRefused("the file cannot be read") from None
    key = (str(path), info.st_size, info.st_mtime_ns, info.st_ino)
    racy = time.time_ns() - info.st_mtime_ns < RACY_NS
    with _lock:
        kept = _verdicts.get(key)
        if kept is not None:
            _verdicts.move_to_end(key)
    if kept is not None and not racy:
        verdict = kept[0]
    else:
        data, verdict = _judge(path, kept)
        with _lock:
            _verdicts[key] = (verdict, zlib.crc32(data))
            while len(_verdicts) > _KEPT:
                _verdicts.popitem(last=False)
    if isinstance(verdict, str):
        raise PictureRefused(verdict)
    return verdict


def _judge(path: Path, kept: tuple[Picture | str, int] | None) -> tuple[bytes, Picture | str]:
    """The file's bytes and its verdict; the `kept` one when the bytes are the same as when it was made."""
    try:
        data = read_regular(path, MAX_PICTURE_FILE_BYTES)
    except FileTooLarge as exc:
        return b"", f"the file is {exc.size / 2**20:.0f} MB; a picture may be at most {MAX_PICTURE_FILE_BYTES // 2**20} MB"
    except FileUnreadable as exc:
        return b"", f"the file {exc.reason}" if exc.reason.startswith("is ") else exc.reason
    if kept is not None and kept[1] == zlib.crc32(data):
        return data, kept[0]
    try:
        return data, check_picture(data, path.suffix)
    except PictureRefused as exc:
        return data, exc.reason
