"""The wrapping row (kiosk/ui/flow.py) is mirrored on a right-to-left screen, as Qt's own layouts are."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QPushButton, QStyle, QWidget

from kiosk.ui.flow import FlowLayout, Role, _visual_rect


def test_first_control_on_the_right_and_the_end_one_on_the_left(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    row = FlowLayout(host)
    first, second, end = (QPushButton(text) for text in ("first", "second", "end"))
    for button in (first, second):
        row.add(button)
    row.add(end, Role.END)
    host.resize(800, 100)
    host.show()
    row.setGeometry(host.rect())
    ltr = [button.geometry().left() for button in (first, second, end)]
    assert ltr[0] < ltr[1] < ltr[2]
    host.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    row.setGeometry(host.rect())
    rtl = [button.geometry() for button in (first, second, end)]
    assert [rect.left() for rect in rtl] == [800 - left - button.width() for left, button in zip(ltr, (first, second, end))]
    assert rtl[0].right() == 799 and rtl[2].left() == 0


@given(st.tuples(*[st.integers(-500, 500)] * 2, *[st.integers(0, 800)] * 2), st.tuples(*[st.integers(-500, 500)] * 2, *[st.integers(0, 800)] * 2),
       st.sampled_from(list(Qt.LayoutDirection)))
def test_the_mirror_is_qts_own(qapp, bounding, rect, direction):
    """flow.py mirrors with its own three lines instead of QStyle.visualRect (loading QStyle costs start-up ~7 ms)."""
    bounding, rect = QRect(*bounding), QRect(*rect)
    assert _visual_rect(direction, bounding, rect) == QStyle.visualRect(direction, bounding, rect)
