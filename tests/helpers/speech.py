"""Fakes for what the test machines do not have (sound output), and a recorder for the speech helper's reports."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.listen.runtime.speech_process import SpeechProcess

FAKE_HELPER = Path(__file__).resolve().parent / "fake_speech_helper.py"


class FakeRecordingPlayer(QObject):
    """Stands in for the recording player's helper (kiosk/listen/runtime/player_process.py PlayerProcess):
    the same requests and reports, no process and no sound output. "unplayable.wav" is reported as
    not playable, as the real helper reports a file it cannot read."""

    opened = Signal(str)
    lost = Signal(str, bool)
    playing = Signal(int)
    ended = Signal(int, str)

    def __init__(self, timing=None, command=None, parent=None) -> None:
        super().__init__(parent)
        self.calls: list[str] = []
        self.volume = 0.0
        self.recording = 0
        self.running = False

    def start(self) -> None:
        self.running = True

    def is_running(self) -> bool:
        return self.running

    def shutdown(self) -> None:
        self.running = False

    def play(self, recording: int, path: Path, volume: float) -> bool:
        self.calls.append(f"play {path.name}")
        self.recording, self.volume, self.running = recording, volume, True
        if path.name == "unplayable.wav":
            QTimer.singleShot(0, lambda: self.ended.emit(recording, "cannot be read (not a WAV file)"))
        else:
            QTimer.singleShot(0, lambda: self.playing.emit(recording))
        return True

    def finish(self) -> None:
        """The last sample has played."""
        self.ended.emit(self.recording, "")

    def pause(self) -> None:
        self.calls.append("pause")

    def resume(self) -> None:
        self.calls.append("resume")

    def stop(self) -> None:
        self.calls.append("stop")

    def set_volume(self, volume: float) -> None:
        self.volume = volume


class Recorder:
    """What a SpeechProcess reported, in order."""

    def __init__(self, process: SpeechProcess) -> None:
        self.process = process
        self.opened: list[tuple[str, list[str]]] = []
        self.lost: list[tuple[str, bool]] = []
        self.states: list[tuple[int, str]] = []
        self.words: list[str] = []
        process.opened.connect(lambda name, locales: self.opened.append((name, locales)))
        process.lost.connect(lambda reason, retry: self.lost.append((reason, retry)))
        process.reported.connect(lambda utterance, state: self.states.append((utterance, state)))
        process.word.connect(lambda _utterance, word: self.words.append(word))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
