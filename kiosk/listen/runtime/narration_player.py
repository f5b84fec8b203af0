"""Plays a staff recording (16-bit PCM WAV) with pause, resume, stop and the visit's volume.

QAudioSink plays raw samples through the system's sound server with QtMultimedia's own audio
backend, so no FFmpeg backend (about 21 MB) is bundled; Python's `wave` module reads the file.
QAudioSink's stateChanged cannot be connected from PySide6 6.11 (its QAudio::State argument does not
convert), so a coarse timer notices the end of the recording.
"""

from __future__ import annotations

import logging
import wave
from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer, Signal

if TYPE_CHECKING:  # loaded on the first recorded card: QtMultimedia is optional
    from PySide6.QtMultimedia import QAudioSink

log = logging.getLogger(__name__)
POLL_MS = 100


class NarrationPlayer(QObject):
    finished = Signal()  # the recording played to its end, or was stopped
    started = Signal()  # sound has been handed to the sound server

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self.volume = 0.7
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._check_end)

    def play(self, path: Path) -> bool:
        """Start `path` from the beginning; False (and a log line) if it cannot be played."""
        self.stop()
        try:
            from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices
        except ImportError as exc:
            log.error("recorded narration cannot be played: %s", exc)
            return False
        try:
            with wave.open(str(path), "rb") as recording:
                rate, channels, frames = recording.getframerate(), recording.getnchannels(), recording.readframes(recording.getnframes())
        except (wave.Error, EOFError, OSError) as exc:
            log.error("recorded narration %s cannot be read: %s", path, exc)
            return False
        audio_format = QAudioFormat()
        audio_format.setSampleRate(rate)
        audio_format.setChannelCount(channels)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull() or not device.isFormatSupported(audio_format):
            log.error("recorded narration %s: no sound output takes %d Hz, %d channel(s)", path.name, rate, channels)
            return False
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(frames))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = sink = QAudioSink(device, audio_format, self)
        sink.setVolume(self.volume)
        sink.start(self._buffer)
        self._poll.start()
        self.started.emit()
        return True

    def pause(self) -> None:
        if self._sink is not None:
            self._sink.suspend()

    def resume(self) -> None:
        if self._sink is not None:
            self._sink.resume()

    def stop(self) -> None:
        if self._sink is None:
            return
        self._poll.stop()
        sink, buffer = self._sink, self._buffer
        self._sink = self._buffer = None
        sink.stop()
        sink.deleteLater()
        if buffer is not None:
            buffer.close()
            buffer.deleteLater()
        self.finished.emit()

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        if self._sink is not None:
            self._sink.setVolume(volume)

    def _check_end(self) -> None:
        from PySide6.QtMultimedia import QtAudio

        sink = self._sink
        if sink is None or self._buffer is None:
            return
        if self._buffer.atEnd() and sink.state() in (QtAudio.State.IdleState, QtAudio.State.StoppedState):
            self.stop()
