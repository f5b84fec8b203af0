"""A fake speech-dispatcher on a Unix socket: enough SSIP for Qt's speechd plugin, and ways to be broken.

Point the real speech helper at it with SPEECHD_ADDRESS=unix_socket:PATH and KIOSK_SPEECH_ENGINE=speechd.
Modes (`mode` may be changed while it runs; new connections follow it):
- "works": answers every request at once; a sentence is begun (701 BEGIN) and ended (702 END);
- "silent": accepts connections and never answers (a hung daemon);
- "dies": answers the first `handshake` requests of a connection, then closes it and stops listening;
- "slow": like "works", each answer `delay` seconds late;
- "killed": like "works" until the first sentence has ended, then gone (speech-dispatcher killed);
- "no-sound": like "works" until the first sentence, which is begun and never ended; from then on
  nothing is answered, on any connection (what speech-dispatcher does when it cannot open audio).
Runs on threads in the test's own process; `close()` ends everything.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

VOICES = b"249-en-us\ten-US\tnone\r\n249-es\tes-ES\tnone\r\n249-es-419\tes-419\tnone\r\n249-other\tzz\tnone\r\n249 OK VOICE LIST SENT\r\n"


class FakeSpeechd:
    def __init__(self, path: Path, mode: str = "works", *, handshake: int = 3, delay: float = 0.02) -> None:
        self.path, self.mode, self.handshake, self.delay = path, mode, handshake, delay
        self.connections = 0  # accepted so far (a helper inside its engine call shows up here)
        self.requests: list[str] = []
        self.hung = False  # "no-sound" has taken its first sentence
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        self._server.listen(8)
        self._clients: list[socket.socket] = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def address(self) -> str:
        return f"unix_socket:{self.path}"

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for client in [self._server, *self._clients]:
                try:
                    client.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                client.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return  # closed
            with self._lock:
                if self._closed:
                    client.close()
                    return
                self._clients.append(client)
                self.connections += 1
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        buffer, receiving, answered, message = b"", False, 0, 0
        while True:
            try:
                data = client.recv(4096)
            except OSError:
                return
            if not data:
                return
            buffer += data
            while b"\r\n" in buffer:
                line, buffer = buffer.split(b"\r\n", 1)
                self.requests.append(line.decode("utf-8", "replace"))
                if self.mode == "silent" or self.hung:
                    continue
                if self.mode == "slow":
                    time.sleep(self.delay)
                if self.mode == "dies" and answered >= self.handshake:
                    self.close()
                    return
                answered += 1
                if receiving:
                    if line == b".":
                        receiving, message = False, message + 1
                        self._send(client, b"225-%d\r\n225 OK MESSAGE QUEUED\r\n" % message)
                        self._send(client, b"701-%d\r\n701-1\r\n701 BEGIN\r\n" % message)
                        if self.mode == "no-sound":
                            self.hung = True
                        else:
                            self._send(client, b"702-%d\r\n702-1\r\n702 END\r\n" % message)
                        if self.mode == "killed":
                            self.close()
                            return
                    continue
                self._send(client, self._answer(line.upper()))
                receiving = line.upper() == b"SPEAK"

    def _answer(self, request: bytes) -> bytes:
        if request.startswith(b"LIST SYNTHESIS_VOICES"):
            return VOICES
        if request.startswith(b"LIST OUTPUT_MODULES"):
            return b"250-espeak-ng\r\n250 OK MODULE LIST SENT\r\n"
        if request == b"SPEAK":
            return b"230 OK RECEIVING DATA\r\n"
        if request.startswith(b"GET OUTPUT_MODULE"):
            return b"251-espeak-ng\r\n251 OK GET RETURNED\r\n"
        if request.startswith(b"GET"):
            return b"251-0\r\n251 OK GET RETURNED\r\n"
        return b"200 OK\r\n"

    def _send(self, client: socket.socket, data: bytes) -> None:
        try:
            client.sendall(data)
        except OSError:
            pass
