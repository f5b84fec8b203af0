"""Draws a `Handout` to PDF with Qt's own writer (QPdfWriter + QTextDocument: nothing to install);
the document's text comes from kiosk.handout.markup.

The document is laid out once at the printer's resolution and drawn page by page, so every page
gets a footer with the clinic's name and "Page N of M". No paragraph, list item or table row is split
between two pages (a risk cut in half reads as two risks, or as none). QPdfWriter embeds the fonts it uses
(a subset of Noto Sans, shipped with the kiosk), so the handout prints the same anywhere.
QR codes are drawn from the same matrix as on screen: nothing is fetched. Pictures are decoded
the kiosk's way (kiosk/runtime/pictures.py: the format their bytes announce, an allocation limit,
scaled to the size printed) and handed to the document; the document never reads a file itself. A
picture that no longer decodes (replaced by a half-copied file since the content was read) is left
out with a note, and every card still prints.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextBlockFormat, QTextCursor, QTextDocument,
    QTextFrame, QTextTable,
)

from kiosk.core.fonts import font_families
from kiosk.core.languages import is_right_to_left
from kiosk.core.store import ContentState
from kiosk.runtime.font_registry import content_families
from kiosk.handout.core import Handout, build_handout, handout_file_name
from kiosk.handout.markup import BODY_PT, IMG_SRC, document_css, handout_html
from kiosk.core.qr import qr_matrix
from kiosk.runtime.pictures import PicturesOnlyDocument, add_pictures

DPI = 300
MARGINS_MM = QMarginsF(18, 16, 18, 14)
PAGE_SIZES = {"letter": "Letter", "a4": "A4"}  # QPageSize.PageSizeId names: its ~120 members are made only when a PDF is
MAX_TABLE_SPLITS = 40  # each split moves one table row to the next page; far beyond a real handout
PICTURE_BOX = QSize(1800, 2400)  # the most a picture is printed at: 6 x 8 inches at 300 dpi


def default_paper() -> str:
    """US Letter where the system's measurements are US customary, A4 elsewhere."""
    return "letter" if QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def _qr_image(url: str, module_px: int = 12) -> QImage:
    matrix = qr_matrix(url)
    side = matrix.size * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix.rows):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * module_px, y * module_px, module_px, module_px, QColor("black"))
    painter.end()
    return image


def _pictures(document: QTextDocument, handout: Handout, notes: list[str]) -> set[str]:
    """Every picture the handout prints, decoded into `document`; the file URLs that worked. One
    that does not decode is left out, with a note for staff."""
    urls = {QUrl.fromLocalFile(str(card.image)).toString() for card in handout.cards if card.image is not None}
    urls |= {url for card in handout.cards for url in IMG_SRC.findall(card.html)}
    shown = add_pictures(document, sorted(urls), PICTURE_BOX)
    notes.extend(f"picture {QUrl(url).toLocalFile()} left out of the handout: it cannot be read as the picture it was (copy it again)"
                 for url in sorted(urls - shown))
    return shown


def _lay_out(document: QTextDocument, markup: str, page: QSizeF) -> None:
    """Lay `markup` out on pages of `page` with nothing cut in two by a page's end: blocks are
    moved on by page breaks (_keep_blocks_whole); a cut table row is moved on by splitting its
    table there, the header row repeated above the rest (Qt splits rows and has no "keep together")."""
    for _ in range(MAX_TABLE_SPLITS):
        document.setHtml(markup)
        document.setPageSize(page)
        _keep_blocks_whole(document)
        cut = _cut_row(document)
        if cut is None:
            return
        split = _split_table(markup, *cut)
        if split == markup:
            return
        markup = split


def _keep_blocks_whole(document: QTextDocument) -> None:
    """A page break before any paragraph or list item the page's end would cut, and before a
    heading that would be left alone at the bottom of a page; in order, as each moves what follows."""
    layout = document.documentLayout()
    height = document.pageSize().height()
    root = document.rootFrame()
    block = document.begin()
    while block.isValid():
        document.pageCount()  # Qt lays a document out lazily: without this, blocks past the first pages have no place yet
        rect = layout.blockBoundingRect(block)
        first, last = int(rect.top() // height), int((rect.bottom() - 1) // height)
        cut = first != last and rect.height() < height
        following = block.next()
        alone = (block.blockFormat().headingLevel() > 0 and following.isValid()
                 and int(layout.blockBoundingRect(following).bottom() // height) > first)
        if (cut or alone) and QTextCursor(block).currentFrame() == root and rect.top() % height > 0:
            fmt = QTextBlockFormat()
            fmt.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).mergeBlockFormat(fmt)
        block = following


def _tables(frame: QTextFrame) -> list[QTextTable]:
    """The tables under `frame` in the order their <table> tags open in the HTML."""
    found: list[QTextTable] = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            found.append(child)
        found += _tables(child)
    return found


def _cut_row(document: QTextDocument) -> tuple[int, int] | None:
    """(table number, row) of the first table row a page's end cuts (a row taller than a page aside)."""
    layout = document.documentLayout()
    height = document.pageSize().height()
    document.pageCount()  # laid out to the end (Qt does it lazily)
    for number, table in enumerate(_tables(document.rootFrame())):
        for row in range(1, table.rows()):
            cells = [table.cellAt(row, column) for column in range(table.columns())]
            top = min(layout.blockBoundingRect(cell.firstCursorPosition().block()).top() for cell in cells)
            bottom = max(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom() for cell in cells)
            if int(top // height) != int((bottom - 1) // height) and bottom - top < height:
                return number, row
    return None


_TABLE = re.compile(r"<table[^>]*>")
_ROW = re.compile(r"<tr>.*?</tr>", re.S)


def _split_table(markup: str, number: int, row: int) -> str:
    """`markup` with its table `number` split before `row`, the rest on a new page under the header row."""
    opening = list(_TABLE.finditer(markup))[number] if number < len(_TABLE.findall(markup)) else None
    if opening is None:
        return markup
    end = markup.find("</table>", opening.end())
    inner = markup[opening.end():end]
    if "<table" in inner:
        return markup  # a table inside a table: left as Qt lays it out
    rows = _ROW.findall(inner)
    if not 0 < row < len(rows):
        return markup
    header = [rows[0]] if "<thead>" in inner else []
    tag = opening.group(0)
    rest = tag[:-1] + ' style="page-break-before: always;">'
    return (markup[:opening.start()] + tag + "".join(rows[:row]) + "</table>"
            + rest + "".join(header + rows[row:]) + "</table>" + markup[end + len("</table>"):])


def write_pdf(handout: Handout, out: Path, *, paper: str = "letter", notes: list[str] | None = None) -> int:
    """Write the handout to `out`; returns the number of pages. OSError when the file cannot be
    written; `notes` gets a line for each picture left out."""
    try:
        out.open("ab").close()  # QPdfWriter only says "returned false"; this says why (no folder, read-only)
    except OSError as exc:
        raise OSError(f"cannot write {out}: {exc.strerror}") from exc
    writer = QPdfWriter(str(out))
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(getattr(QPageSize.PageSizeId, PAGE_SIZES[paper])))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{handout.clinic.name or handout.heading}: {handout.heading}")
    writer.setCreator("kiosk handout")
    document = PicturesOnlyDocument()
    document.documentLayout().setPaintDevice(writer)
    # The kiosk's fonts in the order the language wants them (kiosk.core.fonts), the clinic's own last.
    families = font_families(handout.language, content_families())
    font = QFont()
    font.setFamilies(list(families))
    font.setPointSize(BODY_PT)
    # No ligatures: with them "fi" and "ff" become one glyph and copied or searched text (and a
    # screen reader reading the PDF) gets "ﬁ" instead of the two letters.
    font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(document_css(families))
    urls = [u for u in (handout.clinic.website, *(card.qr for card in handout.cards)) if u]
    qr_names = {url: f"kiosk-qr:{n}" for n, url in enumerate(dict.fromkeys(urls))}
    for url, name in qr_names.items():
        document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), _qr_image(url))
    shown = _pictures(document, handout, notes if notes is not None else [])
    area = writer.pageLayout().paintRectPixels(DPI)
    footer_h = DPI * 0.35  # about 9 mm for the footer line
    page = QSizeF(area.width(), area.height() - footer_h)
    _lay_out(document, handout_html(handout, qr_names, shown), page)
    pages = document.pageCount()
    if pages < 1:
        raise OSError(f"the handout came out with {pages} pages; nothing was written to {out}")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {out}")
    footer_font = QFont(font)
    footer_font.setPointSizeF(9)
    clinic = handout.clinic.name or handout.heading
    rtl = is_right_to_left(handout.language)  # the footer mirrored too: the clinic's name at the right
    start, end = (Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignLeft) if rtl else (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight)
    for number in range(pages):
        if number:
            writer.newPage()
        painter.save()
        painter.translate(0, -number * page.height())
        document.drawContents(painter, QRectF(0, number * page.height(), page.width(), page.height()))
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#454545"))
        line = QRectF(0, page.height() + footer_h * 0.3, page.width(), footer_h * 0.7)
        painter.drawText(line, start | Qt.AlignmentFlag.AlignVCenter, clinic)
        painter.drawText(line, end | Qt.AlignmentFlag.AlignVCenter,
                         handout.strings["handout_page"].format(page=number + 1, pages=pages))
    painter.end()
    return pages


def save_handout(state: ContentState, language: str, today: date, folder: Path) -> Path:
    """The handout of `language` as a PDF in `folder` (the staff panel's button; every topic of a
    library); the path written."""
    out = folder / handout_file_name(language, today)
    write_pdf(build_handout(state, language, today), out, paper=default_paper())
    return out
