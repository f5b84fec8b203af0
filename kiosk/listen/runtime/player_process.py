"""The kiosk's side of the recording player's helper: recordings out, their start and end in, deadlines.

Staff recordings (a card's `audio:`) play in a helper program of their own (kiosk --player-helper,
kiosk/listen/runtime/player_host.py), because Qt Multimedia's PulseAudio backend blocks for 30 s when
the sound server accepts a connection and never answers. Starting, killing and restarting it, and
the deadlines every helper has, are kiosk/listen/runtime/helper_process.py's. Here: a play request
gets longer (it reads the file), and a recording that started must end within its own length plus a
margin (kiosk/core/tuning.py PlayerTiming). The helper is started by the first play (or by
`start()`, when a recorded card is first shown), never with the kiosk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.core.tuning import PlayerTiming
from kiosk.listen.runtime.helper_process import HelperProcess, Wording
from kiosk.listen.runtime.speech_helper import PLAYER_ARGUMENT, helper_command

PLAYER = Wording(helper="the recording player", service="the sound output", stuck=" (is the sound server stuck?)",
                 failing="Staff recordings are not playing", unusable="Staff recordings cannot be played on this computer",
                 back="Staff recordings play again (sound output %s answered)", opened_field="output")


class PlayerProcess(HelperProcess):
    """One player helper at a time, started on first use; it keeps one running until `shutdown()`."""

    opened = Signal(str)  # the sound output works: its name
    playing = Signal(int)  # recording id: its sound has been handed to the sound output
    ended = Signal(int, str)  # recording id, and '' when it played to its end, else why it cannot be played (the player still works)
    WORDING = PLAYER

    def __init__(self, timing: PlayerTiming | None = None, command: Sequence[str] | None = None, parent: QObject | None = None) -> None:
        self.player_timing = timing = timing or PlayerTiming()
        super().__init__(timing, command or helper_command(PLAYER_ARGUMENT), parent)
        self._recording = 0  # the recording asked for last; reports about others are late and ignored
        self._pending: dict[str, Any] | None = None  # a play asked for while the helper was starting
        self._paused = False
        self._seconds = 0.0  # the length of the recording playing
        self._end_timer = self._deadline(lambda: "a recording did not end in time (is the sound output stuck?)")

    def _reply_ms(self, op: str) -> int:
        return self.player_timing.play_ms if op == "play" else self.player_timing.reply_ms

    # --- requests ------------------------------------------------------------------------------

    def play(self, recording: int, path: Path, volume: float) -> bool:
        """Play `path`, known as `recording` in the reports; False while the player is between tries after a failure."""
        request = {"id": recording, "path": str(path), "volume": volume}
        self._recording, self._paused, self._pending = recording, False, None
        self._end_timer.stop()
        if self.is_open:
            return self._send("play", **request)
        if self._retry_timer.isActive() or self._ended:
            return False
        self._pending = request
        self.start()
        return True

    def pause(self) -> None:
        self._paused = True
        self._end_timer.stop()  # a pause may last; the recording's time starts again on resume
        self._send("pause")

    def resume(self) -> None:
        self._paused = False
        if self._send("resume") and self._seconds:
            self._end_timer.start(self._end_ms())

    def stop(self) -> None:
        """Silence now; a helper that does not confirm within its deadline is killed, which silences it too."""
        self._pending, self._seconds = None, 0.0
        self._end_timer.stop()
        self._send("stop")

    def set_volume(self, volume: float) -> None:
        if self._pending is not None:
            self._pending["volume"] = volume
        self._send("volume", value=volume)

    def _end_ms(self) -> int:
        return round(self._seconds * 1000) + self.player_timing.end_margin_ms

    # --- reports -------------------------------------------------------------------------------

    def _discard(self) -> None:
        self._pending, self._seconds = None, 0.0
        super()._discard()

    def _handlers(self) -> dict:
        return {"state": self._on_state}

    def _on_open(self, name: str, message: dict) -> None:
        self.opened.emit(name)
        request, self._pending = self._pending, None
        if request is not None and self._send("play", **request) and self._paused:
            self._send("pause")

    def _on_state(self, message: dict) -> None:
        recording, state, reason = int(message.get("id", 0)), str(message.get("state", "")), str(message.get("reason", ""))
        if state == "error":  # the sound output failed under the helper: a new one connects afresh
            self._fail(f"the sound output failed: {reason or 'no reason given'}")
            return
        if recording != self._recording:
            return
        if state == "playing":
            self._worked()
            self._seconds = float(message.get("seconds", 0.0))
            if not self._paused:
                self._end_timer.start(self._end_ms())
            self.playing.emit(recording)
        elif state in ("finished", "failed"):
            self._end_timer.stop()
            self._seconds = 0.0
            self.ended.emit(recording, reason or ("" if state == "finished" else "no reason given"))
