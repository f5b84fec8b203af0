"""The pager's pages, each a widget or what builds it the first time it is needed.

A deck of thousands of cards must not build thousands of card views (each ~30 ms and ~0.3 MB):
only the pages a patient reaches, and the ones beside them, are ever built. `prepare_step` lays a
page out and paints it once off screen, so the first frame that shows it costs no more than any other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

PageSource = QWidget | Callable[[], QWidget]  # a page, or what builds it when first needed


class LazyPages:
    """The pages of one pager, in order; built pages become children of `owner`."""

    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self._entries: list[PageSource] = []
        self._prepared: set[int] = set()

    def replace(self, pages: Sequence[PageSource]) -> None:
        """Hold `pages` from now on; built pages no longer listed are hidden, not deleted."""
        kept = {id(page) for page in pages if isinstance(page, QWidget)}
        for page in self.built():
            if id(page) not in kept:
                page.hide()
        self._entries = list(pages)
        for page in self.built():
            if page.parentWidget() is not self._owner:
                page.setParent(self._owner)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, index: int) -> QWidget:
        """Page `index`, built now if it was not yet."""
        entry = self._entries[index]
        if isinstance(entry, QWidget):
            return entry
        widget = entry()
        if widget.parentWidget() is not self._owner:
            widget.setParent(self._owner)  # hidden until laid out
        self._entries[index] = widget
        return widget

    def is_built(self, index: int) -> bool:
        return isinstance(self._entries[index], QWidget)

    def all(self) -> list[QWidget]:
        """Every page, building those not built yet."""
        return [self.get(index) for index in range(len(self._entries))]

    def built(self) -> list[QWidget]:
        return [page for page in self._entries if isinstance(page, QWidget)]

    def hide_unless(self, shown: set[int]) -> None:
        """Hide every built page whose index is not in `shown` (pages not built are not visible)."""
        for index, entry in enumerate(self._entries):
            if index not in shown and isinstance(entry, QWidget) and not entry.isHidden():
                entry.hide()

    def prepare_step(self, indices: Sequence[int], size: QSize) -> bool:
        """One step towards having pages `indices` built, laid out and painted once off screen
        (style polish, text layout, glyphs): build one, or paint one. False when nothing was left."""
        for index in indices:
            if 0 <= index < len(self._entries) and index not in self._prepared:
                if self.is_built(index):
                    page = self.get(index)
                    page.setGeometry(0, 0, size.width(), size.height())
                    if not size.isEmpty():
                        page.render(QPixmap(size))  # delivers the pending resize and paints once, off screen
                    self._prepared.add(index)
                else:
                    self.get(index)
                return True
        return False

    def forget_prepared(self) -> None:
        """The current page or the size changed: the neighbours are other pages, or need new layout."""
        self._prepared.clear()
