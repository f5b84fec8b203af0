"""`kiosk run` with content on a network share that stops answering (a FUSE share, tests/helpers/hung_fs.py).

Every request to the share then waits in the kernel, uninterruptibly. The kiosk must come up all the
same after its start-up deadline, keep its screen thread turning (the systemd watchdog's pings come
from it), keep the last good content, and show the content by itself once the share answers.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest
from helpers.processes import Notifications
from test_run import Kiosk, metrics

from kiosk.core.tuning import DEFAULT_TIMING

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FUSE and systemd's notify socket")
PING_MS = 100  # WATCHDOG_USEC / 2
DEADLINE_S = (DEFAULT_TIMING.first_read_ms or 0) / 1000
START_S = 15.0  # Python and Qt loaded and the window up, on a loaded machine, on top of the deadline
WAIT_S = 30.0  # anything else the kiosk does by itself


def start(tmp_path: Path, content: Path) -> tuple[Kiosk, Notifications, Path, float]:
    notify = Notifications(tmp_path / "notify")
    prom = tmp_path / "kiosk.prom"
    started = time.perf_counter()
    kiosk = Kiosk(tmp_path, content, NOTIFY_SOCKET=str(notify.path), WATCHDOG_USEC=str(PING_MS * 2000), KIOSK_METRICS_FILE=str(prom))
    return kiosk, notify, prom, started


def pings_keep_coming(notify: Notifications) -> int:
    """WATCHDOG=1 in one second: ten at this rate; a screen thread held by the share sends none."""
    pings = notify.count("WATCHDOG=1", 1.0)
    assert pings >= 4, f"{pings} pings in 1 s: the screen thread is held"
    return pings


def until(check, what: str, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        time.sleep(0.05)


def cards(prom: Path) -> float:
    try:
        return metrics(prom).get("kiosk_cards_shown,language=en", -1)
    except (OSError, ValueError):
        return -1


def test_a_share_silent_from_the_start_still_brings_the_kiosk_up_and_sigterm_ends_it(tmp_path, content, hung_share):
    share = hung_share(content)
    share.hang(most_s=60)
    kiosk, notify, prom, started = start(tmp_path, share.mount)
    try:
        ready_s = notify.wait_for("READY=1", started, DEADLINE_S + START_S)
        pings_keep_coming(notify)
        kiosk.wait_for("did not answer within")
        assert metrics(prom)["kiosk_content_loaded"] == 0
        kiosk.process.send_signal(signal.SIGTERM)
        kiosk.wait_for("kiosk stopped", timeout=5)  # the screen thread ended; a thread inside the share lets go when it answers
        share.release()
        kiosk.process.communicate(timeout=WAIT_S)
        assert kiosk.process.returncode == 0
        print(f"READY {ready_s:.1f} s after start with the share silent (deadline {DEADLINE_S:g} s)")
    finally:
        share.release()
        kiosk.stop()
        notify.close()


def test_content_comes_when_the_share_answers_and_a_reload_while_it_is_silent_keeps_the_screen(tmp_path, content, hung_share):
    share = hung_share(content)
    share.hang(most_s=60)
    kiosk, notify, prom, started = start(tmp_path, share.mount)
    try:
        notify.wait_for("READY=1", started, DEADLINE_S + START_S)
        until(lambda: cards(prom) == 0, "kiosk.prom written with no cards while the share is silent")
        share.release()
        kiosk.wait_for("answered after")
        until(lambda: cards(prom) > 0, "the sample's cards on screen once the share answers")
        shown = cards(prom)
        # Staff add a card and send SIGHUP just as the share stops answering.
        (content / "en" / "15-new.md").write_text("---\ntitle: Added while the share was silent\n---\nHello.\n", encoding="utf-8")
        share.hang(most_s=60)
        kiosk.process.send_signal(signal.SIGHUP)
        kiosk.wait_for("SIGHUP: reloading content and settings")
        pings = pings_keep_coming(notify)
        assert cards(prom) == shown  # the last good content stays
        share.release()
        kiosk.wait_for("reloaded on SIGHUP")
        until(lambda: cards(prom) == shown + 1, "the new card on screen once the share answers")
        print(f"{pings} watchdog pings in 1 s while the SIGHUP reload waited on the share")
    finally:
        share.release()
        kiosk.stop()
        notify.close()
