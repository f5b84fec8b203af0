"""Real visits (touch and mouse, offscreen) leave the right anonymous counts behind, and nothing more."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from conftest import SAMPLE_CONTENT
from helpers.gestures import mouse_drag, mouse_tap, touch_tap
from PySide6.QtCore import QPoint

from kiosk.core.tuning import Timing
from kiosk.usage.runtime import UsageStore
from kiosk.usage.wiring import helpful_prompt

CARDS = sorted(path.name for path in (SAMPLE_CONTENT / "en").glob("*.md"))


class Clock:
    def __init__(self) -> None:
        self.t = 0.0
        self.wall = datetime(2026, 11, 30, 14, 20)

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def counted(make_kiosk, tmp_path):
    """A kiosk whose usage store writes to a private file, with hand-moved clocks."""
    clock = Clock()
    stores: list[UsageStore] = []

    def make(root=SAMPLE_CONTENT, timing: Timing | None = None):
        store = UsageStore(tmp_path / "usage.sqlite3", clock=clock, now=lambda: clock.wall)
        stores.append(store)
        kiosk = make_kiosk(root, timing=timing, usage=store)
        return kiosk, store, clock

    yield make
    for store in stores:
        store.stop()


def rows(store: UsageStore, sql: str) -> list[tuple]:
    assert store.flush()
    connection = sqlite3.connect(store.path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def tap(kiosk, widget) -> None:
    touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def swipe_left(kiosk) -> None:
    """A mouse-event swipe (touchscreens send either). WORKAROUND: a touch drag within the double-click
    interval of a touch tap arrives as MouseButtonDblClick, which the pager does not take as a press."""
    pager = kiosk.window.pager
    y = pager.mapTo(kiosk.window, pager.rect().center()).y()
    width = kiosk.window.width()
    mouse_drag(kiosk.window, QPoint(int(width * 0.8), y), QPoint(int(width * 0.2), y))


def test_a_whole_visit_by_touch(counted):
    kiosk, store, clock = counted()
    window = kiosk.window
    tap(kiosk, kiosk.welcome)  # "Touch to start"
    assert kiosk.current_screen().slug == CARDS[0]
    clock.t += 25
    swipe_left(kiosk)
    assert kiosk.current_screen().slug == CARDS[1]
    clock.t += 8
    view = kiosk.views[CARDS[1]]
    tap(kiosk, helpful_prompt(view).yes)
    assert helpful_prompt(view).is_answered() and helpful_prompt(view).thanks.text() == "Thank you!"
    tap(kiosk, window.navbar.next)
    clock.t += 50
    tap(kiosk, window.navbar.dots[-1])  # the contact screen
    assert kiosk.current_screen().kind.value == "contact"
    clock.t += 30
    tap(kiosk, window.navbar.home)
    assert window.current_index() == 0
    assert not helpful_prompt(view).is_answered()  # ready for the next patient

    assert rows(store, "SELECT * FROM hours") == [(2026113014, 1, 1, 0, 3)]
    cards = rows(store, "SELECT card, language, views, completions, helpful_yes, helpful_no, d0, d1, d2, d3, d4 FROM cards ORDER BY card")
    assert cards == [
        (CARDS[0], "en", 1, 1, 0, 0, 0, 0, 0, 1, 0),  # 25 s: the 20-40 s bucket
        (CARDS[1], "en", 1, 1, 1, 0, 0, 1, 0, 0, 0),  # 8 s
        (CARDS[2], "en", 1, 1, 0, 0, 0, 0, 0, 0, 1),  # 50 s
    ]
    shares = rows(store, "SELECT facet, value, visits FROM shares ORDER BY facet, value")
    assert shares == [("cards", "3", 1), ("contrast", "standard", 1), ("language", "en", 1), ("text_size", "normal", 1)]


def test_idle_reset_ends_the_visit_and_resets_the_question(counted, qtbot):
    # Idle after 1.5 s, not less: a busy CI machine can take longer than a short idle wait between
    # two taps, and the idle reset would then undo the Spanish before "No" is tapped.
    kiosk, store, clock = counted(timing=Timing(animation_ms=0, idle_ms=1500, countdown_s=1, tick_ms=20))
    tap(kiosk, kiosk.welcome)
    spanish = kiosk.window.visit_bar.language_buttons["es"]
    mouse_tap(kiosk.window, spanish.mapTo(kiosk.window, spanish.rect().center()))  # (a second touch this soon is a double-click)
    assert kiosk.language == "es"
    clock.t += 12
    view = kiosk.views[CARDS[0]]
    mouse_tap(kiosk.window, helpful_prompt(view).no.mapTo(kiosk.window, helpful_prompt(view).no.rect().center()))
    assert helpful_prompt(view).thanks.text() == "¡Gracias!"
    clock.t += 1.5 + 1  # the idle wait and the countdown (Timing above): not reading time
    with qtbot.waitSignal(kiosk.visit_reset, timeout=8000):
        pass
    assert not helpful_prompt(view).is_answered()
    assert rows(store, "SELECT visits, completed, idle_resets FROM hours") == [(1, 0, 1)]
    # Seen first in English, then in Spanish after the switch; the answer counts for Spanish.
    assert rows(store, "SELECT card, language, helpful_no FROM cards ORDER BY language") == [
        (CARDS[0], "en", 0), (CARDS[0], "es", 1)]
    # The Spanish view began at the language switch, 12 s before the answer: the 10-20 s bucket.
    assert rows(store, "SELECT d2 FROM cards WHERE language = 'es'") == [(1,)]
    assert rows(store, "SELECT value FROM shares WHERE facet = 'language' ORDER BY value") == [("en",), ("es",)]


def test_a_clean_stop_counts_the_visit_in_progress(counted):
    kiosk, store, clock = counted()
    tap(kiosk, kiosk.welcome)
    tap(kiosk, kiosk.window.visit_bar.display)
    tap(kiosk, kiosk.display_panel.size_buttons["largest"])
    tap(kiosk, kiosk.display_panel.high)
    store.stop()  # what the launcher does on SIGTERM or staff exit
    assert rows(store, "SELECT visits, completed, idle_resets FROM hours") == [(1, 0, 0)]
    shares = rows(store, "SELECT facet, value FROM shares WHERE facet IN ('text_size', 'contrast') ORDER BY facet")
    assert shares == [("contrast", "high"), ("text_size", "largest")]


@pytest.mark.parametrize("setting", ["ask_helpful", "enabled"])
def test_switched_off_the_question_is_gone(counted, content, setting):
    toml = content / "kiosk.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(f"{setting} = true", f"{setting} = false"), encoding="utf-8")
    kiosk, store, clock = counted(content)
    tap(kiosk, kiosk.welcome)
    assert not helpful_prompt(kiosk.views[CARDS[0]]).isVisible()
    tap(kiosk, kiosk.window.navbar.home)
    # Counting off counts nothing; the question off still counts the visit.
    assert rows(store, "SELECT COUNT(*) FROM hours") == [(0,) if setting == "enabled" else (1,)]


def test_the_helpful_question_is_quiet_but_easy_to_tap(counted):
    kiosk, store, clock = counted()
    tap(kiosk, kiosk.welcome)
    view = kiosk.views[CARDS[0]]
    metrics = kiosk.theme.metrics
    assert helpful_prompt(view).isVisible()
    assert helpful_prompt(view).yes.height() >= metrics.target and helpful_prompt(view).yes.width() >= metrics.target
    assert helpful_prompt(view).question.font().pixelSize() <= view.body.font().pixelSize()


def test_a_no_on_the_kiosk_shows_the_clinics_crisis_line(make_kiosk):
    kiosk = make_kiosk(size=(1920, 1080))
    kiosk.window.go_to(3)
    prompt = helpful_prompt(kiosk.current_card_view())
    touch_tap(kiosk.window, prompt.no.mapTo(kiosk.window, prompt.no.rect().center()))
    assert prompt.help_now.isVisible() and "988" in prompt.help_now.text()
    assert prompt.help_now.geometry().width() > 1000  # a row of its own, the screen's width: two lines, not six


@pytest.mark.parametrize("how", ["touch", "mouse"])
def test_the_staff_corner_hold_on_the_welcome_screen_is_not_a_visit(counted, qtbot, how):
    from helpers.gestures import touch_device
    from PySide6.QtTest import QTest

    kiosk, store, _ = counted(timing=Timing(animation_ms=0, hold_ms=50))
    corner, pad = QPoint(10, 10), kiosk.staff.pin_pad
    if how == "touch":
        QTest.touchEvent(kiosk.window, touch_device()).press(0, corner).commit()
        qtbot.waitUntil(pad.isVisible, timeout=3000)
        QTest.touchEvent(kiosk.window, touch_device()).release(0, corner).commit()
    else:
        mouse_drag(kiosk.window, corner, corner, steps=0, before_release=lambda: qtbot.waitUntil(pad.isVisible, timeout=3000))
    tap(kiosk, pad.cancel_button)
    assert kiosk.window.current_index() == 0
    kiosk.reset_visit()  # the next idle reset, or the next patient
    assert rows(store, "SELECT SUM(visits) FROM hours") == [(None,)]


def test_in_a_topic_library_each_topic_opened_and_its_cards_are_counted_under_it(make_kiosk, tmp_path):
    from conftest import LIBRARY

    clock = Clock()
    store = UsageStore(tmp_path / "usage.sqlite3", clock=clock, now=lambda: clock.wall)
    try:
        monday_9 = datetime(2026, 11, 30, 9, 20)  # every topic on the grid
        kiosk = make_kiosk(LIBRARY, usage=store, now=lambda: monday_9)
        window = kiosk.window
        touch_tap(window, QPoint(window.width() // 2, window.height() // 2))  # Touch to start: the grid
        tap(kiosk, kiosk.grid.visible_tiles()[0])  # The basics: its first card
        clock.t += 12
        tap(kiosk, window.navbar.next)
        clock.t += 5
        tap(kiosk, window.navbar.home)  # back to the grid: the visit goes on
        assert store.recorder.in_visit
        tap(kiosk, kiosk.grid.visible_tiles()[2])  # Paying for care
        clock.t += 3
        window.go_to(0)  # the welcome screen ends the visit
        assert rows(store, "SELECT topic, language, opened FROM topics ORDER BY topic") == [
            ("10-first", "en", 1), ("30-english-only", "en", 1)]
        assert rows(store, "SELECT topic, card, views FROM cards ORDER BY topic, card") == [
            ("10-first", "10-what.md", 1), ("10-first", "20-how.md", 1), ("30-english-only", "10-costs.md", 1)]
        assert rows(store, "SELECT visits, cards_viewed FROM hours") == [(1, 3)]
    finally:
        store.stop()
