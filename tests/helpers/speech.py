"""Fakes for what the test machines do not have (sound output), and a recorder for the speech helper's reports."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.listen.runtime.speech_process import SpeechProcess

FAKE_HELPER = Path(__file__).resolve().parent / "fake_speech_helper.py"


class FakeRecordingPlayer(QObject):
    """Stands in for the sound output, which test machines do not have."""

    finished = Signal()
    started = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.calls: list[str] = []
        self.volume = 0.0

    def play(self, path: Path) -> bool:
        self.calls.append(f"play {path.name}")
        return path.name != "unplayable.wav"

    def pause(self) -> None:
        self.calls.append("pause")

    def resume(self) -> None:
        self.calls.append("resume")

    def stop(self) -> None:
        self.calls.append("stop")
        self.finished.emit()

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
