"""A PulseAudio server that accepts connections and never answers: Qt Multimedia's 30 s hang, on demand.

Point a process at it with PULSE_SERVER=unix:PATH (`env`). Qt's PulseAudio backend connects, sends
its handshake, and waits for an answer that never comes: `QMediaDevices.defaultAudioOutput()`
returns only after Qt's own 30 s timeout. It is the fake speech-dispatcher's "silent" mode (a socket
that accepts and never answers, whatever the protocol), under PulseAudio's address; `close()` ends it.
"""

from __future__ import annotations

from pathlib import Path

from helpers.fake_speechd import FakeSpeechd


class SilentPulse(FakeSpeechd):
    def __init__(self, path: Path) -> None:
        super().__init__(path, "silent")

    @property
    def env(self) -> dict[str, str]:
        return {"PULSE_SERVER": f"unix:{self.path}"}
