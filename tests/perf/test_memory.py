"""Memory and idling: the running kiosk's size at its first frame, its CPU while nobody touches it,
and no growth over many swipes, reloads and visits."""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO, SAMPLE_CONTENT
from helpers.gestures import mouse_drag
from helpers.processes import Notifications, cpu_s, rss_mb
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.perf

FIRST_FRAME_MB = 150.0
IDLE_S = 10.0
IDLE_SHARE = 1.0  # percent of one core while the welcome screen waits
SOAK = {"swipes": 600, "reloads": 60, "resets": 20}
SOAK_MB = 5.0  # RSS growth over the soak, after a warm-up (bench/soak.py: 1.8 MB over 5,000 swipes)


def test_the_running_kiosk_at_its_first_frame_and_idling(budgets, fresh_env, tmp_path):
    notify = Notifications(tmp_path / "notify")
    env = {**fresh_env, "NOTIFY_SOCKET": str(notify.path)}
    started = time.perf_counter()
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed", "--content", str(SAMPLE_CONTENT)],
                             cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wall = notify.wait_for("READY=1", started, 60)
        rss = rss_mb(kiosk.pid)
        time.sleep(2)  # what start-up left for later (the second language, neighbours) is done
        cpu_before, idle_started = cpu_s(kiosk.pid), time.perf_counter()
        time.sleep(IDLE_S)
        share = (cpu_s(kiosk.pid) - cpu_before) / (time.perf_counter() - idle_started) * 100
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(10) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        notify.close()
    budgets.check("`kiosk run`: memory at the first frame (RSS)", rss, FIRST_FRAME_MB, "MB",
                  f"fresh process, sample deck, 1280x800 window, at READY ({wall:.2f} s wall)")
    budgets.check("CPU while the welcome screen waits for a patient", share, IDLE_SHARE, "% of a core",
                  f"{IDLE_S:g} s with no input (the topic carousel turning), from /proc")


def _malloc_trim() -> None:
    """Hand freed memory back to the system first, so RSS shows what is held, not what malloc keeps."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass


def test_no_growth_over_swipes_reloads_and_visits(budgets, make_kiosk, content, qtbot):
    kiosk = make_kiosk(content, (1920, 1080), timing=None, animation_ms=0)
    window, cards = kiosk.window, sorted((content / "en").glob("*.md"))
    originals = {path: path.read_text(encoding="utf-8") for path in cards}
    right, left = QPoint(1500, 430), QPoint(300, 430)
    direction = [1]

    def swipe() -> None:
        index = window.current_index()
        if not 0 < index + direction[0] < window.pager.count():
            direction[0] = -direction[0]
        mouse_drag(window, *((right, left) if direction[0] > 0 else (left, right)))
        QApplication.processEvents()

    def rounds(swipes: int, reloads: int, resets: int) -> None:
        for number in range(swipes):
            swipe()
            if reloads and number % (swipes // reloads) == 0:
                path = cards[number % len(cards)]
                path.write_text(originals[path].replace("title: ", f"title: ({number}) ", 1), encoding="utf-8")
                kiosk.reload()
            if resets and number % (swipes // resets) == 0:
                kiosk.reset_visit()

    rounds(100, 10, 5)  # warm-up: every card view built, caches filled
    QApplication.processEvents()
    _malloc_trim()
    rss, widgets = rss_mb(), len(QApplication.allWidgets())
    started = time.process_time()
    rounds(SOAK["swipes"], SOAK["reloads"], SOAK["resets"])
    cpu = time.process_time() - started
    QApplication.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _malloc_trim()
    grown = rss_mb() - rss
    assert len(QApplication.allWidgets()) == widgets, "widgets pile up"
    budgets.check("memory growth over swipes, reloads and visits (RSS)", grown, SOAK_MB, "MB",
                  f"after a warm-up, {SOAK['swipes']} swipes + {SOAK['reloads']} reloads + {SOAK['resets']} visit resets on the "
                  f"sample deck, in {cpu:.1f} s CPU; {widgets} live widgets before and after")
