"""Fakes for what the test machines do not have: sound output."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal


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
