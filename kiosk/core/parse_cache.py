"""What earlier runs parsed, kept in the state folder, so a restart with unchanged content parses no card.

Reading the sample deck's cards cost each start-up about 70 ms of CPU (importing markdown-it-py and
PyYAML, then parsing), and checking whether the staff PIN is the demo one (scrypt) another 50 ms. A
kiosk restarts far more often than its content changes (each morning, after an update, after the
watchdog), so one file, `parsed-cards.json`, keeps each card's result, the crisis callout as
rendered (kiosk.core.crisis) and the demo-PIN answer for each PIN hash.

Nothing in it is used unless all of these hold; otherwise the card is parsed as if there were no
file, and the file is written again:
- the file is this kiosk's: its first line names this format, this kiosk's version, a fingerprint of
  the code that parses cards (the sizes and times of kiosk/core, of the parsing libraries and of the
  coverage table; in a build, of the executable) and the SHA-256 of the rest of the file. A file
  that is damaged, cut short, too large or from another version is ignored, with a log line why;
- the content folder is the one it was written for: the same path, the same real folder behind it,
  and the same pictures, fonts and recordings (each one's path, size, time and inode; see
  kiosk.core.card_cache), since a card's result depends on them;
- each card's own file has the same size, time and inode, and its bytes, read again now, have the
  SHA-256 recorded; so a card changed within one tick of its file system's clock, or copied over
  with its old time, is parsed again.

It is written whole (beside, then renamed: kiosk.core.state.write_atomically) by a thread of its own
after a complete reload that parsed something, so a slow or full disk never holds the screen, and it
holds at most MAX_PARSE_CACHE_BYTES (cards past that are parsed at each start). One content folder
at a time: a snapshot of another folder, or a second kiosk on another display showing other content,
replaces it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.core.card_codec import encode
from kiosk.core.card_data import Callout, CardResult
from kiosk.core.files import FileMissing, FileTooLarge, FileUnreadable, read_regular
from kiosk.core.paths import is_frozen, resources_dir
from kiosk.core.state import write_atomically
from kiosk.core.tuning import MAX_PARSE_CACHE_BYTES

log = logging.getLogger(__name__)

CACHE_FILE = "parsed-cards.json"
FORMAT = 1
# The libraries whose output a parsed card holds, and the resource files it was checked against.
PARSER_LIBRARIES = ("markdown_it", "mdurl", "yaml", "nh3", "qtawesome")
PARSER_RESOURCES = ("fonts/coverage.txt",)

Signature = tuple[int, int, int]  # a file's size, mtime_ns and inode
Folder = tuple[str, str, str]  # the content folder as given, the real folder behind it, a digest of its pictures, fonts and recordings


@dataclass(frozen=True)
class SavedCard:
    signature: Signature
    digest: str  # SHA-256 of the file's bytes
    result: Any  # as card_codec wrote it; decoded when used


@dataclass(frozen=True)
class Saved:
    """What the file held. `trusted` is False when there was no usable file (it is then written again)."""

    trusted: bool = False
    folder: Folder | None = None
    cards: dict[str, SavedCard] = field(default_factory=dict)
    callouts: dict[str, Any] = field(default_factory=dict)  # callout Markdown -> as card_codec wrote it
    demo_pin: dict[str, bool] = field(default_factory=dict)  # a PIN hash -> whether it is the demo PIN's


@dataclass(frozen=True)
class Snapshot:
    """What to write: every card of one complete reload, in the order they were read."""

    folder: Folder
    cards: tuple[tuple[str, Signature, str, CardResult], ...]
    callouts: dict[str, Callout]
    demo_pin: dict[str, bool]


class ParseCacheFile:
    """The cache file in the state folder: read once at start-up, written by its own thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pending: Snapshot | None = None
        self._writer: threading.Thread | None = None
        self._complaint = ""

    def read(self) -> Saved:
        try:
            raw = read_regular(self.path, MAX_PARSE_CACHE_BYTES + 4096)
        except FileMissing:
            return Saved()
        except FileTooLarge as exc:
            return self._ignored(f"it is {exc.size // 1024} KB, more than this kiosk ever writes")
        except FileUnreadable as exc:
            return self._ignored(exc.reason)
        header_line, _, payload = raw.partition(b"\n")
        try:
            header = json.loads(header_line)
            if not isinstance(header, dict):
                raise ValueError("no header")
            if (header.get("format"), header.get("kiosk"), header.get("code")) != (FORMAT, __version__, code_fingerprint()):
                log.info("parse cache %s was written by another version of the kiosk: every card is parsed and it is written again",
                         self.path)
                return Saved()
            if header.get("sha256") != hashlib.sha256(payload).hexdigest():
                raise ValueError("its checksum does not match: the file is damaged or cut short")
            return _saved(json.loads(payload))
        except (ValueError, TypeError, KeyError, RecursionError) as exc:  # json's errors are ValueErrors
            return self._ignored(str(exc) or type(exc).__name__)

    def _ignored(self, reason: str) -> Saved:
        log.warning("parse cache %s ignored (%s): every card is parsed and it is written again", self.path, reason)
        return Saved()

    def write_later(self, snapshot: Snapshot) -> None:
        """Write `snapshot` on the writer thread (a later snapshot replaces one not written yet)."""
        with self._lock:
            self._pending = snapshot
            if self._writer is None:
                self._writer = threading.Thread(target=self._write_pending, name="parse-cache-writer", daemon=True)
                self._writer.start()

    def wait(self, timeout_s: float) -> bool:
        """Let a write in progress finish (at exit), for at most `timeout_s`; False if it has not."""
        with self._lock:
            writer = self._writer
        if writer is not None:
            writer.join(timeout_s)
            return not writer.is_alive()
        return True

    def _write_pending(self) -> None:
        while True:
            with self._lock:
                snapshot, self._pending = self._pending, None
                if snapshot is None:
                    self._writer = None
                    return
            try:
                write_atomically(self.path, file_text(snapshot))
            except (OSError, ValueError, TypeError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                if reason != self._complaint:  # once per reason, not at every reload
                    self._complaint = reason
                    log.warning("cannot write the parse cache %s (%s): the next start parses every card", self.path, reason)


def file_text(snapshot: Snapshot) -> str:
    """The file: a header line, then the payload as one line of JSON, cards past the size limit left out."""

    def dumps(value: Any) -> str:  # ASCII: a file name that is not UTF-8 (PEP 383 surrogates) comes back as it was
        return json.dumps(value, separators=(",", ":"))

    fixed = [f'"folder":{dumps(snapshot.folder)}', f'"demo_pin":{dumps(snapshot.demo_pin)}',
             f'"callouts":{dumps({text: encode(callout) for text, callout in snapshot.callouts.items()})}']
    room = MAX_PARSE_CACHE_BYTES - sum(len(part) for part in fixed) - 64
    cards: list[str] = []
    for path, signature, digest, result in snapshot.cards:
        entry = f"{dumps(path)}:{dumps({'id': signature, 'sha256': digest, 'result': encode(result)})}"
        room -= len(entry) + 1
        if room < 0:
            log.info("parse cache: %d of %d cards left out (it holds at most %d MB); those are parsed at each start",
                     len(snapshot.cards) - len(cards), len(snapshot.cards), MAX_PARSE_CACHE_BYTES // 2**20)
            break
        cards.append(entry)
    payload = "{" + ",".join([*fixed, '"cards":{' + ",".join(cards) + "}"]) + "}"
    header = {"format": FORMAT, "kiosk": __version__, "code": code_fingerprint(),
              "sha256": hashlib.sha256(payload.encode("ascii")).hexdigest()}
    return dumps(header) + "\n" + payload


def _saved(data: Any) -> Saved:
    """The payload, its shape checked (each card's result is checked when it is used)."""
    folder, cards, callouts, pins = data["folder"], data["cards"], data["callouts"], data["demo_pin"]
    if not (isinstance(folder, list) and len(folder) == 3 and all(isinstance(part, str) for part in folder)):
        raise ValueError("no content folder")
    if not (isinstance(cards, dict) and isinstance(callouts, dict) and isinstance(pins, dict)):
        raise ValueError("unexpected layout")
    saved: dict[str, SavedCard] = {}
    for path, entry in cards.items():
        signature = entry["id"]
        if not (isinstance(signature, list) and len(signature) == 3 and all(type(n) is int for n in signature)
                and isinstance(entry["sha256"], str)):
            raise ValueError(f"unexpected entry for {path}")
        saved[path] = SavedCard((signature[0], signature[1], signature[2]), entry["sha256"], entry["result"])
    verdicts = {stored: verdict for stored, verdict in pins.items() if isinstance(verdict, bool)}
    return Saved(True, (folder[0], folder[1], folder[2]), saved, callouts, verdicts)


@cache
def code_fingerprint() -> str:
    """Names the code that made a parse: a newer kiosk, or any edit to the parser, makes a new one.

    In a build the executable holds all the code; otherwise the sizes and times of the kernel's
    files (the parser is kiosk.core), of the parsing libraries and of the resources cards are
    checked against (about a hundred stat calls, well under a millisecond).
    """
    parts = [__version__, sys.version]
    if is_frozen():
        parts.append(_stat_text(Path(sys.executable)))
    else:
        with os.scandir(Path(__file__).parent) as entries:
            parts += sorted(f"{entry.name} {_stat_text(Path(entry.path))}" for entry in entries if entry.name.endswith(".py"))
        for name in PARSER_LIBRARIES:
            spec = importlib.util.find_spec(name)
            parts.append(f"{name} {_stat_text(Path(spec.origin)) if spec is not None and spec.origin else 'missing'}")
        parts += [f"{name} {_stat_text(resources_dir() / name)}" for name in PARSER_RESOURCES]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _stat_text(path: Path) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return "unreadable"
    return f"{info.st_size} {info.st_mtime_ns}"
