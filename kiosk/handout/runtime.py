"""Draws a `Handout` to PDF with Qt's own writer (QPdfWriter + QTextDocument: nothing to install).

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

import html
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextBlockFormat, QTextCursor, QTextDocument,
    QTextFrame, QTextTable,
)

from kiosk.core.store import ContentState
from kiosk.handout.core import Handout, build_handout, handout_file_name
from kiosk.core.qr import qr_matrix
from kiosk.runtime.pictures import PicturesOnlyDocument, add_pictures

DPI = 300
MARGINS_MM = QMarginsF(18, 16, 18, 14)
PAGE_SIZES = {"letter": "Letter", "a4": "A4"}  # QPageSize.PageSizeId names: its ~120 members are made only when a PDF is
BODY_PT = 12
NOTE_LINES = 8
MAX_TABLE_SPLITS = 40  # each split moves one table row to the next page; far beyond a real handout
PICTURE_BOX = QSize(1800, 2400)  # the most a picture is printed at: 6 x 8 inches at 300 dpi
_IMG_SRC = re.compile(r'<img\b[^>]*\bsrc="(file:[^"]*)"[^>]*>')
CSS = f"""
body {{ font-family: 'Noto Sans'; font-size: {BODY_PT}pt; color: #1b1b1b; }}
h1 {{ font-size: 20pt; font-weight: bold; margin-top: 18pt; margin-bottom: 8pt; color: #0b5c6b; }}
h2 {{ font-size: 15pt; font-weight: bold; margin-top: 10pt; margin-bottom: 4pt; }}
h3, h4, h5, h6 {{ font-size: 13pt; font-weight: bold; }}
p {{ margin-top: 0pt; margin-bottom: 7pt; line-height: 125%; }}
li {{ margin-bottom: 3pt; }}
th {{ background-color: #e8eef0; font-weight: bold; }}
td.callout {{ background-color: #eef4f5; }}
td.crisis {{ background-color: #fff1c2; border: 1pt solid #0b5c6b; font-size: 13pt; }}
.clinic {{ font-size: 26pt; font-weight: bold; color: #0b5c6b; }}
.lead {{ font-size: 16pt; }}
.label {{ color: #454545; }}
.fact {{ font-size: 14pt; font-weight: bold; }}
.small {{ font-size: 10pt; color: #454545; }}
.footer {{ font-size: 9pt; color: #454545; }}
.question {{ font-size: 13pt; margin-bottom: 16pt; }}
.note-line {{ font-size: 16pt; margin-bottom: 0pt; }}
"""


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


def _table(markup: str) -> str:
    """Qt draws a table's grid only from the old attributes; card HTML is clean (nh3), so this is exact."""
    return (
        markup.replace("<table>", '<table width="100%" border="1" cellspacing="0" cellpadding="6" style="border-color: #8a8a8a;">')
        .replace("<blockquote>", '<table width="100%" cellspacing="0" cellpadding="10"><tr><td class="callout">')
        .replace("</blockquote>", "</td></tr></table>")
    )


def _pictures(document: QTextDocument, handout: Handout, notes: list[str]) -> set[str]:
    """Every picture the handout prints, decoded into `document`; the file URLs that worked. One
    that does not decode is left out, with a note for staff."""
    urls = {QUrl.fromLocalFile(str(card.image)).toString() for card in handout.cards if card.image is not None}
    urls |= {url for card in handout.cards for url in _IMG_SRC.findall(card.html)}
    shown = add_pictures(document, sorted(urls), PICTURE_BOX)
    notes.extend(f"picture {QUrl(url).toLocalFile()} left out of the handout: it cannot be read as the picture it was (copy it again)"
                 for url in sorted(urls - shown))
    return shown


def handout_html(handout: Handout, qr_names: dict[str, str], pictures: set[str] | None = None) -> str:
    """The whole handout as one HTML document; QR codes are `qr_names[url]` resources. With
    `pictures`, only those picture URLs are printed (the others could not be decoded)."""
    s, clinic, e = handout.strings, handout.clinic, html.escape
    parts = [f'<p class="clinic">{e(clinic.name or handout.heading)}</p>']
    if clinic.name and handout.heading:
        parts.append(f'<p class="lead">{e(handout.heading)}</p>')
    if handout.subtitle:
        parts.append(f'<p class="lead">{e(handout.subtitle)}</p>')
    facts = [(s["contact_address"], clinic.address), (s["contact_phone"], clinic.phone), (s["contact_website"], clinic.website)]
    rows = "".join(
        f'<tr><td class="label" width="28%">{e(label)}</td><td class="fact">{e(value)}</td></tr>' for label, value in facts if value
    )
    if rows:
        parts.append(f'<table width="100%" cellpadding="6" style="margin-top: 18pt;">{rows}</table>')
    if clinic.crisis:  # where to get help now, on the page a patient keeps on top
        parts.append(
            f'<table width="100%" cellspacing="0" cellpadding="10" style="margin-top: 18pt;"><tr><td class="crisis">'
            f'<b>{e(s["crisis_title"])}</b> {e(clinic.crisis)}</td></tr></table>'
        )
    if clinic.website:
        parts.append(
            f'<table cellpadding="4" style="margin-top: 18pt;"><tr><td><img src="{qr_names[clinic.website]}" width="170" height="170"></td>'
            f'<td valign="middle"><p>{e(s["handout_scan_site"])}</p><p class="small">{e(clinic.website)}</p></td></tr></table>'
        )
    parts.append(f'<p class="small" style="margin-top: 24pt;">{e(s["care_team"])}</p>')
    inside = list(dict.fromkeys([card.title for card in handout.cards] + ([handout.checklist_title] if handout.questions else [])))
    if inside:
        parts.append(f'<h2 style="margin-top: 24pt;">{e(s["handout_inside"])}</h2>')
        parts.append("<ul>" + "".join(f"<li>{e(title)}</li>" for title in inside) + "</ul>")
    for index, card in enumerate(handout.cards):
        style = ' style="page-break-before: always;"' if index == 0 else ""
        parts.append(f"<h1{style}>{e(card.title)}</h1>")
        image = QUrl.fromLocalFile(str(card.image)).toString() if card.image is not None else None
        if image is not None and (pictures is None or image in pictures):
            parts.append(f'<p><img src="{image}" width="300"></p>')
        body = card.html if pictures is None else _IMG_SRC.sub(lambda m: m.group(0) if m.group(1) in pictures else "", card.html)
        parts.append(_table(body))
        if card.qr:
            parts.append(
                f'<table cellpadding="3"><tr><td><img src="{qr_names[card.qr]}" width="90" height="90"></td>'
                f'<td valign="middle"><p class="small">{e(card.qr_caption)}<br>{e(card.qr)}</p></td></tr></table>'
            )
        if card.footer:
            parts.append(f'<p class="footer">{e(card.footer)}</p>')
        parts.append("<hr>")
    if handout.questions:  # each question once, as the checklist, whichever card asked it
        parts.append(f'<h1 style="page-break-before: always;">{e(handout.checklist_title)}</h1>')
        parts.append(_table(handout.checklist_intro))
        parts.append("".join(f'<p class="question">&#9744;&nbsp;&nbsp;{e(q)}</p>' for q in handout.questions))
        # Room to write the answers down, on the same page while it lasts.
        parts.append(f'<h2 style="margin-top: 18pt;">{e(s["handout_notes"])}</h2>')
        parts.append('<p class="note-line">&nbsp;</p><hr>' * NOTE_LINES)
    return f"<html><body>{''.join(parts)}</body></html>"


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
    font = QFont("Noto Sans", BODY_PT)
    # No ligatures: with them "fi" and "ff" become one glyph and copied or searched text (and a
    # screen reader reading the PDF) gets "ﬁ" instead of the two letters.
    font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(CSS)
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
    footer_font = QFont("Noto Sans")
    footer_font.setPointSizeF(9)
    left = handout.clinic.name or handout.heading
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
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
        painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         handout.strings["handout_page"].format(page=number + 1, pages=pages))
    painter.end()
    return pages


def save_handout(state: ContentState, language: str, today: date, folder: Path) -> Path:
    """The handout of `language` as a PDF in `folder` (the staff panel's button); the path written."""
    out = folder / handout_file_name(language, today)
    write_pdf(build_handout(state, language, today), out, paper=default_paper())
    return out
