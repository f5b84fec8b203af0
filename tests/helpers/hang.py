"""Runs something that must not hang (reading a FIFO, say) with a deadline, and unblocks it if it does."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
DEADLINE_S = 20.0  # generous for 8 people sharing 2 cores; a hang is forever


def within_deadline(call: Callable[[], T], *, fifos: tuple[Path, ...] = (), seconds: float = DEADLINE_S) -> T:
    """`call()`'s result, or AssertionError when it is still running after `seconds`.

    A call stuck opening a FIFO for reading is released by opening the FIFO's write end, so a failing
    test ends instead of leaving a thread blocked for ever.
    """
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # re-raised in the test's thread
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for fifo in fifos:
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        thread.join(5)
        raise AssertionError(f"still running after {seconds} s: it blocked")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]
