"""A stand-in for the speech helper (kiosk/listen/runtime/speech_helper.py): the same JSON lines, on purpose wrong.

    python fake_speech_helper.py MODE [FLAG_FILE]

Modes: "never-starts" (never says hello), "works" (answers everything at once; a sentence is begun, one word per word, then ended),
"hangs-on-open", "hangs-on-say" (opens, then stops answering at the first sentence, as
speech-dispatcher does when its sound output fails), "hangs-on-stop" (begins a sentence, never ends it, and a stop never comes back), "dies-on-say" (exits), "error-on-say" (the engine reports an error, as Qt's does once speech-dispatcher is gone),
"never-ends" (begins a sentence and never ends it), "no-engine" (nothing can speak here: no
retry), "late-open:MS" (opens after MS ms). With FLAG_FILE, the mode applies only while that file
does not exist, and the helper then creates it: the next helper works (a daemon that recovered).
Each helper appends its pid to $FAKE_HELPER_PIDS, so a test can see which were killed. No Qt: it
starts in a few milliseconds.
"""

from __future__ import annotations

import json
import sys
import time

from fake_helper_lines import chosen_mode, hang, send  # beside this script (run as one, not imported)


def on_open(mode: str) -> None:
    if mode == "hangs-on-open":
        hang()
    if mode.startswith("late-open:"):
        time.sleep(int(mode.split(":")[1]) / 1000)
    if mode == "no-engine":
        send(event="opened", engine="", reason="no speech engine in this test", retry=False)
    else:
        send(event="opened", engine="fake", locales=["en_US", "es_ES"])


def on_say(mode: str, request: dict) -> None:
    if mode == "hangs-on-say":
        hang()
    if mode == "dies-on-say":
        sys.exit(3)
    if mode == "error-on-say":
        send(event="state", id=request["id"], state="error")
    send(event="state", id=request["id"], state="speaking")
    if mode not in ("never-ends", "hangs-on-stop", "error-on-say"):
        for word in request["text"].split():
            send(event="word", id=request["id"], word=word)
        send(event="state", id=request["id"], state="ready")


def main() -> int:
    mode = chosen_mode()
    if mode == "never-starts":
        hang()
    send(event="hello")
    for line in sys.stdin:
        request = json.loads(line)
        op, seq = request["op"], request["seq"]
        if op == "open":
            on_open(mode)
        elif op == "say":
            on_say(mode, request)
        elif op == "stop" and mode == "hangs-on-stop":
            hang()
        value = {"locale": request.get("value"), "volume": request.get("value"), "rate": request.get("value")}.get(op)
        send(event="ack", seq=seq, value=value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
