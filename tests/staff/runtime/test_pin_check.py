"""PinCheck: the scrypt check runs on a worker thread, the answer comes back on the UI thread, one at a time."""

from __future__ import annotations

import threading

from kiosk.core.pin import hash_pin
from kiosk.staff.runtime.pin_check import PinCheck


def test_checks_back_to_back_each_answer_on_the_ui_thread(qtbot):
    stored = hash_pin("2468", salt=b"s" * 16)
    check = PinCheck()
    answers: list[tuple[bool, str]] = []
    check.finished.connect(lambda matched: answers.append((matched, threading.current_thread().name)))
    for pin, expected in [("0000", False), ("2468", True), ("1111", False)]:
        with qtbot.waitSignal(check.finished, timeout=5000):
            check.start(pin, stored)
            assert check.busy()
            check.start("2468", stored)  # ignored while one runs
        assert not check.busy(), "free again as soon as the answer is in"
        assert answers[-1] == (expected, threading.main_thread().name)
    assert len(answers) == 3
