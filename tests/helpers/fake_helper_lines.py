"""What the two fake helpers (fake_speech_helper.py, fake_player_helper.py) share: JSON lines out,
a hang that never returns, and the mode a test chose (run as scripts, they import this beside them)."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

_lock = threading.Lock()


def send(**message) -> None:
    with _lock:  # a player's timer thread reports the end of a recording too
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()


def hang() -> None:
    while True:
        time.sleep(60)


def chosen_mode() -> str:
    """The mode from the command line; "works" once FLAG_FILE exists (made by the first helper)."""
    mode = sys.argv[1]
    if len(sys.argv) > 2:
        flag = Path(sys.argv[2])
        if flag.exists():
            mode = "works"
        else:
            flag.touch()
    if pids := os.environ.get("FAKE_HELPER_PIDS"):
        with open(pids, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
    return mode
