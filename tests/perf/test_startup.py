"""Start-up: the first card as a PNG against bare PySide6 doing the same, and the kiosk's window on
screen while the speech daemon hangs.

Both run the real program in fresh processes and read its CPU time from /proc the moment it says it
is done (the PNG's path printed; READY sent to systemd's notify socket), so another job on the
machine barely moves the figures; wall times are printed beside them.

The kiosk's start is timed as it restarts on a kiosk: bytecode compiled and the parse cache in its
state folder (kiosk/core/parse_cache.py) filled by the untimed first run. A start with that cache
empty (the first after new content) is timed beside it and printed, not budgeted.
"""

from __future__ import annotations

import html
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_CONTENT
from helpers.processes import Moment, Notifications, cpu_s, until_line, with_speechd

pytestmark = pytest.mark.perf

RUNS = 9  # of each program, alternating, after one untimed run of each (page cache, bytecode); /proc counts CPU in 10 ms ticks
START_TARGET = 2.0  # issue 17: the kiosk's first card at most 2.0x bare PySide6's (aim: 1.5x)
START_RATIO = 2.2  # today's 1.8-2.0x (CPU at load 8-14) with a margin for a busy machine; a regression past it fails
WINDOW_CPU_S = 1.0  # issue 17: the window on screen within 1.0 s, even with a hung speech daemon
PINGS_S = 2.0  # after the window: the event loop keeps turning while the speech helper is stuck
PING_MS = 100  # the watchdog pings every WATCHDOG_USEC / 2


def medians(moments: list[Moment]) -> tuple[float, float]:
    return statistics.median(m.wall_s for m in moments), statistics.median(m.cpu_s for m in moments)


def test_cold_start_to_the_first_card_png_against_bare_pyside6(budgets, fresh_env, speechd, tmp_path):
    from kiosk.core.store import ContentStore

    daemon = speechd("works")  # speech on, with an engine that works: the kiosk must not wait for it
    env = with_speechd(fresh_env, daemon)
    card = ContentStore(SAMPLE_CONTENT).reload().cards("en")[0]  # what `snapshot --screen 1` pictures
    page = tmp_path / "card.html"
    page.write_text(f"<h1>{html.escape(card.title)}</h1>\n{card.html}", encoding="utf-8")
    kiosk = [sys.executable, "-m", "kiosk", "snapshot", "--screen", "1", "--content", str(SAMPLE_CONTENT), "--out", str(tmp_path / "k")]
    bare = [sys.executable, str(Path(__file__).with_name("bare_card.py")), "--html", str(page), "--out", str(tmp_path / "bare.png")]
    png = lambda line: line.endswith(".png")  # noqa: E731
    until_line(kiosk, env, png, cwd=REPO)
    until_line(bare, env, png, cwd=REPO)
    timed: dict[str, list[Moment]] = {"kiosk": [], "bare": [], "no cache": []}
    for run in range(RUNS):
        timed["kiosk"].append(until_line(kiosk, env, png, cwd=REPO))
        timed["bare"].append(until_line(bare, env, png, cwd=REPO))
        empty = {**env, "KIOSK_STATE_DIR": str(tmp_path / f"empty-state-{run}")}
        timed["no cache"].append(until_line(kiosk, empty, png, cwd=REPO))
    (kiosk_wall, kiosk_cpu), (bare_wall, bare_cpu) = medians(timed["kiosk"]), medians(timed["bare"])
    _, empty_cpu = medians(timed["no cache"])
    assert daemon.connections == 0, "kiosk snapshot started speech without --listen"
    ratio = kiosk_cpu / bare_cpu
    budgets.check(
        "cold start to the first card PNG ÷ bare PySide6 (CPU)", ratio, START_RATIO, "x",
        f"`kiosk snapshot --screen 1` (speech on, a working fake speech-dispatcher) against tests/perf/bare_card.py, fresh "
        f"processes, medians of {RUNS}: CPU {kiosk_cpu * 1000:.0f} vs {bare_cpu * 1000:.0f} ms; wall {kiosk_wall * 1000:.0f} vs "
        f"{bare_wall * 1000:.0f} ms = {kiosk_wall / bare_wall:.2f}x; with the parse cache empty (new content) "
        f"{empty_cpu * 1000:.0f} ms = {empty_cpu / bare_cpu:.2f}x; target {START_TARGET:g}x "
        + ("met" if ratio <= START_TARGET else "**not met**"),
    )


@pytest.mark.parametrize("mode", ["silent", "works"], ids=["hung speech daemon", "working speech daemon"])
def test_the_window_is_on_screen_within_a_second_of_cpu_whatever_the_speech_daemon_does(budgets, fresh_env, speechd, tmp_path, mode):
    daemon = speechd(mode)
    notify = Notifications(tmp_path / "notify")
    env = {**with_speechd(fresh_env, daemon), "NOTIFY_SOCKET": str(notify.path), "WATCHDOG_USEC": str(PING_MS * 2000)}
    started = time.perf_counter()
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed", "--content", str(SAMPLE_CONTENT)],
                             cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wall = notify.wait_for("READY=1", started, 60)
        cpu = cpu_s(kiosk.pid)
        deadline = time.monotonic() + 30
        while daemon.connections == 0:  # the speech helper, started after the first frame, reaches the daemon
            assert time.monotonic() < deadline, "the kiosk never started its speech helper"
            time.sleep(0.05)
        pings = notify.count("WATCHDOG=1", PINGS_S)
        assert pings >= PINGS_S * 1000 / PING_MS / 2, f"the event loop stalled: {pings} watchdog pings in {PINGS_S} s"
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(10) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        notify.close()
    what = "a speech-dispatcher that accepts and never answers" if mode == "silent" else "a working speech-dispatcher"
    budgets.check(
        f"`kiosk run`: window on screen (READY), {'hung' if mode == 'silent' else 'working'} speech daemon, CPU", cpu, WINDOW_CPU_S, "s",
        f"fresh process, {what} (a fake on a Unix socket); READY after {wall:.2f} s wall; then {pings} watchdog pings in "
        f"{PINGS_S:g} s ({PINGS_S * 1000 / PING_MS:.0f} expected) while the helper waits on the daemon",
    )
