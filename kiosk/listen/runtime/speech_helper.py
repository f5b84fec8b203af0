"""The kiosk's helpers: small programs of their own that own the speech engine and the recording player.

Why a process: speech-dispatcher that cannot open the sound output accepts one sentence and then
never answers again, and the calls into it block inside native code that keeps Python's lock (the
GIL), so a thread would not protect the screen. Whatever the engine does to this process, the
kiosk's screen goes on; the kiosk kills a helper that misses a deadline (kiosk/listen/runtime/speech_process.py).

The recording player (staff recordings, a card's `audio:`) is a second helper of the same kind, for
the same reason: Qt Multimedia's PulseAudio backend blocks for 30 s when the sound server accepts a
connection and never answers. Two processes, so a stuck sound server never silences the voice and a
stuck speech-dispatcher never silences the recordings.

Started as `kiosk --speech-helper` / `kiosk --player-helper` (the PyInstaller build: the same
executable) or `python -m kiosk --speech-helper` (a source or wheel install). Each speaks one JSON
object per line on stdin/stdout (kiosk/listen/runtime/helper_host.py inside, helper_process.py in the kiosk).

The speech helper:

kiosk -> helper, each with a sequence number `seq` that the helper acknowledges once the engine
call has returned: {"op": "open"}; {"op": "say", "id": UTTERANCE, "text": ...};
{"op": "locale", "value": "es_419"}; {"op": "volume", "value": 0.7}; {"op": "rate", "value": 0.0};
{"op": "pause"}; {"op": "resume"}; {"op": "stop"}.

helper -> kiosk: {"event": "hello"} once its Python and Qt are loaded (before any engine is
touched, so the kiosk can tell a slow start from a stuck engine); {"event": "ack", "seq": N, "value": ...} (value: the engine's locale, volume or
rate after such a request); {"event": "opened", "engine": NAME, "locales": [...]}, or
{"event": "opened", "engine": "", "reason": WHY, "retry": BOOL} (retry: false when nothing on this
computer can speak, so trying again is pointless); {"event": "state", "id": UTTERANCE, "state":
"speaking" | "paused" | "ready" | "error"}; {"event": "word", "id": UTTERANCE, "word": ...}.

The player helper (listen/runtime/player_host.py): {"op": "open"} (connect to the sound output);
{"op": "play", "id": RECORDING, "path": WAV, "volume": 0.7}; {"op": "pause"}; {"op": "resume"};
{"op": "stop"}; {"op": "volume", "value": 0.7}; each acknowledged as above. It answers
{"event": "hello"}, {"event": "ack", ...}, {"event": "opened", "output": NAME} or {"event": "opened",
"output": "", "reason": WHY, "retry": BOOL}, and {"event": "state", "id": RECORDING, "state":
"playing" (with "seconds": its length) | "finished" | "failed" (with "reason": this recording cannot
be played; the voice reads the card) | "error" (with "reason": the sound output failed)}.

This module imports no Qt, so `kiosk/cli.py` can look for the argument cheaply on every start.
"""

from __future__ import annotations

import sys

from kiosk.core.paths import is_frozen

HELPER_ARGUMENT = "--speech-helper"
PLAYER_ARGUMENT = "--player-helper"
HELPER_ARGUMENTS = (HELPER_ARGUMENT, PLAYER_ARGUMENT)


def helper_command(argument: str = HELPER_ARGUMENT) -> list[str]:
    """The program and arguments that start a helper from this kiosk, however it was installed."""
    if is_frozen():
        return [sys.executable, argument]
    return [sys.executable, "-m", "kiosk", argument]


def main(argument: str = HELPER_ARGUMENT) -> int:
    if argument == PLAYER_ARGUMENT:
        from kiosk.listen.runtime.player_host import serve as serve_player

        return serve_player()
    from kiosk.listen.runtime.speech_host import serve

    return serve()
