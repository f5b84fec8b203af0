"""Staff recordings for the speaker: the player's helper, whether it works now, and the recording playing.

The player runs in a helper process of its own (listen/runtime/player_process.py), started on the
first recorded card after the kiosk's first frame, never on the way to it. While it does not work
(a sound server that is stuck or missing), `reason` says why and the speaker lets the voice read
recorded cards; it works again when a new helper opens the sound output.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.core.tuning import PlayerTiming
from kiosk.listen.runtime.player_process import PlayerProcess

log = logging.getLogger(__name__)


class Recordings(QObject):
    """Plays one recording at a time through the player's helper; `ended` says how it ended."""

    ended = Signal(str)  # the recording playing ended: '' at its end; else why not (the voice should read the card)
    availability_changed = Signal()  # `reason` changed: recordings stopped or started working

    def __init__(self, timing: PlayerTiming | None = None, command: Sequence[str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = PlayerProcess(timing, command, self)
        self.player.opened.connect(self._on_opened)
        self.player.lost.connect(self._on_lost)
        self.player.ended.connect(self._on_ended)
        self.reason = ""  # why recordings cannot be played now ('' when they can, or before the player's first try)
        self.in_trouble = False  # ... and the player is tried again by itself
        self.active = False  # a recording is playing or paused
        self._recording = 0  # the id of the recording played last
        self._path: Path | None = None
        self._may_start = False

    def allow_start(self) -> None:
        """The kiosk's first frame is up: the player's helper may be started from now on."""
        self._may_start = True

    def prepare(self) -> None:
        """A recorded card is on screen: start the player's helper (once), so a tap finds it ready."""
        if self._may_start and not self.player.is_running():
            self.player.start()

    def play(self, path: Path, volume: float) -> bool:
        """Start `path`; False when the player does not work now (the voice reads the card instead)."""
        self.stop()
        self._recording, self._path = self._recording + 1, path
        if self.reason or not self.player.play(self._recording, path, volume):
            return False
        self.active = True
        return True

    def pause(self) -> None:
        if self.active:
            self.player.pause()

    def resume(self) -> None:
        if self.active:
            self.player.resume()

    def stop(self) -> None:
        if self.active:
            self.active = False
            self.player.stop()

    def set_volume(self, volume: float) -> None:
        self.player.set_volume(volume)

    def shutdown(self) -> None:
        self.active = False
        self.player.shutdown()

    def _on_ended(self, recording: int, reason: str) -> None:
        if self.active and recording == self._recording:
            self.active = False
            if reason:
                name = self._path.name if self._path else "?"
                log.warning("the recording %s could not be played (%s); the voice reads the card", name, reason)
            self.ended.emit(reason)

    def _on_opened(self, _name: str) -> None:
        if self.reason:
            self.reason, self.in_trouble = "", False
            self.availability_changed.emit()

    def _on_lost(self, reason: str, retrying: bool) -> None:
        """The player's helper was killed (or cannot work here): what it played has stopped already."""
        self.reason, self.in_trouble = reason, retrying
        if self.active:
            self.active = False
            self.ended.emit(reason)
        self.availability_changed.emit()
