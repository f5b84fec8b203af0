"""The last screen: where to get help now, how to reach the clinic, and a large QR code of its website.

The clinic's crisis line (`[clinic] crisis`, per language) comes first, in a box that never gives
way to anything else when the screen runs short, for the patient who feels unsafe right now.

The QR code stands beside the facts on a landscape screen and under them on a portrait one. It is
460 px at 1080p and gives up some size (never below ~60% of that, still over 10 cm on any kiosk
panel) before anything is cut off at the largest text; long web addresses wrap at their slashes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.config import Clinic
from kiosk.core.strings import Strings
from kiosk.ui.breaks import breakable
from kiosk.ui.buttons import TouchButton
from kiosk.ui.compact import set_compact
from kiosk.ui.flow import height_needed
from kiosk.ui.glyphs import glyph_icon
from kiosk.ui.named import named
from kiosk.ui.page import Page
from kiosk.ui.qrcode import QrCodeView
from kiosk.ui.theme import Theme


class ContactScreen(Page):
    """Shows whichever contact facts are valid; the QR code only when the website is.

    At the end of a topic in a topic library it also offers "More topics" (back to the grid), and a
    topic with its own web page shows that page's QR code instead of the clinic's website."""

    more_topics_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__("ContactScreen", parent)
        self.theme = theme
        self._beside = True
        self._has: dict[str, bool] = {}  # which facts the clinic gave
        self.heading = named("ContactTitle", QLabel(wordWrap=True))
        self.crisis = named("ContactCrisis", QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText))
        self.name = named("ContactValue", QLabel(wordWrap=True))
        self.facts = QVBoxLayout()  # a grid would not give a wrapped address all the lines it needs
        self._labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("address", "phone", "website"):
            label = named("ContactLabel", QLabel(wordWrap=True))
            value = named("ContactValue", QLabel(wordWrap=True))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.facts.addWidget(label)
            self.facts.addWidget(value)
            self._labels[key] = (label, value)
        self.qr = QrCodeView("", theme.metrics.qr)
        self.scan = named("ContactScan", QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter))
        self.more_topics = TouchButton(objectName="MoreTopicsButton")
        self.more_topics.clicked.connect(self.more_topics_requested)
        self.more_topics.hide()

        self._left = left = QVBoxLayout()
        left.addWidget(self.name)
        left.addLayout(self.facts)
        left.addWidget(self.more_topics, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)
        self._right = right = QVBoxLayout()
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.scan)  # no alignment here: an aligned label loses the lines it wraps onto
        right.addStretch(1)
        self._columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.addLayout(left, 1)
        columns.addLayout(right, 0)
        # The crisis line beside the heading on a landscape screen (the code keeps its size), under it
        # on a portrait one (where beside it would be a narrow column of many lines).
        self._top = top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(self.heading, 0)
        top.addWidget(self.crisis, 1)
        self._outer = layout = self.page_layout(QVBoxLayout(self))
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        metrics = theme.metrics
        self.facts.setSpacing(metrics.px(8))
        self._left.setSpacing(metrics.px(24))
        self._right.setSpacing(metrics.px(20))
        self._columns.setSpacing(metrics.margin)
        self._top.setSpacing(metrics.margin)
        self.more_topics.setIcon(glyph_icon("fa5s.th-large", theme.palette.accent, metrics.px(40)))
        self.more_topics.setIconSize(QSize(metrics.px(40), metrics.px(40)))
        margin = metrics.margin
        self._outer.setContentsMargins(margin, round(margin * 0.25), margin, round(margin * 0.4))
        self._outer.setSpacing(metrics.px(32))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit()  # text or sizes may have changed while another page was on screen

    def _fit(self) -> None:
        """Columns while the facts keep a readable width beside the code, else stacked. Then, while
        the height cannot hold it all: the code shrinks (to 60% at most, widening the facts beside
        it); then the facts go back to the normal text size (never smaller); then the small
        "Address" / "Phone" / "Website" words give way, and last the "Contact us" heading. The
        clinic's facts and the code itself always stay."""
        self.ensurePolished()  # measure with the style sheet's fonts, even before the first show
        metrics = self.theme.metrics
        facts_room = self.width() - 2 * metrics.margin - metrics.qr - self._columns.spacing()
        self._beside = facts_room >= 10 * metrics.px(54)  # ten letters of the facts' normal size
        direction = QBoxLayout.Direction.LeftToRight if self._beside else QBoxLayout.Direction.TopToBottom
        if self._top.direction() != direction:
            self._top.setDirection(direction)
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
            # Stacked, the code follows the facts closely and the room left over goes below it.
            self._columns.setStretchFactor(self._left, 1 if self._beside else 0)
            self._columns.setStretchFactor(self._right, 0 if self._beside else 1)
        looks = [(compact, drop) for drop in range(3) for compact in (False, True) if not compact or metrics.text_scale > 1.0]
        for compact, drop in looks:  # drop 1: the small "Address", "Phone" words; 2: the heading too
            self._set_compact(compact)
            self._drop(drop)
            if self._shrink_qr_to_fit() <= 0:
                break
        self._outer.activate()  # now, not on the next event loop pass: a grab or a test may look at once

    def _shrink_qr_to_fit(self) -> int:
        """Pixels still missing once the code is as small as it may be (0 or less: it all fits).

        Beside the facts, a smaller code also gives them width (fewer lines), so it steps down."""
        full = self.theme.metrics.qr
        smallest = round(full * 0.6)
        side = full
        self._set_qr_side(side)
        over = self._overflow()
        while over > 0 and side > smallest and self.qr.isVisibleTo(self):
            side = max(smallest, min(side - over, side - full // 12))
            self._set_qr_side(side)
            over = self._overflow()
        return over

    def _overflow(self) -> int:
        return height_needed(self._outer, self.width()) - self.height()

    def _set_compact(self, compact: bool) -> None:
        set_compact((self.heading, self.crisis, self.name, self.scan, *(widget for pair in self._labels.values() for widget in pair)), compact)

    def _drop(self, level: int) -> None:
        for key, (label, _value) in self._labels.items():
            label.setVisible(self._has.get(key, False) and level < 1)
        self.heading.setVisible(level < 2)

    def _set_qr_side(self, side: int) -> None:
        self.qr.set_side(side)
        if self._beside:
            self.scan.setFixedWidth(side)
        else:
            self.scan.setMinimumWidth(0)
            self.scan.setMaximumWidth(16777215)

    def set_content(self, clinic: Clinic, strings: Strings, *, link: tuple[str, str] | None = None, more_topics: bool = False) -> None:
        """Show `clinic` in the language of `strings` ([clinic.<language>] words replace the first
        language's). `link`: a topic's own (web address, caption) for the QR code instead of the
        website's; `more_topics`: offer the way back to the topics grid."""
        clinic = clinic.for_language(strings.language)
        self.heading.setText(strings["contact_title"])
        self.crisis.setText(f"<b>{html.escape(strings['crisis_title'])}</b> {html.escape(clinic.crisis)}")
        self.crisis.setAccessibleName(f"{strings['crisis_title']} {clinic.crisis}")
        self.crisis.setVisible(bool(clinic.crisis))
        self.name.setText(clinic.name)
        self.name.setVisible(bool(clinic.name))
        for key, (label, value) in self._labels.items():
            text = getattr(clinic, key)
            label.setText(strings[f"contact_{key}"])
            value.setText(breakable(text) if key == "website" else text)
            value.setAccessibleName(text)
            self._has[key] = bool(text)
            label.setVisible(bool(text))
            value.setVisible(bool(text))
        url, caption = link or (clinic.website, strings["contact_scan"])
        self.qr.set_url(url)
        self.qr.setVisible(bool(url))
        self.scan.setText(caption)
        self.scan.setVisible(bool(url))
        self.more_topics.setText(f" {strings['topics_more']} ")
        self.more_topics.setVisible(more_topics)
        if self.isVisible():
            self._fit()

