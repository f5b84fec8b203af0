"""Parsed cards kept by file identity, so saving one card re-parses that card, not the whole deck.

A card's result depends on its file, on the pictures and recordings it names and on the fonts in
content/fonts/ (which characters it may use), so an entry is reused while the file's (size,
mtime_ns, inode) is unchanged and no picture, recording or font anywhere under content/ (folders
that are links included) was added, removed or changed (then everything is parsed again: those
change rarely, cards often).
File times are coarse (a few ms on ext4, 2 s on FAT), so a file written again within that tick can
keep its size and time: as git does with "racily clean" files, an entry read less than
`RACY_NS` after its file's time keeps the bytes it came from, and its next use compares them
with the file (a read, not a parse) before trusting it.

Given what an earlier run parsed (`adopt`, from kiosk.core.parse_cache), a card not parsed yet in
this run is taken from there when its folder and dependencies are the same, its file has the same
identity, and its bytes, read now, have the same SHA-256; the crisis callout too, by its text.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.card_codec import decode_callout, decode_result
from kiosk.core.card_data import Callout
from kiosk.core.cards import MAX_CARD_BYTES, CardResult, load_card, parse_card_bytes
from kiosk.core.content_files import AUDIO_SUFFIXES, IMAGE_SUFFIXES
from kiosk.core.content_fonts import FONT_SUFFIXES
from kiosk.core.crisis import render_callout
from kiosk.core.files import FileUnreadable, read_regular
from kiosk.core.parse_cache import Folder, Saved, SavedCard, Signature, Snapshot
from kiosk.core.tuning import RACY_NS

_WATCHED_SUFFIXES = frozenset(IMAGE_SUFFIXES) | frozenset(AUDIO_SUFFIXES) | frozenset(FONT_SUFFIXES)


@dataclass(frozen=True)
class _Entry:
    signature: Signature
    result: CardResult
    digest: str  # SHA-256 of the bytes the result came from
    raw: bytes | None  # kept only while the file's time is too recent to trust


class CardCache:
    """Not thread-safe: one reload at a time uses it (the store holds a lock)."""

    def __init__(self, clock_ns: Callable[[], int] = time.time_ns) -> None:
        self._clock_ns = clock_ns
        self._entries: dict[Path, _Entry] = {}
        self._pictures: frozenset[tuple[str, int, int, int]] | None = None
        self._folder: Folder | None = None
        self._seen: set[Path] = set()
        self._callouts: dict[str, Callout] = {}
        self._callouts_used: set[str] = set()
        self._saved = Saved()
        self.parsed = 0  # files parsed so far: what tests and benchmarks count
        self.reused = 0  # cards taken from an earlier run's parse (`adopt`)
        self.changed = False  # since the last snapshot(): a card parsed, a callout rendered, an entry dropped

    def adopt(self, saved: Saved) -> None:
        """What an earlier run parsed; used card by card while it holds (see the module's docstring)."""
        self._saved = saved

    def begin(self, content_root: Path) -> None:
        """Start one reload: forget everything if any picture, recording or font changed since the last one."""
        pictures = _pictures(content_root)
        if pictures != self._pictures:
            self._entries.clear()
            self._pictures = pictures
        folder = (str(content_root), os.path.realpath(content_root), _digest(pictures))
        if folder != self._folder:
            self._callouts.clear()
            self._folder = folder
        if self._saved.folder is not None and self._saved.folder != folder:
            self._saved = Saved()  # written for another folder, or before its pictures or fonts changed
        self._seen = set()
        self._callouts_used = set()

    def end(self) -> None:
        """Finish a complete reload: drop the entries of files that are gone, and what an earlier run left."""
        for path in self._entries.keys() - self._seen:
            del self._entries[path]
            self.changed = True
        for text in self._callouts.keys() - self._callouts_used:
            del self._callouts[text]
            self.changed = True
        if self._saved.cards or self._saved.callouts:
            self.changed = True  # what is left of it is about files that are gone: the file is written again without it
        self._saved = Saved()

    def load(self, path: Path, content_root: Path) -> CardResult:
        self._seen.add(path)
        try:
            info = os.stat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            self._entries.pop(path, None)
            return load_card(path, content_root)  # says why it cannot be read
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        entry = self._entries.get(path)
        raw: bytes | None = None
        if entry is not None and entry.signature == signature:
            if entry.raw is None:
                return entry.result
            try:
                raw = read_regular(path, MAX_CARD_BYTES)
            except FileUnreadable:
                return load_card(path, content_root)
            if raw == entry.raw:
                self._store(path, signature, entry.result, raw, info.st_mtime_ns, entry.digest)
                return entry.result
        if raw is None:
            try:
                raw = read_regular(path, MAX_CARD_BYTES)
            except FileUnreadable:
                self._entries.pop(path, None)
                return load_card(path, content_root)
        digest = hashlib.sha256(raw).hexdigest()
        result = _earlier(self._saved.cards.pop(str(path), None), signature, digest)
        if result is not None:
            self.reused += 1
        else:
            result = parse_card_bytes(path, raw, content_root)
            self.parsed += 1
            self.changed = True
        self._store(path, signature, result, raw, info.st_mtime_ns, digest)
        return result

    def callout(self, text: str, content_root: Path) -> Callout:
        """The crisis callout `text` (Markdown) rendered: kept like the cards, since it is rendered at every reload."""
        self._callouts_used.add(text)
        if (kept := self._callouts.get(text)) is not None:
            return kept
        try:
            rendered = decode_callout(self._saved.callouts.pop(text))
        except (KeyError, ValueError):
            rendered = render_callout(text, content_root)
            self.changed = True
        self._callouts[text] = rendered
        return rendered

    def snapshot(self, demo_pin: dict[str, bool]) -> Snapshot | None:
        """Every card and callout of the last complete reload, with the demo-PIN answers, for the parse cache file."""
        if self._folder is None:
            return None
        self.changed = False
        cards = tuple((str(path), entry.signature, entry.digest, entry.result) for path, entry in self._entries.items())
        return Snapshot(self._folder, cards, dict(self._callouts), demo_pin)

    def _store(self, path: Path, signature: Signature, result: CardResult, raw: bytes, mtime_ns: int, digest: str) -> None:
        racy = self._clock_ns() - mtime_ns < RACY_NS
        self._entries[path] = _Entry(signature, result, digest, raw if racy else None)


def _earlier(saved: SavedCard | None, signature: Signature, digest: str) -> CardResult | None:
    """The earlier run's result when it was made from this very file and these very bytes."""
    if saved is None or saved.signature != signature or saved.digest != digest:
        return None
    try:
        return decode_result(saved.result)
    except ValueError:
        return None


def _pictures(content_root: Path) -> frozenset[tuple[str, int, int, int]]:
    """(path, size, mtime_ns, inode) of every picture, recording and font under content/ (hidden folders
    left out; folders that are links followed, each real folder once)."""
    found: set[tuple[str, int, int, int]] = set()
    walked: set[tuple[int, int]] = set()
    for folder, folders, files in os.walk(content_root, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            folders[:] = []
            continue
        if (info.st_dev, info.st_ino) in walked:  # a link back up the tree, or a second link to the same folder
            folders[:] = []
            continue
        walked.add((info.st_dev, info.st_ino))
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if os.path.splitext(name)[1].lower() in _WATCHED_SUFFIXES:
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                found.add((path, info.st_size, info.st_mtime_ns, info.st_ino))
    return frozenset(found)


def _digest(pictures: frozenset[tuple[str, int, int, int]]) -> str:
    text = "\n".join(f"{path}\0{size}\0{mtime}\0{inode}" for path, size, mtime, inode in sorted(pictures))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
