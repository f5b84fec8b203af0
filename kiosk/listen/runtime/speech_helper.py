"""The speech helper: a small program of its own that owns the speech engine, started by the kiosk.

Why a process: speech-dispatcher that cannot open the sound output accepts one sentence and then
never answers again, and the calls into it block inside native code that keeps Python's lock (the
GIL), so a thread would not protect the screen. Whatever the engine does to this process, the
kiosk's screen goes on; the kiosk kills a helper that misses a deadline (kiosk/listen/runtime/speech_process.py).

Started as `kiosk --speech-helper` (the PyInstaller build: the same executable) or `python -m kiosk
--speech-helper` (a source or wheel install). It speaks one JSON object per line on stdin/stdout:

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

This module imports no Qt, so `kiosk/cli.py` can look for the argument cheaply on every start.
"""

from __future__ import annotations

import sys

from kiosk.core.paths import is_frozen

HELPER_ARGUMENT = "--speech-helper"


def helper_command() -> list[str]:
    """The program and arguments that start a helper from this kiosk, however it was installed."""
    if is_frozen():
        return [sys.executable, HELPER_ARGUMENT]
    return [sys.executable, "-m", "kiosk", HELPER_ARGUMENT]


def main() -> int:
    from kiosk.listen.runtime.speech_host import serve

    return serve()
