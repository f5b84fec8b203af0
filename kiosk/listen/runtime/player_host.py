"""Inside the recording player's helper process: a staff recording (16-bit PCM WAV) through QAudioSink.

Why a process: Qt Multimedia's PulseAudio backend blocks the calling thread for 30 s when the sound
server accepts a connection and never answers (`QMediaDevices.defaultAudioOutput()` alone), and
QAudioSink's start and stop talk to the same server. Here that costs only this helper: the kiosk
kills it when it misses a deadline (kiosk/listen/runtime/player_process.py). The WAV file is read
here too, so a huge or stuck file costs the helper, not the screen.

QAudioSink plays raw samples with Qt Multimedia's own audio backend, so no FFmpeg backend (about
21 MB) is bundled; Python's `wave` module reads the file. QAudioSink's stateChanged cannot be
connected from PySide6 6.11 (its QAudio::State argument does not convert), so a coarse timer notices
the end of a recording. The protocol is described in kiosk/listen/runtime/speech_helper.py.
"""

from __future__ import annotations

import os
import wave
from typing import Any, NoReturn

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer

from kiosk.core.narration import MAX_AUDIO_BYTES
from kiosk.listen.runtime.helper_host import Host, Send, serve as serve_host

POLL_MS = 50
NO_OUTPUT = "there is none (is the sound server running?)"


class PlayerHost(Host):
    """Plays one recording at a time and reports when it is playing, has ended, or cannot be played."""

    def __init__(self, send: Send) -> None:
        super().__init__(send)
        self.multimedia: Any = None  # PySide6.QtMultimedia, imported only here: the kiosk process never loads it
        self.sink: Any = None  # QAudioSink
        self.buffer: QBuffer | None = None
        self.current = 0  # the recording the reports are about
        self.volume = 0.7
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self._check)

    def _open(self, _request: dict) -> None:
        try:
            from PySide6 import QtMultimedia
        except ImportError as exc:  # PySide6-Addons missing, or a library it links (libpulse0)
            self.send({"event": "opened", "output": "", "reason": f"Qt's sound module cannot be loaded ({exc})", "retry": False})
            return
        self.multimedia = QtMultimedia
        device = QtMultimedia.QMediaDevices.defaultAudioOutput()  # the call a stuck sound server holds
        if device.isNull():
            self.send({"event": "opened", "output": "", "reason": NO_OUTPUT, "retry": True})
            return
        self.send({"event": "opened", "output": device.description() or "default"})

    def _play(self, request: dict) -> None:
        self._stop(request)
        self.current = int(request["id"])
        self.volume = float(request.get("volume", self.volume))
        path = str(request["path"])
        try:
            if os.stat(path).st_size > MAX_AUDIO_BYTES:
                self._report("failed", reason=f"larger than {MAX_AUDIO_BYTES // (1024 * 1024)} MB")
                return
            with wave.open(path, "rb") as recording:
                rate, channels, width = recording.getframerate(), recording.getnchannels(), recording.getsampwidth()
                frames = recording.readframes(recording.getnframes())
        except (wave.Error, EOFError, OSError) as exc:
            self._report("failed", reason=f"cannot be read ({exc})")
            return
        if width != 2 or channels not in (1, 2):
            self._report("failed", reason="not 16-bit PCM, mono or stereo")
            return
        self._start(frames, rate, channels)

    def _start(self, frames: bytes, rate: int, channels: int) -> None:
        media = self.multimedia
        audio_format = media.QAudioFormat()
        audio_format.setSampleRate(rate)
        audio_format.setChannelCount(channels)
        audio_format.setSampleFormat(media.QAudioFormat.SampleFormat.Int16)
        device = media.QMediaDevices.defaultAudioOutput()
        if device.isNull():  # the sound server went away: a new helper connects afresh
            self._report("error", reason="it is gone (did the sound server stop?)")
            return
        if not device.isFormatSupported(audio_format):
            self._report("failed", reason=f"the sound output does not take {rate} Hz, {channels} channel(s)")
            return
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(frames))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.sink = media.QAudioSink(device, audio_format, self)
        self.sink.setVolume(self.volume)
        self.sink.start(self.buffer)
        self.poll.start()
        self._report("playing", seconds=round(len(frames) / (2 * channels * rate), 3))

    def _pause(self, _request: dict) -> None:
        if self.sink is not None:
            self.sink.suspend()

    def _resume(self, _request: dict) -> None:
        if self.sink is not None:
            self.sink.resume()

    def _stop(self, _request: dict) -> None:
        self.poll.stop()
        sink, buffer = self.sink, self.buffer
        self.sink = self.buffer = None
        if sink is not None:
            sink.stop()
            sink.deleteLater()
        if buffer is not None:
            buffer.close()
            buffer.deleteLater()

    def _volume(self, request: dict) -> float:
        self.volume = float(request["value"])
        if self.sink is not None:
            self.sink.setVolume(self.volume)
        return self.volume

    def _check(self) -> None:
        sink, buffer = self.sink, self.buffer
        if sink is None or buffer is None:
            return
        audio = self.multimedia.QtAudio
        state = sink.state()
        if state == audio.State.StoppedState and sink.error() not in (audio.Error.NoError, audio.Error.UnderrunError):
            self._stop({})
            self._report("error", reason=f"Qt reported {sink.error().name}")
        elif buffer.atEnd() and state in (audio.State.IdleState, audio.State.StoppedState):
            self._stop({})
            self._report("finished")

    def _report(self, state: str, **fields: Any) -> None:
        self.send({"event": "state", "id": self.current, "state": state, **fields})


def _load_qt_multimedia() -> None:
    try:
        import PySide6.QtMultimedia  # noqa: F401 (loaded now: its time counts as starting, not as the sound server's)
    except ImportError:
        pass  # said when the kiosk asks to open the sound output


def serve() -> NoReturn:
    serve_host(PlayerHost, _load_qt_multimedia)
