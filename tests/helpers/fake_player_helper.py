"""A stand-in for the recording player's helper (kiosk --player-helper): the same JSON lines, on purpose wrong.

    python fake_player_helper.py MODE [FLAG_FILE]

Modes: "works" (opens, and plays every recording for 0.05 s), "no-output" (no sound output: retry),
"no-multimedia" (Qt's sound module missing: no retry), "hangs-on-open" (a sound server that accepts
and never answers), "hangs-on-play", "hangs-on-stop" (a recording plays and never ends, and a stop
never comes back), "never-ends" (plays and never reports its end), "unplayable" (every file is
reported as not playable), "error-on-play" (the sound output fails). With FLAG_FILE, the mode
applies only while that file does not exist, and the helper then creates it: the next helper works.
Each helper appends its pid to $FAKE_HELPER_PIDS. No Qt: it starts in a few milliseconds.
"""

from __future__ import annotations

import json
import sys
import threading

from fake_helper_lines import chosen_mode, hang, send  # beside this script (run as one, not imported)

LENGTH_S = 0.05


def on_open(mode: str) -> None:
    if mode == "hangs-on-open":
        hang()
    if mode == "no-output":
        send(event="opened", output="", reason="there is none (is the sound server running?)", retry=True)
    elif mode == "no-multimedia":
        send(event="opened", output="", reason="Qt's sound module cannot be loaded (test)", retry=False)
    else:
        send(event="opened", output="Fake Output")


def on_play(mode: str, request: dict, playing: dict) -> None:
    recording = request["id"]
    if mode == "hangs-on-play":
        hang()
    if mode == "error-on-play":
        send(event="state", id=recording, state="error", reason="it is gone (did the sound server stop?)")
        return
    if mode == "unplayable":
        send(event="state", id=recording, state="failed", reason="cannot be read (test)")
        return
    send(event="state", id=recording, state="playing", seconds=LENGTH_S)
    playing["id"] = recording
    if mode not in ("never-ends", "hangs-on-stop"):
        def end() -> None:
            if playing.get("id") == recording:
                playing["id"] = None
                send(event="state", id=recording, state="finished")
        threading.Timer(LENGTH_S, end).start()


def main() -> int:
    mode = chosen_mode()
    send(event="hello")
    playing: dict = {}
    for line in sys.stdin:
        request = json.loads(line)
        op, seq = request["op"], request["seq"]
        if op == "open":
            on_open(mode)
        elif op == "play":
            on_play(mode, request, playing)
        elif op == "stop":
            if mode == "hangs-on-stop":
                hang()
            playing["id"] = None
        send(event="ack", seq=seq, value=request.get("value"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
