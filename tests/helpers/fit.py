"""Does everything on screen fit? Every visible widget compared with the window and its neighbours.

What a patient would see as broken: a widget outside the window or its parent (cut off), siblings
on top of each other, a label whose text needs more room than it was given, a button smaller than
its label, text that runs off the side of a card.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QWidget

from kiosk.ui.overlays.overlay import Overlay

BIG = 1_000_000


def misfits(window: QWidget, where: str) -> list[str]:
    """One line per problem found under `window`, each starting with `where`."""
    problems: list[str] = []
    screen = window.rect()
    for widget in _visible_descendants(window):
        name = _name(widget)
        box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not screen.contains(box):
            problems.append(f"{where}: {name} {_r(box)} is outside the window {_r(screen)}")
            continue
        parent = widget.parentWidget()
        if parent is not None and not parent.rect().contains(widget.geometry()):
            problems.append(f"{where}: {name} {_r(widget.geometry())} sticks out of {_name(parent)} {_r(parent.rect())}")
        problems += [f"{where}: {name} {p}" for p in _content_problems(widget)]
    problems += _overlaps(window, where)
    return problems


def _visible_descendants(root: QWidget):
    for child in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not child.isVisibleTo(root) or child.isWindow():
            continue
        yield child
        if not isinstance(child, QAbstractScrollArea):  # what scrolls inside is meant to go past its edge
            yield from _visible_descendants(child)


def _overlaps(root: QWidget, where: str) -> list[str]:
    problems = []
    children = [
        c for c in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if c.isVisibleTo(root) and not c.isWindow()
    ]
    laid_out = [c for c in children if not isinstance(c, Overlay)]  # an overlay covers by design
    if isinstance(root, QAbstractScrollArea):
        return []
    for i, a in enumerate(laid_out):
        for b in laid_out[i + 1:]:
            if a.geometry().intersects(b.geometry()):
                problems.append(f"{where}: {_name(a)} {_r(a.geometry())} overlaps {_name(b)} {_r(b.geometry())}")
    for child in children:
        problems += _overlaps(child, where)
    return problems


def _content_problems(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return _label_problems(widget)
    if isinstance(widget, QAbstractButton):
        hint, size = widget.sizeHint(), widget.size()
        if hint.width() > size.width() or hint.height() > size.height():
            return [f"needs {hint.width()}x{hint.height()} for {widget.text().strip()!r} but has {size.width()}x{size.height()}"]
        return []
    if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().maximum() > 0:
        return [f"is {widget.horizontalScrollBar().maximum()} px too narrow for its text"]
    return []


def _label_problems(label: QLabel) -> list[str]:
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    pixmap = label.pixmap()
    if pixmap is not None and not pixmap.isNull():
        size = pixmap.deviceIndependentSize().toSize()
        if size.width() > room.width() or size.height() > room.height():
            return [f"picture {size.width()}x{size.height()} does not fit {room.width()}x{room.height()}"]
        return []
    text = label.text()
    if not text.strip():
        return []
    metrics = label.fontMetrics()
    # Measured from the top: centring a line in a huge box rounds its height up by a pixel.
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap)
        needed = metrics.boundingRect(QRect(0, 0, room.width(), BIG), flags, text)
    else:
        needed = metrics.boundingRect(QRect(0, 0, BIG, BIG), flags, text)
    if needed.width() > room.width() or needed.height() > room.height():
        return [f"text {text!r} needs {needed.width()}x{needed.height()} but has {room.width()}x{room.height()}"]
    return []


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def _r(rect: QRect) -> str:
    return f"({rect.x()},{rect.y()} {rect.width()}x{rect.height()})"
