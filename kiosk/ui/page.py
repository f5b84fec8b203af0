"""The base of every full-screen page: opaque, so a swipe moves its pixels instead of repainting it."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLayout, QWidget

PageLayout = TypeVar("PageLayout", bound=QLayout)


class Page(QWidget):
    """A page painted by the application style sheet (its #ObjectName rule gives the background)."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)

    def page_layout(self, layout: PageLayout) -> PageLayout:
        """`layout` as the page's own: the pager gives a page the screen's size, and no minimum a
        layout works out (wrapped lines at their narrowest, say) may make the page bigger than that."""
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        return layout

    def event(self, event: QEvent) -> bool:
        # The style sheet turns autoFillBackground off whenever it (re)styles the widget; without it
        # Qt repaints both pages on every frame of a swipe instead of moving their pixels.
        handled = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange) and not self.autoFillBackground():
            self.setAutoFillBackground(True)
        return handled
