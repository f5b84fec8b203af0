"""Live reload: an edit on screen, decks of hundreds of cards, and 2,000 cards dropped into a running kiosk.

Held to CPU time and counts (cards parsed, card views built, megabytes), which a busy machine barely
changes; the wall times (an edit on screen, the longest wait a touch would have) are printed beside.
"""

from __future__ import annotations

import shutil
import statistics
import threading
import time

import pytest
from helpers.decks import generated_deck
from helpers.processes import rss_mb
from PySide6.QtCore import QTimer

from kiosk.core.store import ContentStore

pytestmark = pytest.mark.perf

EDITS = 6
EDIT_CPU_MS = 60.0  # one saved card: read, parsed, shown and painted (the 200 ms debounce costs no CPU)
LOAD_500_S = 1.0  # the target for 500 cards read by a fresh store
CACHED_500_S = 0.1  # the same store again, nothing changed: nothing parsed
LINEARITY = 1.5  # CPU per card at 500 cards against 50
DROP = 2000
DROP_VIEWS = 6  # card views built while 2,000 cards arrive: the one on screen and its neighbours, never the deck
DROP_MB = 100.0  # issue 9 measured 595 MB for the whole kiosk; the drop itself 13-24 MB more


def test_an_edit_is_read_once_and_on_screen_for_little_cpu(budgets, make_kiosk, content, qtbot):
    kiosk = make_kiosk(content, (1920, 1080), watch=True)
    qtbot.waitUntil(lambda: not kiosk.state.pending and not kiosk.loader.is_busy())  # the second language, read after start-up
    kiosk.window.go_to(1, animate=False)
    view = kiosk.window.pager.current_page()
    path, original = view.card.path, view.card.path.read_text(encoding="utf-8")
    parsed, reloads, cpu, walls = kiosk.store.cache.parsed, [], [], []
    kiosk.reloaded.connect(lambda: reloads.append(1))
    for edit in range(EDITS):
        qtbot.wait(kiosk.timing.debounce_ms + 100)  # the last edit's burst has settled
        reloads.clear()
        title = f"Edit {edit}"
        started, cpu_before = time.perf_counter(), time.process_time()
        path.write_text(original.replace("title: ", f"title: {title}. ", 1), encoding="utf-8")
        qtbot.waitUntil(lambda title=title: kiosk.window.pager.current_page().title.text().startswith(title), timeout=10_000)
        kiosk.window.repaint()
        walls.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_before)
        assert len(reloads) == 1
    assert kiosk.store.cache.parsed - parsed == EDITS, "an edit must parse that one card, not the deck"
    budgets.check("an edit saved → new text on screen (CPU, median)", statistics.median(cpu) * 1000, EDIT_CPU_MS, "ms",
                  f"through the real watcher, {EDITS} edits, each one reload and one card parsed; wall {statistics.median(walls) * 1000:.0f} ms "
                  f"median, {max(walls) * 1000:.0f} worst, {kiosk.timing.debounce_ms} ms debounce included (target 300 ms)")


def test_hundreds_of_cards_load_in_linear_time_and_not_again(budgets, tmp_path):
    ContentStore(generated_deck(tmp_path, 10, "warm-up")).reload()  # imports, icon tables: paid once per process
    cold: dict[int, float] = {}
    for count in (50, 500):
        root = generated_deck(tmp_path, count)
        times = []
        for _ in range(3):
            store = ContentStore(root)
            started = time.process_time()
            state = store.reload()
            times.append(time.process_time() - started)
        assert len(state.cards("en")) == count
        cold[count] = statistics.median(times)
        started = time.process_time()
        store.reload()
        cached = time.process_time() - started
    budgets.check("500 cards read by a fresh store (CPU)", cold[500], LOAD_500_S, "s", "ContentStore.reload(), median of 3")
    budgets.check("the same 500 cards again, nothing changed (CPU)", cached, CACHED_500_S, "s", "the parse cache: no card parsed again")
    budgets.check("CPU per card, 500 cards ÷ 50 cards", (cold[500] / 500) / (cold[50] / 50), LINEARITY, "x", "loading grows in step with the deck")


def test_2000_cards_dropped_into_a_running_kiosk(budgets, make_kiosk, content, qtbot, tmp_path):
    kiosk = make_kiosk(content, (1920, 1080), watch=True)
    kiosk.window.go_to(3, animate=False)
    qtbot.wait(200)
    before, rss_before = len(kiosk.views), rss_mb()
    source = generated_deck(tmp_path, DROP)
    stalls: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        stalls.append(now - last[0])
        last[0] = now

    probe = QTimer(interval=10)
    probe.timeout.connect(tick)
    probe.start()

    def copy() -> None:  # as a file manager or a sync tool would, from another process's time
        for path in sorted((source / "en").glob("*.md")):
            shutil.copy(path, content / "en" / f"5{path.name}")

    started = time.perf_counter()
    copier = threading.Thread(target=copy)
    copier.start()
    qtbot.waitUntil(lambda: not copier.is_alive() and len(kiosk.views) == before + DROP and not kiosk.loader.is_busy(), timeout=180_000)
    on_screen = time.perf_counter() - started
    probe.stop()
    built, grown = len(kiosk.views.built()), rss_mb() - rss_before
    parsed = kiosk.store.cache.parsed
    saved = content / "en" / "30-how-it-is-different.md"
    reloads: list[int] = []
    kiosk.reloaded.connect(lambda: reloads.append(1))
    saved.write_text(saved.read_text(encoding="utf-8").replace("\n---\n", "\n---\nSaved again.\n\n", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: bool(reloads) and not kiosk.loader.is_busy(), timeout=30_000)
    assert kiosk.store.cache.parsed - parsed == 1, "one card saved in a deck of 2,000: that card alone is parsed again"
    budgets.check("card views built while 2,000 cards arrive", built, DROP_VIEWS, "",
                  f"the view on screen and its neighbours only; all {before + DROP} cards on screen {on_screen:.1f} s after the copy began; "
                  f"longest wait of a 10 ms timer on the screen's thread {max(stalls) * 1000:.0f} ms (target 100 ms, load-bound)")
    budgets.check("memory for 2,000 more cards (RSS growth)", grown, DROP_MB, "MB",
                  f"{rss_before:.0f} MB before, {rss_before + grown:.0f} MB after; then one card saved: 1 card parsed again")
