"""Loads topic cards from `content/<language>/*.md`: YAML front matter plus a Markdown body.

One loader serves `kiosk check`, `kiosk snapshot` and the running kiosk, so what staff see in a
check is exactly what the screen will do. Every problem names the file and line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from kiosk.core.card_data import Card, CardResult
from kiosk.core.files import FileMissing, FileTooLarge, FileUnreadable, read_regular
from kiosk.core.problems import Problem, error, note
from kiosk.core.stray_files import stray_copy, stray_message
from kiosk.core.text_lines import bad_byte_line

__all__ = ["Card", "CardResult", "Deck", "card_files", "card_files_if_any", "is_card_file", "load_card", "load_deck", "parse_card_bytes"]
MAX_CARD_BYTES = 256 * 1024


class CardSource(Protocol):
    """Where load_deck gets each card's result (core/card_cache.py keeps them between reloads)."""

    def load(self, path: Path, content_root: Path) -> CardResult: ...


@dataclass(frozen=True)
class Deck:
    cards: tuple[Card, ...]
    problems: tuple[Problem, ...]
    # File names of cards that exist but could not be loaded, so a reload can keep their last good version.
    broken: frozenset[str] = frozenset()
    missing: str | None = None  # why the folder gave no deck at all (missing, unreadable, no cards)


def is_markdown_file(path: Path) -> bool:
    """Files ending in .md, less editor swap, backup and lock files (which start with . ~ # _)."""
    name = path.name
    return name.endswith(".md") and not name.startswith((".", "~", "#", "_"))


def is_card_file(path: Path) -> bool:
    """Card files end in .md; editor files and copies left by sync tools (core/stray_files.py) are not cards."""
    return is_markdown_file(path) and stray_copy(path.name) is None


def card_files(folder: Path) -> list[Path]:
    """Card-named entries of `folder` in file-name order: files, and FIFOs, devices or sockets (which
    loading reports as errors instead of opening); folders are not cards."""
    return _listing(folder)[0]


def _listing(folder: Path) -> tuple[list[Path], list[Path]]:
    """The card files of `folder` and the copies sync tools left beside them, each in file-name order."""
    with os.scandir(folder) as entries:
        found = [Path(entry.path) for entry in entries if is_markdown_file(Path(entry.name)) and not _is_folder(entry)]
    found.sort(key=lambda p: p.name)
    return [path for path in found if stray_copy(path.name) is None], [path for path in found if stray_copy(path.name)]


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _language_folders(parent: Path) -> str:
    """The folders beside a missing one that hold cards, said for staff: they may have meant one of them."""
    try:
        found = sorted(entry.name for entry in os.scandir(parent) if not entry.name.startswith(".") and _is_folder(entry) and card_files_if_any(Path(entry.path)))
    except OSError:
        found = []
    if not found:
        return "no folder there has cards yet"
    return f"the folder{'s' if len(found) > 1 else ''} with cards there: {', '.join(f'{name}/' for name in found)}"


def card_files_if_any(folder: Path) -> list[Path]:
    """The card files of `folder`; none when it is missing or cannot be read (loading reports that)."""
    try:
        return card_files(folder) if folder.is_dir() else []
    except OSError:
        return []


def load_deck(content_root: Path, language: str, *, blame: tuple[Path, int] | None = None, cache: CardSource | None = None,
              folder: Path | None = None) -> Deck:
    """The cards of one language, from `<folder>/<language>/` (`folder`: a topic's, else the content
    folder). A folder that is missing, unreadable or has no cards gives a Deck whose `missing` says so,
    with an error at `blame` (kiosk.toml's `languages` line) or else at the folder."""
    folder = (folder or content_root) / language
    where = blame or (folder, 1)

    def gone(reason: str) -> Deck:
        return Deck((), (error(where[0], where[1], reason),), missing=reason)

    try:
        info = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        return gone(f"language '{language}' has no folder {language}/ in the content folder: add it with cards, or remove "
                    f"'{language}' from languages ({_language_folders(folder.parent)})")
    except OSError as exc:
        return gone(f"language '{language}': folder {language}/ cannot be read ({exc.strerror})")
    if not stat.S_ISDIR(info.st_mode):
        return gone(f"language '{language}': {language} in the content folder is not a folder")
    try:
        files, strays = _listing(folder)
    except OSError as exc:
        return gone(f"language '{language}': folder {language}/ cannot be read ({exc.strerror})")
    left_out = [note(path, 1, stray_message(path.name)) for path in strays]
    if not files:
        empty = gone(f"language '{language}': folder {language}/ has no cards; add Markdown files such as 10-welcome.md")
        return replace(empty, problems=(*empty.problems, *left_out))
    cards: list[Card] = []
    problems: list[Problem] = list(left_out)
    broken: set[str] = set()
    for path in files:
        result = cache.load(path, content_root) if cache is not None else load_card(path, content_root)
        problems.extend(result.problems)
        if result.card is None:
            broken.add(path.name)
        else:
            cards.append(result.card)
    return Deck(tuple(cards), tuple(problems), frozenset(broken))


def load_card(path: Path, content_root: Path) -> CardResult:
    try:
        raw = read_regular(path, MAX_CARD_BYTES)
    except FileTooLarge as exc:
        return CardResult(None, (error(path, 1, f"file is {exc.size // 1024} KB; a card may be at most {MAX_CARD_BYTES // 1024} KB"),))
    except FileMissing:
        return CardResult(None, (error(path, 1, "the file vanished while it was read"),))
    except FileUnreadable as exc:
        return CardResult(None, (error(path, 1, f"{path.name} {exc.reason}" if exc.reason.startswith("is ") else exc.reason),))
    return parse_card_bytes(path, raw, content_root)


def parse_card_bytes(path: Path, raw: bytes, content_root: Path) -> CardResult:
    """A card from the bytes of its file."""
    if b"\x00" in raw:
        return CardResult(None, (error(path, 1, "file is not text (it contains binary data)"),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return CardResult(None, (error(path, bad_byte_line(raw, exc), "file is not UTF-8 text; save it as UTF-8"),))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return CardResult(None, (error(path, 1, "file is empty"),))
    # The parser loads with the first card really parsed: a start-up served by the parse cache never needs it.
    from kiosk.core.card_parse import parse_card_text

    return parse_card_text(path, text, content_root)
