"""A swipe that starts right after a tap still turns the page (Qt calls that second press a double click)."""

from __future__ import annotations

from helpers.gestures import touch_drag, touch_tap
from PySide6.QtCore import QPoint


def test_a_swipe_straight_after_a_tap_turns_the_page(make_kiosk):
    kiosk = make_kiosk(size=(1280, 800))
    window = kiosk.window
    window.start()
    start = window.current_index()
    middle = QPoint(window.width() // 2, window.height() // 2)
    touch_tap(window, middle)  # a tap on the card text: nothing happens
    # Within the double-click interval of that tap, so Qt delivers this press as a double click.
    touch_drag(window, QPoint(window.width() * 3 // 4, middle.y()), QPoint(window.width() // 8, middle.y()), steps=8)
    assert window.current_index() == start + 1
