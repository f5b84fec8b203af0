"""Paints a QR matrix as crisp square modules at whatever size the layout gives it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPaintEvent, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.qr import QrMatrix, qr_matrix


class QrCodeView(QWidget):
    """A square QR code on a white quiet zone; modules snap to whole pixels so phones read it."""

    def __init__(self, url: str, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QrCode")
        self._side = side
        self.setFixedSize(side, side)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.url = ""
        self._matrix: QrMatrix | None = None
        self.set_url(url)

    def set_side(self, side: int) -> None:
        if side != self._side:
            self._side = side
            self.setFixedSize(side, side)
            self.update()

    def set_url(self, url: str) -> None:
        """The code is encoded when first painted: nothing QR-related runs before the first frame."""
        if url == self.url:
            return
        self.url = url
        self._matrix = None
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._side, self._side)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self._matrix is None and self.url:
            self._matrix = qr_matrix(self.url)
        if self._matrix is None:
            return
        count = self._matrix.size
        module = max(1, min(self.width(), self.height()) // count)
        left = (self.width() - module * count) // 2
        top = (self.height() - module * count) // 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for y, row in enumerate(self._matrix.rows):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(left + x * module, top + y * module, module, module))
