"""Staff access: long press in the corner, PIN pad, lockout, and the staff panel."""

from __future__ import annotations

import time

from helpers.gestures import mouse_tap, touch_tap
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.tuning import Timing
from kiosk.core.pin import DEMO_PIN
from kiosk.staff.core.pin_guard import PinResult

FAST_HOLD = Timing(animation_ms=0, hold_ms=50)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def datetime(self):
        from datetime import datetime

        return datetime.fromtimestamp(self.now)


def press(window, point: QPoint) -> None:
    target = window.childAt(point) or window
    event = QMouseEvent(QEvent.Type.MouseButtonPress, target.mapFrom(window, point).toPointF(), window.mapToGlobal(point).toPointF(),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return target


def release(window, target, point: QPoint) -> None:
    event = QMouseEvent(QEvent.Type.MouseButtonRelease, target.mapFrom(window, point).toPointF(), window.mapToGlobal(point).toPointF(),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)


def long_press_corner(kiosk, qtbot) -> None:
    point = QPoint(10, 10)
    target = press(kiosk.window, point)
    qtbot.waitUntil(kiosk.staff.pin_pad.isVisible, timeout=5000)  # hold_ms, then the pad built on first use
    release(kiosk.window, target, point)


def type_pin(kiosk, qtbot, pin: str) -> PinResult | None:
    """Tap the digits and OK; returns what the check found, once the pad shows it (None: no check ran)."""
    results: list[PinResult] = []
    kiosk.staff.pin_checked.connect(results.append)
    try:
        for digit in pin:
            qtbot.mouseClick(kiosk.staff.pin_pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
        if kiosk.staff.pin_pad.ok_button.isEnabled():
            qtbot.mouseClick(kiosk.staff.pin_pad.ok_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: bool(results), timeout=5000)
    finally:
        kiosk.staff.pin_checked.disconnect(results.append)
    return results[0] if results else None


def test_long_press_in_the_corner_opens_the_pin_pad_without_starting_the_visit(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    assert kiosk.staff.pin_pad.isVisible()
    assert kiosk.staff.pin_pad.title.text() == "Staff only"
    assert kiosk.window.current_index() == 0  # the release did not also tap the welcome screen


def test_a_short_tap_in_the_corner_is_just_a_tap(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=Timing(animation_ms=0, hold_ms=1000))
    touch_tap(kiosk.window, QPoint(10, 10))
    assert not kiosk.staff.corner._timer.isActive()  # the release cancelled the long press
    assert not kiosk.staff.pin_pad.isVisible()
    assert kiosk.window.current_index() == 1


def test_a_long_press_elsewhere_opens_nothing(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=FAST_HOLD)
    point = QPoint(640, 400)
    target = press(kiosk.window, point)
    qtbot.wait(150)
    release(kiosk.window, target, point)
    assert not kiosk.staff.pin_pad.isVisible()


def test_right_pin_opens_the_staff_panel(make_kiosk, qtbot, content):
    kiosk = make_kiosk(content, timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    type_pin(kiosk, qtbot, DEMO_PIN)
    assert not kiosk.staff.pin_pad.isVisible()
    assert kiosk.staff.panel.isVisible()
    text = kiosk.staff.panel.problems.toPlainText()
    assert "demo PIN" in text
    facts = {name.text(): value.accessibleName() for name, value in kiosk.staff.panel._fact_labels.values()}
    assert facts["Content folder"] == str(content.resolve())
    assert facts["Version"]
    assert facts["Content loaded"]


def test_wrong_pin_says_so_and_keeps_the_panel_closed(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    type_pin(kiosk, qtbot, "1111")
    assert kiosk.staff.pin_pad.isVisible()
    assert kiosk.staff.pin_pad.message.text() == "Wrong PIN. Try again."
    assert not kiosk.staff.panel.isVisible()


def test_five_wrong_pins_lock_the_pad_and_it_says_how_long_in_the_clinics_language(make_kiosk, qtbot):
    clock = Clock()
    kiosk = make_kiosk(timing=Timing(animation_ms=0, hold_ms=50, tick_ms=20), now=clock.datetime, clock=clock)
    long_press_corner(kiosk, qtbot)
    assert [type_pin(kiosk, qtbot, "1111") for _ in range(5)] == [PinResult.WRONG] * 4 + [PinResult.LOCKED]
    pad = kiosk.staff.pin_pad
    assert pad.message.text() == "Too many wrong PINs. Try again in 1 minute."
    assert type_pin(kiosk, qtbot, DEMO_PIN) is None, "no key works while locked"
    assert not kiosk.staff.panel.isVisible()
    clock.now += 30
    qtbot.waitUntil(lambda: pad.message.text() == "Too many wrong PINs. Try again in 30 seconds.", timeout=2000)
    kiosk.set_language("es")  # a patient left the kiosk in Spanish: staff still read English, kiosk.toml's first language
    assert pad.message.text() == "Too many wrong PINs. Try again in 30 seconds."
    kiosk.set_language("en")
    clock.now += 30
    qtbot.waitUntil(lambda: pad.message.text() == "Type the staff PIN", timeout=2000)
    assert [type_pin(kiosk, qtbot, "1111") for _ in range(5)][-1] is PinResult.LOCKED
    assert pad.message.text() == "Too many wrong PINs. Try again in 5 minutes.", "the second lockout is longer"
    clock.now += 300
    qtbot.waitUntil(pad.ok_button.isEnabled, timeout=2000)
    assert type_pin(kiosk, qtbot, DEMO_PIN) is PinResult.OK
    assert kiosk.staff.panel.isVisible()
    assert kiosk.staff.panel.pin_attempts.text() == "10 wrong PIN attempts since 1970-01-01 " + time.strftime("%H:%M", time.localtime(1000))


def test_the_wall_clock_set_back_a_day_while_the_pad_is_locked_changes_nothing(make_kiosk, qtbot):
    clock = Clock()  # the monotonic clock: time that really passes
    wall = Clock()  # the wall clock, which NTP or a person may set
    kiosk = make_kiosk(timing=Timing(animation_ms=0, hold_ms=50, tick_ms=20), now=wall.datetime, clock=clock)
    long_press_corner(kiosk, qtbot)
    assert [type_pin(kiosk, qtbot, "1111") for _ in range(5)][-1] is PinResult.LOCKED
    pad = kiosk.staff.pin_pad
    wall.now -= 86400
    clock.now += 1
    qtbot.waitUntil(lambda: pad.message.text() == "Too many wrong PINs. Try again in 59 seconds.", timeout=2000)  # not 1441 minutes
    clock.now += 59
    qtbot.waitUntil(pad.ok_button.isEnabled, timeout=2000)
    assert type_pin(kiosk, qtbot, DEMO_PIN) is PinResult.OK  # no restart needed
    assert kiosk.staff.panel.isVisible()


def test_the_lockout_survives_a_restart_of_the_kiosk(make_kiosk, qtbot, tmp_path):
    clock = Clock()
    first = make_kiosk(timing=FAST_HOLD, now=clock.datetime, state_dir=tmp_path / "state", clock=clock)
    long_press_corner(first, qtbot)
    for _ in range(5):
        type_pin(first, qtbot, "1111")
    first.window.close()
    restarted = make_kiosk(timing=FAST_HOLD, now=clock.datetime, state_dir=tmp_path / "state", clock=clock)
    long_press_corner(restarted, qtbot)
    assert restarted.staff.pin_pad.message.text() == "Too many wrong PINs. Try again in 1 minute."
    assert not restarted.staff.pin_pad.ok_button.isEnabled()


def test_the_pin_is_checked_off_the_ui_thread_and_the_pad_says_so(make_kiosk, qtbot):
    import threading

    from kiosk.core import pin as pin_module

    threads: list[str] = []
    real = pin_module._derive

    def spy(*args):
        threads.append(threading.current_thread().name)
        return real(*args)

    kiosk = make_kiosk(timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    pin_module._derive = spy
    try:
        for digit in DEMO_PIN:
            qtbot.mouseClick(kiosk.staff.pin_pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(kiosk.staff.pin_checked, timeout=5000):
            qtbot.mouseClick(kiosk.staff.pin_pad.ok_button, Qt.MouseButton.LeftButton)
            assert kiosk.staff.pin_pad.message.text() == "Checking…"
            assert not kiosk.staff.pin_pad.ok_button.isEnabled()
    finally:
        pin_module._derive = real
    assert threads == ["pin-check"]
    assert kiosk.staff.panel.isVisible()
    assert kiosk.staff.panel.pin_attempts.text().startswith("0 wrong PIN attempts since ")


def test_no_pin_hash_means_staff_exit_is_disabled(make_kiosk, qtbot, content):
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    lines = [line for line in toml.splitlines() if not line.startswith("staff_pin")]
    (content / "kiosk.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kiosk = make_kiosk(content, timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    assert kiosk.staff.pin_pad.message.text() == "Staff exit is turned off on this kiosk."
    assert not kiosk.staff.pin_pad.ok_button.isEnabled()


def test_staff_panel_exit_and_back(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    type_pin(kiosk, qtbot, DEMO_PIN)
    with qtbot.waitSignal(kiosk.exit_requested, timeout=1000):
        qtbot.mouseClick(kiosk.staff.panel.exit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.staff.panel.back_button, Qt.MouseButton.LeftButton)
    assert not kiosk.staff.panel.isVisible()


def test_staff_panel_reload_picks_up_edits(make_kiosk, qtbot, content):
    kiosk = make_kiosk(content, timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    type_pin(kiosk, qtbot, DEMO_PIN)
    (content / "en" / "45-how-it-may-feel.md").write_text("---\ntitle: x\nicon: [broken\n---\nx\n", encoding="utf-8")
    with qtbot.waitSignal(kiosk.reloaded, timeout=10_000):  # a read of every card, on a worker thread
        qtbot.mouseClick(kiosk.staff.panel.reload_button, Qt.MouseButton.LeftButton)
    assert "45-how-it-may-feel.md:3: error: front matter is not valid YAML" in kiosk.staff.panel.problems.toPlainText()
    assert "45-how-it-may-feel.md" in kiosk.views  # the last good version stays on screen


def test_staff_panel_closes_itself_on_idle(make_kiosk, qtbot):
    # A long idle wait while the PIN is checked (scrypt: ~100 ms, over a second at load 15; a reset
    # during the check closes the pad and the panel never opens), then a short one.
    kiosk = make_kiosk(timing=Timing(animation_ms=0, hold_ms=50, idle_ms=60_000))
    long_press_corner(kiosk, qtbot)
    type_pin(kiosk, qtbot, DEMO_PIN)
    assert kiosk.staff.panel.isVisible()
    kiosk.idle.set_timeout(100)
    with qtbot.waitSignal(kiosk.visit_reset, timeout=10_000):
        pass
    assert not kiosk.staff.panel.isVisible()


def test_cancel_closes_the_pin_pad(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    mouse_tap(kiosk.window, kiosk.staff.pin_pad.cancel_button.mapTo(kiosk.window, kiosk.staff.pin_pad.cancel_button.rect().center()))
    assert not kiosk.staff.pin_pad.isVisible()
    assert kiosk.window.current_index() == 0


def test_staff_panel_lists_cards_due_for_review_soonest_first(make_kiosk, qtbot, content):
    from datetime import datetime

    for name, review_by in (("15-later.md", "2026-12-20"), ("16-overdue.md", "2026-11-28"), ("17-fine.md", "2027-06-01")):
        (content / "en" / name).write_text(f"---\ntitle: T\nreview_by: {review_by}\n---\nText?\n", encoding="utf-8")
    kiosk = make_kiosk(content, timing=FAST_HOLD, now=lambda: datetime(2026, 12, 1, 9, 0))
    long_press_corner(kiosk, qtbot)
    type_pin(kiosk, qtbot, DEMO_PIN)
    assert kiosk.staff.panel.reviews_title.text() == "Reviews and sign-off"
    lines = kiosk.staff.panel.reviews.text().split("\n")
    assert lines[:2] == ["en/16-overdue.md: review by 2026-11-28 (overdue by 3 days)", "en/15-later.md: review by 2026-12-20 (in 19 days)"]
    # Then the cards no clinician has signed off, one line per folder (the sample is a demo: none is).
    assert lines[2].startswith("en: 12 cards not signed off by a clinician: 05-key-points.md, 10-what-is-ketamine.md, 15-later.md")
    assert lines[3].startswith("es: 9 cards not signed off by a clinician: 05-key-points.md") and len(lines) == 4
    assert kiosk.staff.panel.reviews.isVisible()


def test_staff_panel_says_when_nothing_is_due_and_every_card_is_signed(make_kiosk, qtbot, content):
    for path in content.glob("*/*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\napproved_by: Dr A. Name, MD\napproved: 2026-11-01\n", 1),
                        encoding="utf-8")
    kiosk = make_kiosk(content, timing=FAST_HOLD)
    long_press_corner(kiosk, qtbot)
    type_pin(kiosk, qtbot, DEMO_PIN)
    assert kiosk.staff.panel.reviews.text() == "Every card is signed off, and none is due for review in the next 30 days."
