"""A card's text: read-only rich text whose pictures are the card's own, decoded off the screen thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument, QTextOption
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from kiosk.core.picture_files import ShownPicture
from kiosk.runtime.pictures import PictureLoader, shown_size


class CardBody(QTextBrowser):
    """Read-only rich text: links never open; pictures are the card's own, checked ones, decoded off
    the screen thread. Until a picture is decoded its place is held by a transparent image of the
    same size, so the text never jumps when it arrives."""

    def __init__(self, pictures: PictureLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CardBody")
        self.shown: dict[str, ShownPicture] = {}  # the card's pictures by file, with their sizes
        self.picture_box = QSize(1, 1)  # the most room a picture in the text may take
        self._pictures = pictures
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # A word too long for its table cell (a web address) breaks rather than widen the table.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # Its viewport needs nothing set: the style sheet's `background: transparent` turns off its fill
        # when it is polished, and with no text interaction Qt gives it the arrow cursor. Asking for it
        # here would cost start-up ~14 ms: PySide6 looks for the class of a widget Qt made among every
        # widget class there is (tests/ui/test_card.py holds Qt to both).

    def set_direction(self, direction: Qt.LayoutDirection) -> None:
        """Every paragraph reads this way, whatever its first word: an Arabic line that starts with
        "Wi-Fi" is still right to left and right-aligned (Qt would guess from the first letter)."""
        option = self.document().defaultTextOption()
        option.setTextDirection(direction)
        self.document().setDefaultTextOption(option)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Three lines: what the card must keep of its text on screen; the rest scrolls."""
        return QSize(super().sizeHint().width(), round(3 * 1.35 * self.fontMetrics().lineSpacing()))

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt override)
        url = QUrl(url) if isinstance(url, str) else url
        # Never None for a picture: Qt would then load the file itself, on this thread, by sniffing.
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        picture = self.shown.get(str(Path(url.toLocalFile()))) if url.isLocalFile() else None
        if picture is None:
            return _blank(QSize(1, 1))
        image = self._pictures.image(picture, self.picture_box)
        return image if image is not None else _blank(shown_size(picture, self.picture_box))

    def picture_ready(self, path: str) -> None:
        """A picture of this text was decoded: put it in its place (same size, so no new layout)."""
        picture = self.shown.get(path)
        if picture is None:
            return
        image = self._pictures.image(picture, self.picture_box)
        if image is not None:
            self.document().addResource(QTextDocument.ResourceType.ImageResource.value, QUrl.fromLocalFile(path), image)
            self.viewport().update()


def _blank(size: QSize) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    return image
