"""Idle reset: the 'Still reading?' countdown (at least 20 s, a "More time" button), keeping the visit,
and going back to the home screen."""

from __future__ import annotations

import re

from helpers.clocks import SteppedClock
from helpers.gestures import mouse_tap, touch_device, touch_drag, touch_tap
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.core.strings import english
from kiosk.core.tuning import DEFAULT_TIMING, Timing
from kiosk.ui.overlays.idle_prompt import IdleOverlay
from kiosk.ui.theme import Theme

FAST = Timing(animation_ms=0, idle_ms=60, countdown_s=3, tick_ms=20, attract_ms=30)
# For tests that act while the prompt shows: the idle wait must outlast a loaded machine's pause
# inside one tap (press … release), or idle fires again mid-gesture. 80 ms was flaky under load.
PROMPT = Timing(animation_ms=0, idle_ms=400, countdown_s=50, tick_ms=50)


def test_idle_on_a_card_shows_the_countdown_then_returns_to_welcome(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=FAST)
    # Waited for by signal, not by polling isVisible: the 60 ms countdown can open and end between two polls.
    with qtbot.waitSignal(kiosk.visit_reset, timeout=3000):
        with qtbot.waitSignal(kiosk.idle_overlay.started, timeout=2000):
            kiosk.window.go_to(3)
        assert kiosk.idle_overlay.title.text() == "Still reading?"
        assert "Going back to the home screen in" in kiosk.idle_overlay.countdown.text()
    assert kiosk.window.current_index() == 0
    assert not kiosk.idle_overlay.isVisible()
    assert not kiosk.window.navbar.isVisible()


def countdown_on_screen(qtbot, clock: SteppedClock) -> tuple[QWidget, IdleOverlay, QTimer]:
    """The prompt on a window of its own, its clock the test's; the window is returned to keep it alive."""
    window = QWidget()

    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    overlay = IdleOverlay(Theme.for_screen(800), window, clock=clock)  # the kiosk's own tick (DEFAULT_TIMING)
    overlay.set_strings(english())
    timer = overlay.findChild(QTimer, "countdown")
    assert timer is not None and timer.interval() == DEFAULT_TIMING.tick_ms == 1000
    return window, overlay, timer


def seconds_text(seconds: int) -> str:
    return f"Going back to the home screen in {seconds} second{'' if seconds == 1 else 's'}."


def test_countdown_counts_down_one_second_per_second(qtbot):
    clock = SteppedClock()
    _window, overlay, timer = countdown_on_screen(qtbot, clock)
    expired: list[float] = []
    overlay.expired.connect(lambda: expired.append(clock.now))
    overlay.start(30)
    assert timer.isActive() and overlay.isVisible()
    shown = [overlay.countdown.text()]
    for _ in range(30):
        clock.now += 1.0
        timer.timeout.emit()  # the timer's tick, a second after the last
        shown.append(overlay.countdown.text())
    assert shown == [seconds_text(n) for n in range(30, -1, -1)]
    assert expired == [530.0], "the visit ends 30 seconds after the prompt opened, not a tick sooner"
    assert not timer.isActive() and not overlay.isVisible()


def test_a_late_tick_shows_the_seconds_really_left(qtbot):
    clock = SteppedClock()
    _window, overlay, timer = countdown_on_screen(qtbot, clock)
    expired: list[float] = []
    overlay.expired.connect(lambda: expired.append(clock.now))
    overlay.start(30)
    timer.timeout.emit()  # no time has passed
    assert overlay.countdown.text() == seconds_text(30)
    clock.now += 2.6  # a busy machine: the tick comes 1.6 s late
    timer.timeout.emit()
    assert overlay.countdown.text() == seconds_text(28)
    clock.now += 27.3
    timer.timeout.emit()
    assert overlay.countdown.text() == seconds_text(1) and expired == []
    clock.now += 0.1
    timer.timeout.emit()
    assert expired == [530.0]


def test_a_touch_during_the_countdown_keeps_the_visit(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=PROMPT)
    kiosk.window.go_to(4)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=2000)
    touch_tap(kiosk.window, QPoint(640, 400))
    assert not kiosk.idle_overlay.isVisible()
    assert kiosk.window.current_index() == 4


def test_a_key_during_the_countdown_keeps_the_visit(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=PROMPT)
    kiosk.window.go_to(4)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=2000)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Shift)
    assert not kiosk.idle_overlay.isVisible()
    assert kiosk.window.current_index() == 4


def test_the_touch_that_dismisses_the_countdown_does_not_press_what_is_under_it(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=PROMPT)
    kiosk.window.go_to(2)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=2000)
    next_button = kiosk.window.navbar.next
    touch_tap(kiosk.window, next_button.mapTo(kiosk.window, next_button.rect().center()))
    assert kiosk.window.current_index() == 2


def test_input_keeps_postponing_idle(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=Timing(animation_ms=0, idle_ms=1000, countdown_s=50, tick_ms=50))
    kiosk.window.go_to(1)
    for _ in range(6):
        qtbot.wait(100)
        touch_drag(kiosk.window, QPoint(600, 300), QPoint(600, 320), steps=2)
    assert not kiosk.idle_overlay.isVisible()


def test_idle_on_welcome_shows_no_countdown(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=FAST)
    with qtbot.waitSignal(kiosk.idle.idle, timeout=2000):
        pass
    assert not kiosk.idle_overlay.isVisible()


def test_reset_scrolls_long_cards_back_to_the_top(make_kiosk, content, qtbot):
    long_body = "\n\n".join(f"Paragraph {i} with enough words to wrap across the line." for i in range(40))
    (content / "en" / "15-long.md").write_text(f"---\ntitle: Long\n---\n{long_body}\n", encoding="utf-8")
    kiosk = make_kiosk(content, timing=FAST)
    kiosk.window.go_to(2)
    bar = kiosk.views["15-long.md"].body.verticalScrollBar()
    bar.setValue(bar.maximum())
    with qtbot.waitSignal(kiosk.visit_reset, timeout=3000):
        pass
    assert bar.value() == 0


def test_idle_seconds_come_from_kiosk_toml_and_follow_its_edits(make_kiosk, content):
    # Not the default (90): a loader that ignored the setting would fail here.
    config = content / "kiosk.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("idle_seconds = 90", "idle_seconds = 45"), encoding="utf-8")
    kiosk = make_kiosk(content)
    assert kiosk.idle.timeout_ms() == 45_000
    config.write_text(config.read_text(encoding="utf-8").replace("idle_seconds = 45", "idle_seconds = 120"), encoding="utf-8")
    kiosk.reload()
    assert kiosk.idle.timeout_ms() == 120_000


def test_touch_that_starts_the_visit_does_not_also_press_the_next_screen(make_kiosk):
    kiosk = make_kiosk()
    window = kiosk.window
    # Where the Next button will be once the first card shows.
    point = QPoint(window.width() - 100, window.height() - 50)
    touch_tap(window, point)
    assert window.current_index() == 1
    mouse_tap(window, QPoint(200, 200))  # a tap on card text does nothing
    assert window.current_index() == 1


def test_attract_loop_cycles_topics_only_while_welcome_shows(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=Timing(animation_ms=0, attract_ms=20))
    titles = set()
    qtbot.waitUntil(lambda: titles.add(kiosk.welcome.attract_title.text()) or len(titles) >= 3, timeout=2000)
    assert all(title.startswith("Topics: ") for title in titles)
    assert kiosk.welcome.attract_running()
    kiosk.window.go_to(1)
    assert not kiosk.welcome.attract_running()


def test_the_prompt_gives_at_least_20_seconds_by_default(make_kiosk, qtbot):
    """WCAG 2.2.1: a patient warned of the reset has at least 20 seconds to ask for more time."""
    assert DEFAULT_TIMING.countdown_s >= 20
    kiosk = make_kiosk(timing=Timing(animation_ms=0, idle_ms=40))  # the real countdown, a short wait for it
    kiosk.window.go_to(2)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=2000)
    seconds = int(re.search(r"\d+", kiosk.idle_overlay.countdown.text())[0])
    assert seconds == DEFAULT_TIMING.countdown_s >= 20
    assert kiosk.idle_overlay.countdown.text() == f"Going back to the home screen in {seconds} seconds."


def test_more_time_button_keeps_the_visit_and_starts_the_wait_over(make_kiosk, qtbot):
    # The countdown runs on the test's clock: it ends only when the test moves the clock, never because
    # a loaded machine was slow between the prompt showing and the tap.
    clock = SteppedClock()
    kiosk = make_kiosk(timing=Timing(animation_ms=0, idle_ms=1000, countdown_s=3, tick_ms=20), clock=clock)
    kiosk.window.go_to(4)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=4000)
    more = kiosk.idle_overlay.more
    assert more.isVisible() and more.text() == "More time"
    assert more.height() >= kiosk.theme.metrics.target  # as large as every other button
    with qtbot.waitSignal(kiosk.idle_overlay.more_time, timeout=1000):
        touch_tap(kiosk.window, more.mapTo(kiosk.window, more.rect().center()))
    assert not kiosk.idle_overlay.isVisible()
    assert kiosk.window.current_index() == 4
    assert not kiosk.idle.is_idle
    # The countdown's end passes, ticked at every 20 ms until the next idle; the visit goes on, and the
    # next idle warns again first.
    clock.now += 60
    with qtbot.waitSignal(kiosk.idle.idle, timeout=4000):
        pass
    assert kiosk.window.current_index() == 4 and kiosk.idle_overlay.isVisible()


def test_a_finger_held_on_the_prompt_stops_the_countdown_until_it_lifts(make_kiosk, qtbot):
    """A patient pressing "More time" as the countdown ends keeps the visit, however long the press."""
    clock = SteppedClock()
    kiosk = make_kiosk(timing=Timing(animation_ms=0, idle_ms=400, countdown_s=3, tick_ms=20), clock=clock)
    kiosk.window.go_to(4)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=4000)
    more = kiosk.idle_overlay.more
    point = more.mapTo(kiosk.window, more.rect().center())
    QTest.touchEvent(kiosk.window, touch_device()).press(0, point).commit()
    clock.now += 60  # the countdown's end passes while the finger is down
    with qtbot.waitSignal(kiosk.idle.idle, timeout=4000):  # 400 ms of 20 ms ticks
        pass
    assert kiosk.window.current_index() == 4 and kiosk.idle_overlay.isVisible()
    with qtbot.waitSignal(kiosk.idle_overlay.more_time, timeout=1000):
        QTest.touchEvent(kiosk.window, touch_device()).release(0, point).commit()
    assert kiosk.window.current_index() == 4 and not kiosk.idle_overlay.isVisible()


def test_a_finger_that_never_lifts_still_ends_the_visit(make_kiosk, qtbot):
    """Something leaning on the screen holds the countdown for one idle wait only: then it counts again."""
    clock = SteppedClock()
    kiosk = make_kiosk(timing=Timing(animation_ms=0, idle_ms=400, countdown_s=3, tick_ms=20), clock=clock)
    kiosk.window.go_to(4)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=4000)
    QTest.touchEvent(kiosk.window, touch_device()).press(0, QPoint(640, 400)).commit()
    with qtbot.waitSignal(kiosk.idle_overlay.started, timeout=4000):  # the next idle, the finger still down
        pass
    clock.now += 60
    with qtbot.waitSignal(kiosk.visit_reset, timeout=4000):
        pass
    assert kiosk.window.current_index() == 0
    QTest.touchEvent(kiosk.window, touch_device()).release(0, QPoint(640, 400)).commit()


def test_more_time_works_with_a_mouse_too(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=PROMPT)
    kiosk.window.go_to(3)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=2000)
    more = kiosk.idle_overlay.more
    mouse_tap(kiosk.window, more.mapTo(kiosk.window, more.rect().center()))
    assert not kiosk.idle_overlay.isVisible()
    assert kiosk.window.current_index() == 3


def test_the_prompt_speaks_plainly_in_spanish_and_says_1_second(make_kiosk, qtbot):
    # The countdown runs on the test's clock: a tick that comes late on a loaded machine cannot jump
    # from 2 seconds straight to the end, past the "1 segundo" this test reads.
    clock = SteppedClock()
    kiosk = make_kiosk(timing=Timing(animation_ms=0, idle_ms=1000, countdown_s=2, tick_ms=50), clock=clock)  # no idle between tap and prompt
    tap_language = kiosk.window.visit_bar.language_buttons["es"]
    mouse_tap(kiosk.window, tap_language.mapTo(kiosk.window, tap_language.rect().center()))
    kiosk.window.go_to(2)
    qtbot.waitUntil(kiosk.idle_overlay.isVisible, timeout=4000)
    overlay = kiosk.idle_overlay
    assert overlay.prompt.text() == "Toque cualquier parte de la pantalla para seguir leyendo."
    assert overlay.more.text() == "Más tiempo"
    assert overlay.countdown.text() == "En 2 segundos, la pantalla volverá al inicio."
    clock.now += 0.05  # one step of the countdown
    qtbot.waitUntil(lambda: overlay.countdown.text() == "En 1 segundo, la pantalla volverá al inicio.", timeout=2000)
