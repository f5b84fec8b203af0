"""One topic card: icon and title, an optional picture, the rendered body, and the care-team line."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QMargins, QSize, Qt
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.cards import Card
from kiosk.core.icons import DEFAULT_ICON
from kiosk.core.picture_files import ShownPicture
from kiosk.core.languages import in_reading_order, is_right_to_left
from kiosk.core.mirror import mirror_tables
from kiosk.core.strings import Strings
from kiosk.runtime.pictures import PictureLoader, shared_pictures, shown_size
from kiosk.ui.card_body import CardBody
from kiosk.ui.card_style import document_css, list_indent_px, measure_px, qt_markup
from kiosk.ui.compact import set_compact
from kiosk.ui.direction import direction_of
from kiosk.ui.flow import FlowLayout, Role, height_needed
from kiosk.ui.glyphs import glyph_pixmap
from kiosk.ui.named import named
from kiosk.ui.page import Page
from kiosk.ui.qrcode import QrCodeView
from kiosk.ui.reading_highlight import highlight_block, mark_label
from kiosk.ui.slots import SlotWidget, as_widget
from kiosk.ui.theme import Theme

W = TypeVar("W")


class CardView(Page):
    """Built from a `Card`; reused across reloads by calling `set_card` again.

    The take-home QR sits beside the text where the screen is wide enough for both, and under it
    on a narrow (portrait) screen, where a column beside it would squeeze the text.
    """

    def __init__(self, theme: Theme, strings: Strings, parent: QWidget | None = None, *, pictures: PictureLoader | None = None) -> None:
        super().__init__("CardView", parent)
        self.theme = theme
        self.card: Card | None = None
        self.content_root: Path | None = None
        self._pictures = pictures or shared_pictures()
        self._pictures.ready.connect(self._picture_ready)
        self.icon = named("CardIcon", QLabel())
        self.title = named("CardTitle", QLabel(wordWrap=True))
        self.picture = named("CardPicture", QLabel(alignment=Qt.AlignmentFlag.AlignCenter))
        self.body = CardBody(self._pictures, self)
        self.scroll_hint = named("ScrollHint", QLabel())
        self.care = named("CareTeam", QLabel(wordWrap=True))
        self.qr = QrCodeView("", theme.metrics.px(190))
        self.qr_caption = named("CardQrCaption", QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter))
        self._take_home = take_home = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        take_home.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        take_home.addWidget(self.qr_caption)
        take_home.addStretch(1)

        self._header = header = QHBoxLayout()
        header.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title, 1)
        self._footer_widgets: list[SlotWidget] = []  # what features put beside the care-team line
        self._strings = strings
        self.scroll_hint.setWordWrap(True)
        # The hint keeps its room while hidden: were the footer to shrink when it hides, the text
        # would gain that room, fit, lose the hint again... and flicker at the end of a scroll.
        policy = self.scroll_hint.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.scroll_hint.setSizePolicy(policy)
        self.care.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # the row's width
        # Beside the care-team line when the row has room, under it when not (portrait, largest text).
        self._footer = footer = FlowLayout()
        footer.add(self.care)
        footer.add(self.scroll_hint, Role.END)
        self._outer = layout = self.page_layout(QVBoxLayout(self))
        # The text column (heading, picture, text) keeps its measure; the footer spans the page.
        self._column = column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(column, 1)
        column.addLayout(header)
        column.addWidget(self.picture)
        self._middle = middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        middle.addWidget(self.body, 1)
        middle.addLayout(take_home)
        column.addLayout(middle, 1)
        layout.addLayout(footer)
        self.body.verticalScrollBar().rangeChanged.connect(self._update_scroll_hint)
        self.body.verticalScrollBar().valueChanged.connect(self._update_scroll_hint)
        self._chrome = (self.title, self.care, self.scroll_hint, self.qr_caption)
        self._has_picture = False
        self.set_strings(strings)
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        metrics = self.theme.metrics
        self._outer.setSpacing(metrics.px(24))
        self._column.setSpacing(metrics.px(24))
        self._header.setSpacing(metrics.px(28))
        self._middle.setSpacing(metrics.px(32))
        self._take_home.setSpacing(metrics.px(8))
        self._footer.set_spacing(metrics.px(16))
        self.qr.set_side(metrics.px(190))
        self.qr_caption.setFixedWidth(metrics.px(260))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply_measure()
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit()  # text or sizes may have changed while another page was on screen

    def _fit(self) -> None:
        """The take-home code beside or under the text; then, if a short screen still cannot hold
        the title, three lines of text and the footer, the title and captions at normal size, and
        last the picture left out."""
        self.ensurePolished()
        self._place_take_home()
        layout = self._outer
        set_compact(self._chrome, False)
        self.picture.setVisible(self._has_picture)
        if self.theme.metrics.text_scale > 1.0 and height_needed(layout, self.width()) > self.height():
            set_compact(self._chrome, True)
        if self._has_picture and height_needed(layout, self.width()) > self.height():
            self.picture.hide()
        layout.activate()

    def _place_take_home(self) -> None:
        """Beside the text while the text keeps at least ~30 characters a line, else under it (and
        then the caption beside the code, not under it, to leave the text its height)."""
        metrics = self.theme.metrics
        beside_room = self.width() - 2 * metrics.margin - self.qr_caption.width() - self._middle.spacing()
        beside = beside_room >= 30 * metrics.body * 0.55  # 0.55 em: an average letter
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self._middle.direction() != direction:
            self._middle.setDirection(direction)
            self._middle.setAlignment(self._take_home, Qt.AlignmentFlag(0) if beside else Qt.AlignmentFlag.AlignHCenter)
            self._take_home.setDirection(QBoxLayout.Direction.TopToBottom if beside else QBoxLayout.Direction.LeftToRight)

    @classmethod
    def from_card(cls, card: Card, content_root: Path, theme: Theme, strings: Strings) -> CardView:
        view = cls(theme, strings)
        view.set_card(card, content_root)
        return view

    def set_strings(self, strings: Strings) -> None:
        self.care.setText(strings["care_team"])
        self.scroll_hint.setText(strings["scroll_more"])
        self._default_qr_caption = strings["card_qr"]
        self._show_qr_caption()
        self._strings = strings
        for widget in self._footer_widgets:
            widget.set_strings(strings)

    def set_theme(self, theme: Theme) -> None:
        """New text size or colours: re-render, keeping the card and its scroll position."""
        if theme == self.theme:
            return
        self.theme = theme
        for widget in self._footer_widgets:
            widget.set_theme(theme)
        self._apply_sizes()
        if self.card is not None and self.content_root is not None:
            position = self.body.verticalScrollBar().value()
            self.set_card(self.card, self.content_root)
            self.body.verticalScrollBar().setValue(position)

    def set_card(self, card: Card, content_root: Path) -> None:
        self.card = card
        self.content_root = content_root
        language = card.path.parent.name  # the card's own language folder: its text reads that way
        self.title.setText(in_reading_order(card.title, language))
        self.setAccessibleName(card.title)
        size = self.theme.metrics.icon
        self.icon.setPixmap(glyph_pixmap(card.icon or DEFAULT_ICON, self.theme.palette.accent, size))
        self.icon.setFixedSize(size, size)
        self._set_picture(card.image)
        self.body.shown = {picture.path: picture for picture in card.pictures}
        self.body.picture_box = self._picture_box(tall=True)
        document = self.body.document()
        document.setDefaultStyleSheet(document_css(self.theme))
        document.setIndentWidth(list_indent_px(self.theme))
        self.body.set_direction(direction_of(language))
        markup = qt_markup(card.html)
        self.body.setHtml(mirror_tables(markup) if is_right_to_left(language) else markup)
        self.body.setAccessibleName(card.title)
        self.body.setAccessibleDescription(self.body.toPlainText())
        self.body.verticalScrollBar().setValue(0)
        self.qr.set_url(card.qr or "")
        self.qr.setVisible(bool(card.qr))
        self.qr_caption.setVisible(bool(card.qr))
        self._show_qr_caption()
        self._apply_measure()
        if self.isVisible():
            self._fit()  # an edit saved while the card is on screen

    def _apply_measure(self) -> None:
        """Centre the card in a column whose text lines are about MEASURE_CHARS long (wider
        screens get wider side margins, never longer lines; the take-home QR sits beside it).
        The footer under it keeps the page's margins, so on a wide screen it has room for one row."""
        metrics = self.theme.metrics
        column = measure_px(self.theme, self.body.font().family())
        if not self.qr.isHidden():
            column += self.qr_caption.width() + metrics.px(32)
        side = max(metrics.margin, (self.width() - column) // 2)
        margin = metrics.margin
        margins = QMargins(margin, round(margin * 0.25), margin, round(margin * 0.4))
        indent = QMargins(side - margin, 0, side - margin, 0)
        layout = self._outer
        if layout.contentsMargins() != margins or self._column.contentsMargins() != indent:
            layout.setContentsMargins(margins)
            self._column.setContentsMargins(indent)
            layout.activate()  # now, not on the next event loop pass: the first frame has the measure

    def _show_qr_caption(self) -> None:
        """The card's own `qr_label` says what the code opens; without one, the interface's words."""
        label = self.card.qr_label if self.card is not None else None
        self.qr_caption.setText(label or self._default_qr_caption)

    def _picture_box(self, *, tall: bool = False) -> QSize:
        """The most room a picture takes: never wider than the narrower side (nor the text column
        for one in the text) and, above the text, at most 30% of the shorter side tall."""
        metrics = self.theme.metrics
        width = metrics.side - 2 * metrics.margin
        if tall:
            return QSize(max(1, min(width, measure_px(self.theme, self.body.font().family()))), 1 << 20)
        return QSize(max(1, width), round(metrics.side * 0.3))

    def _set_picture(self, image: Path | None) -> None:
        """The header picture, its room kept (empty) until it is decoded."""
        picture = self.card.picture(image) if self.card is not None and image is not None else None
        self._has_picture = picture is not None
        self.picture.clear()
        if picture is None:
            self.picture.hide()
            return
        self.picture.setFixedSize(shown_size(picture, self._picture_box()))
        self._draw_picture(picture)
        self.picture.show()

    def add_footer(self, widget: SlotWidget) -> None:
        """The footer slot: a feature's row beside the care-team line (under it when the row is full),
        kept in the card's language and look from then on."""
        widget.set_strings(self._strings)
        widget.set_theme(self.theme)
        self._footer_widgets.append(widget)
        self._footer.add(as_widget(widget), Role.END)

    def footer_widget(self, kind: type[W]) -> W | None:
        """The footer widget of type `kind` a feature added, if any."""
        return next((widget for widget in self._footer_widgets if isinstance(widget, kind)), None)

    def _draw_picture(self, picture: ShownPicture) -> None:
        decoded = self._pictures.image(picture, self._picture_box())
        if decoded is not None:
            self.picture.setPixmap(QPixmap.fromImage(decoded))

    def _picture_ready(self, path: str) -> None:
        picture = self.card.picture(path) if self.card is not None else None
        if picture is None:
            return
        if self.card is not None and str(self.card.image) == path:
            if self._pictures.has_failed(picture, self._picture_box()):
                self._has_picture = False  # changed since it was read, and no longer decodes: its room goes
                self._fit()
            else:
                self._draw_picture(picture)
        self.body.picture_ready(path)

    def show_reading(self, part: str, shown: str) -> None:
        """The highlight hook (Listen uses it): mark the title, a body block (by its text) or the
        care-team line; an empty `part` clears the mark."""
        mark_label(self.title, part == "title")
        mark_label(self.care, part == "care")
        highlight_block(self.body, shown if part == "body" else "", self.theme.palette.reading)

    def scroll_to_top(self) -> None:
        self.body.verticalScrollBar().setValue(0)

    def more_below(self) -> bool:
        """Whether more than half a line of the text is still below: the last paragraph's (or
        callout's) own bottom margin is not "more to read"."""
        bar = self.body.verticalScrollBar()
        return bar.maximum() - bar.value() > self.body.fontMetrics().lineSpacing() // 2

    def _update_scroll_hint(self) -> None:
        self.scroll_hint.setVisible(self.more_below())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            self._update_scroll_hint()
