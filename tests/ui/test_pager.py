"""The swipe pager driven by real mouse drags and touch sequences."""

from __future__ import annotations

import pytest
from helpers.gestures import mouse_drag, mouse_tap, touch_drag, touch_tap
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.pager import SwipePager

W, H = 1000, 600


class FakeClock:
    """Moves time on by `step` seconds each time the pager reads it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.step = 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def pager(qtbot):
    clock = FakeClock()
    pager = SwipePager(animation_ms=0, clock=clock)
    pager.clock = clock  # the test moves time forward
    pages = []
    for index in range(3):
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"page {index}"))
        button = QPushButton(f"button {index}")
        button.setFixedSize(300, 100)
        layout.addWidget(button)
        page.button = button
        pages.append(page)
    pager.set_pages(pages)
    pager.resize(W, H)
    qtbot.addWidget(pager)
    pager.show()
    qtbot.waitExposed(pager)
    assert pager.current_index() == 0
    assert pager.count() == 3
    return pager


def test_drag_past_a_quarter_goes_to_next_page(pager):
    mouse_drag(pager, QPoint(800, 40), QPoint(800 - 300, 40))
    assert pager.current_index() == 1


def test_short_slow_drag_springs_back(pager):
    def slow():
        pager.clock.now += 2.0  # the finger rested before letting go: no flick

    mouse_drag(pager, QPoint(800, 40), QPoint(800 - 200, 40), before_release=slow)
    assert pager.current_index() == 0
    assert pager.pages()[0].x() == 0


def test_card_follows_the_finger_during_a_drag(pager):
    positions = []
    mouse_drag(pager, QPoint(800, 40), QPoint(600, 40), before_release=lambda: positions.append(pager.pages()[0].x()))
    assert positions == [-200]


def test_fast_flick_goes_to_next_page(pager):
    # 100 px (a tenth of the width) in about 50 ms: short, but fast.
    pager.clock.step = 0.005
    mouse_drag(pager, QPoint(800, 40), QPoint(700, 40))
    assert pager.current_index() == 1


def test_slow_short_drag_is_not_a_flick(pager):
    pager.clock.step = 0.5
    mouse_drag(pager, QPoint(800, 40), QPoint(700, 40))
    assert pager.current_index() == 0


def test_right_drag_on_first_page_resists_and_stays(pager):
    seen = []
    mouse_drag(pager, QPoint(100, 40), QPoint(500, 40), before_release=lambda: seen.append(pager.pages()[0].x()))
    assert seen == [120]  # 400 px of drag moves the page only 30 %
    assert pager.current_index() == 0


def test_no_wrap_around_at_the_end(pager):
    pager.go_to(2)
    mouse_drag(pager, QPoint(800, 40), QPoint(100, 40))
    assert pager.current_index() == 2


def test_drag_right_goes_back(pager):
    pager.go_to(2)
    mouse_drag(pager, QPoint(100, 40), QPoint(600, 40))
    assert pager.current_index() == 1


def test_one_page_per_swipe_even_when_dragged_far(pager):
    mouse_drag(pager, QPoint(990, 40), QPoint(0, 40))
    assert pager.current_index() == 1


def test_vertical_drag_never_changes_page(pager):
    mouse_drag(pager, QPoint(500, 50), QPoint(560, 550))
    assert pager.current_index() == 0


def test_tap_on_a_button_clicks_it(pager, qtbot):
    button = pager.pages()[0].button
    with qtbot.waitSignal(button.clicked, timeout=1000):
        mouse_tap(pager, button.mapTo(pager, button.rect().center()))
    assert pager.current_index() == 0


def test_drag_that_starts_on_a_button_does_not_click_it(pager):
    button = pager.pages()[0].button
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))
    start = button.mapTo(pager, button.rect().center())
    mouse_drag(pager, start, start - QPoint(400, 0))
    assert pager.current_index() == 1
    assert clicks == []
    assert not button.isDown()


def test_touch_swipe_left_and_right(pager):
    touch_drag(pager, QPoint(900, 40), QPoint(300, 40))
    assert pager.current_index() == 1
    touch_drag(pager, QPoint(100, 40), QPoint(700, 40))
    assert pager.current_index() == 0


def test_short_touch_drag_springs_back(pager):
    touch_drag(pager, QPoint(500, 40), QPoint(460, 40), steps=4)
    assert pager.current_index() == 0
    assert pager.pages()[0].x() == 0


def test_touch_tap_clicks_button(pager, qtbot):
    button = pager.pages()[0].button
    with qtbot.waitSignal(button.clicked, timeout=1000):
        touch_tap(pager, button.mapTo(pager, button.rect().center()))


def test_vertical_drag_scrolls_the_area_under_the_finger(qtbot):
    pager = SwipePager(animation_ms=0)
    area = QScrollArea()
    tall = QLabel("\n".join(f"line {i}" for i in range(200)))
    area.setWidget(tall)
    pager.set_pages([area, QWidget()])
    pager.resize(W, H)
    qtbot.addWidget(pager)
    pager.show()
    qtbot.waitExposed(pager)
    assert area.verticalScrollBar().maximum() > 300
    mouse_drag(pager, QPoint(300, 500), QPoint(310, 200))
    assert area.verticalScrollBar().value() == 300
    assert pager.current_index() == 0


def test_animation_runs_and_reports_the_new_page(qtbot):
    pager = SwipePager(animation_ms=60)
    pager.set_pages([QWidget(), QWidget()])
    pager.resize(W, H)
    qtbot.addWidget(pager)
    pager.show()
    with qtbot.waitSignal(pager.current_changed, timeout=2000) as blocker:
        pager.go_to(1)
        assert pager.is_animating()
    assert blocker.args == [1]
    assert not pager.is_animating()
    assert pager.pages()[1].x() == 0


def test_released_page_moves_at_once_not_a_timer_tick_later(pager, qtbot):
    pager.animation_ms = 300
    at_release: list[int] = []
    mouse_drag(pager, QPoint(800, 40), QPoint(800 - 400, 40), before_release=lambda: at_release.append(pager.pages()[0].x()))
    assert at_release == [-400]
    assert pager.pages()[0].x() < -400  # already on its way, before the animation timer has ticked
    qtbot.waitUntil(lambda: pager.current_index() == 1, timeout=3000)


def test_pages_given_as_builders_are_built_only_when_shown_or_beside_the_page_shown(qtbot):
    built: list[int] = []

    def builder(index: int):
        def build() -> QWidget:
            built.append(index)
            return QLabel(f"page {index}")
        return build

    pager = SwipePager(animation_ms=0)
    qtbot.addWidget(pager)
    pager.set_pages([builder(index) for index in range(50)], current=10)
    pager.resize(W, H)
    pager.show()
    assert built == [10]
    qtbot.waitUntil(lambda: built == [10, 11, 9], timeout=3000)  # the next first: that is where patients go
    pager.go_to(11, animate=False)
    qtbot.waitUntil(lambda: built == [10, 11, 9, 12], timeout=3000)
    assert pager.count() == 50 and pager.is_built(12) and not pager.is_built(13)
