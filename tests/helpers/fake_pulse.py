"""A PulseAudio server that accepts connections and never answers: Qt Multimedia's 30 s hang, on demand.

Point a process at it with PULSE_SERVER=unix:PATH (`env`). Qt's PulseAudio backend connects, sends
its handshake, and waits for an answer that never comes: `QMediaDevices.defaultAudioOutput()`
returns only after Qt's own 30 s timeout. Runs on a thread in the test's own process; `close()` ends it.
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path


class SilentPulse:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.connections = 0  # accepted so far: a client stuck waiting shows up here
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        self._server.listen(8)
        self._clients: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def env(self) -> dict[str, str]:
        return {"PULSE_SERVER": f"unix:{self.path}"}

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return  # closed
            self._clients.append(client)  # kept open, never read, never answered
            self.connections += 1

    def close(self) -> None:
        for client in [self._server, *self._clients]:
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            client.close()
