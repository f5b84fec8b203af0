"""Fonts a clinic adds in `content/fonts/` for scripts the kiosk does not carry (Thai, Devanagari, ...).

Each `.ttf`, `.otf` or `.ttc` there is read (at most MAX_FONT_BYTES) and its character map checked
(kiosk.core.sfnt) before Qt ever loads it: a file that is not really a font is a warning naming it,
and is left out. The good ones are listed in the content state (the kiosk registers them, at start
and on every reload) and their characters count as drawable for `kiosk check`. They come after the
kiosk's own fonts, so they fill gaps and never change how a bundled script looks.

Results are kept while the folder's fonts keep their identity (size, time, inode): every card's
check asks, and only a change there costs a read.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.files import FileTooLarge, FileUnreadable, read_regular
from kiosk.core.problems import Problem, warning
from kiosk.core.sfnt import NotAFont, Ranges, font_ranges, merge

FONTS_FOLDER = "fonts"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
MAX_FONT_BYTES = 50 * 1024 * 1024  # a full Noto Sans CJK collection is 20 MB
MAX_FONTS = 16
Signature = tuple[int, int, int]


@dataclass(frozen=True)
class ContentFont:
    path: Path
    signature: Signature
    ranges: Ranges


@dataclass(frozen=True)
class ContentFonts:
    fonts: tuple[ContentFont, ...] = ()
    problems: tuple[Problem, ...] = ()
    ranges: Ranges = ()  # every character the fonts have, merged


# By content folder: what its fonts/ held (names and identities) and what was read from it then.
_cache: dict[Path, tuple[tuple[tuple[Path, Signature | None], ...], ContentFonts]] = {}
_lock = threading.Lock()


def _candidates(folder: Path) -> tuple[tuple[Path, Signature | None], ...]:
    """Font-named entries of `folder` in name order (hidden files left out), with their identity."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return ()
    found: list[tuple[Path, Signature | None]] = []
    for entry in entries:
        if entry.name.startswith(".") or os.path.splitext(entry.name)[1].lower() not in FONT_SUFFIXES:
            continue
        try:
            info = entry.stat()
            found.append((Path(entry.path), (info.st_size, info.st_mtime_ns, info.st_ino)))
        except OSError:
            found.append((Path(entry.path), None))
    return tuple(found)


def _read(path: Path) -> ContentFont | Problem:
    try:
        info = os.stat(path)
        data = read_regular(path, MAX_FONT_BYTES)
        return ContentFont(path, (info.st_size, info.st_mtime_ns, info.st_ino), font_ranges(data))
    except FileTooLarge:
        return warning(path, 1, f"this font cannot be used: it is larger than {MAX_FONT_BYTES // 1024 // 1024} MB; it is left out")
    except FileUnreadable as exc:
        return warning(path, 1, f"this font cannot be used: {exc.reason}; it is left out")
    except NotAFont as exc:
        return warning(path, 1, f"this is not a font the kiosk can use: {exc}; it is left out")
    except OSError as exc:
        return warning(path, 1, f"this font cannot be used: {exc.strerror or type(exc).__name__}; it is left out")


def read_content_fonts(content_root: Path) -> ContentFonts:
    """The usable fonts of `content/fonts/` and a warning for each file there that is not one.

    Read again only when a file there was added, removed or changed: card checks ask for every card."""
    candidates = _candidates(content_root / FONTS_FOLDER)
    with _lock:
        cached = _cache.get(content_root)
    if cached is not None and cached[0] == candidates:
        return cached[1]
    fonts: list[ContentFont] = []
    problems: list[Problem] = []
    for path, _signature in candidates:
        if len(fonts) >= MAX_FONTS:
            problems.append(warning(path, 1, f"more than {MAX_FONTS} fonts in {FONTS_FOLDER}/; this one is left out"))
            continue
        result = _read(path)
        if isinstance(result, ContentFont):
            fonts.append(result)
        else:
            problems.append(result)
    found = ContentFonts(tuple(fonts), tuple(problems), merge([r for font in fonts for r in font.ranges]))
    with _lock:
        _cache[content_root] = (candidates, found)
    return found


def content_font_ranges(content_root: Path) -> Ranges:
    """What a clinic's own fonts add: the characters `kiosk check` may count as drawable."""
    return read_content_fonts(content_root).ranges
