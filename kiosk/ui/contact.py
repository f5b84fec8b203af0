"""The last screen: how to reach the clinic, with a large QR code of its website."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.config import Clinic
from kiosk.core.strings import Strings
from kiosk.ui.page import Page
from kiosk.ui.qrcode import QrCodeView
from kiosk.ui.theme import Theme


class ContactScreen(Page):
    """Shows whichever contact facts are valid; the QR code only when the website is."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__("ContactScreen", parent)
        metrics = theme.metrics
        self.heading = QLabel(objectName="ContactTitle", wordWrap=True)
        self.name = QLabel(objectName="ContactValue", wordWrap=True)
        self.facts = QGridLayout()
        self.facts.setVerticalSpacing(metrics.px(8))
        self._labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(("address", "phone", "website")):
            label = QLabel(objectName="ContactLabel")
            value = QLabel(objectName="ContactValue", wordWrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.facts.addWidget(label, row * 2, 0)
            self.facts.addWidget(value, row * 2 + 1, 0)
            self.facts.setRowMinimumHeight(row * 2 + 1, 0)
            self._labels[key] = (label, value)
        self.qr = QrCodeView("", metrics.qr)
        self.scan = QLabel(objectName="ContactScan", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.scan.setFixedWidth(metrics.qr)

        left = QVBoxLayout()
        left.setSpacing(metrics.px(24))
        left.addWidget(self.name)
        left.addLayout(self.facts)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(metrics.px(20))
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.scan)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(metrics.margin)
        columns.addLayout(left, 1)
        columns.addLayout(right, 0)
        layout = QVBoxLayout(self)
        margin = metrics.margin
        layout.setContentsMargins(margin, round(margin * 0.25), margin, round(margin * 0.4))
        layout.setSpacing(metrics.px(32))
        layout.addWidget(self.heading)
        layout.addLayout(columns, 1)

    def set_content(self, clinic: Clinic, strings: Strings) -> None:
        self.heading.setText(strings["contact_title"])
        self.name.setText(clinic.name)
        self.name.setVisible(bool(clinic.name))
        for key, (label, value) in self._labels.items():
            text = getattr(clinic, key)
            label.setText(strings[f"contact_{key}"])
            value.setText(text)
            label.setVisible(bool(text))
            value.setVisible(bool(text))
        self.qr.set_url(clinic.website)
        self.qr.setVisible(bool(clinic.website))
        self.scan.setText(strings["contact_scan"])
        self.scan.setVisible(bool(clinic.website))
