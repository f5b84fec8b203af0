"""The wrapping row (kiosk/ui/flow.py) is mirrored on a right-to-left screen, as Qt's own layouts are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.flow import FlowLayout, Role


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
