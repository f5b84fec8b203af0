"""The handout as one document of Qt rich text: what it says, in what order, styled how.

Built from the `Handout` (kiosk.handout.core) and drawn to PDF by kiosk.handout.runtime. In a
right-to-left language (Arabic, Hebrew...) the page is mirrored like the screen: the body reads right
to left, table columns run from the right (kiosk.core.mirror: Qt's rich text does not mirror them),
and the clinic's facts, web addresses and interface text keep their own order inside a line.
"""

from __future__ import annotations

import html
import re
from string import Template

from PySide6.QtCore import QUrl

from kiosk.core.languages import is_right_to_left
from kiosk.core.mirror import mirror_tables
from kiosk.handout.core import Handout

BODY_PT = 12
NOTE_LINES = 8
IMG_SRC = re.compile(r'<img\b[^>]*\bsrc="(file:[^"]*)"[^>]*>')
CSS = f"""
body {{ font-family: $families; font-size: {BODY_PT}pt; color: #1b1b1b; }}
h1 {{ font-size: 20pt; font-weight: bold; margin-top: 18pt; margin-bottom: 8pt; color: #0b5c6b; }}
h2 {{ font-size: 15pt; font-weight: bold; margin-top: 10pt; margin-bottom: 4pt; }}
h3, h4, h5, h6 {{ font-size: 13pt; font-weight: bold; }}
p {{ margin-top: 0pt; margin-bottom: 7pt; line-height: 125%; }}
li {{ margin-bottom: 3pt; }}
th {{ background-color: #e8eef0; font-weight: bold; }}
td.callout {{ background-color: #eef4f5; }}
td.crisis {{ background-color: #fff1c2; border: 1pt solid #0b5c6b; font-size: 13pt; }}
.clinic {{ font-size: 26pt; font-weight: bold; color: #0b5c6b; }}
.topic {{ font-size: 24pt; font-weight: bold; color: #0b5c6b; margin-bottom: 4pt; }}
.lead {{ font-size: 16pt; }}
.label {{ color: #454545; }}
.fact {{ font-size: 14pt; font-weight: bold; }}
.small {{ font-size: 10pt; color: #454545; }}
.footer {{ font-size: 9pt; color: #454545; }}
.question {{ font-size: 13pt; margin-bottom: 16pt; }}
.note-line {{ font-size: 16pt; margin-bottom: 0pt; }}
"""


def document_css(families: tuple[str, ...]) -> str:
    """The style sheet, with the kiosk's fonts in the order the handout's language wants them."""
    return Template(CSS).substitute(families=", ".join(f"'{family}'" for family in families))


def _table(markup: str) -> str:
    """Qt draws a table's grid only from the old attributes; card HTML is clean (nh3), so this is exact."""
    return (
        markup.replace("<table>", '<table width="100%" border="1" cellspacing="0" cellpadding="6" style="border-color: #8a8a8a;">')
        .replace("<blockquote>", '<table width="100%" cellspacing="0" cellpadding="10"><tr><td class="callout">')
        .replace("</blockquote>", "</td></tr></table>")
    )


def handout_html(handout: Handout, qr_names: dict[str, str], pictures: set[str] | None = None) -> str:
    """The whole handout as one HTML document; QR codes are `qr_names[url]` resources. With
    `pictures`, only those picture URLs are printed (the others could not be decoded).

    In a right-to-left language the page is mirrored: paragraphs right to left, table columns in
    the opposite order, and the clinic's facts, web addresses and interface text (English where a
    language has none) kept in their own order inside the line, as Unicode isolates (`d`)."""
    rtl = is_right_to_left(handout.language)
    s, clinic, e = handout.strings, handout.clinic, html.escape

    def d(text: str) -> str:
        return f"\u2068{e(text)}\u2069" if rtl else e(text)

    side = ' align="right"' if rtl else ""  # a table narrower than the page starts at the reading side
    parts = [f'<p class="clinic">{d(clinic.name) if clinic.name else e(handout.heading)}</p>']
    if clinic.name and handout.heading:
        parts.append(f'<p class="lead">{e(handout.heading)}</p>')
    if handout.subtitle:
        parts.append(f'<p class="lead">{e(handout.subtitle)}</p>')
    facts = [(s["contact_address"], clinic.address), (s["contact_phone"], clinic.phone), (s["contact_website"], clinic.website)]
    rows = "".join(
        f'<tr><td class="label" width="28%">{d(label)}</td><td class="fact">{d(value)}</td></tr>' for label, value in facts if value
    )
    if rows:
        parts.append(f'<table width="100%" cellpadding="6" style="margin-top: 18pt;">{rows}</table>')
    if clinic.crisis:  # where to get help now, on the page a patient keeps on top
        parts.append(
            f'<table width="100%" cellspacing="0" cellpadding="10" style="margin-top: 18pt;"><tr><td class="crisis">'
            f'<b>{d(s["crisis_title"])}</b> {d(clinic.crisis)}</td></tr></table>'
        )
    if clinic.website:
        parts.append(
            f'<table cellpadding="4" style="margin-top: 18pt;"{side}><tr><td><img src="{qr_names[clinic.website]}" width="170" height="170"></td>'
            f'<td valign="middle"><p>{d(s["handout_scan_site"])}</p><p class="small">{d(clinic.website)}</p></td></tr></table>'
        )
    parts.append(f'<p class="small" style="margin-top: 24pt;">{d(s["care_team"])}</p>')
    listed = list(handout.topics) or [card.title for card in handout.cards]  # a library lists its topics
    inside = list(dict.fromkeys(listed + ([handout.checklist_title] if handout.questions else [])))
    if inside:
        parts.append(f'<h2 style="margin-top: 24pt;">{d(s["handout_inside"])}</h2>')
        parts.append("<ul>" + "".join(f"<li>{e(title)}</li>" for title in inside) + "</ul>")
    topic, new_page = "", ' style="page-break-before: always;"'
    for index, card in enumerate(handout.cards):
        style = new_page if index == 0 else ""
        if card.topic != topic:  # each topic of a library starts a page under its title
            topic, style = card.topic, ""
            parts.append(f'<p class="topic"{new_page}>{e(topic)}</p>')
        parts.append(f"<h1{style}>{e(card.title)}</h1>")
        image = QUrl.fromLocalFile(str(card.image)).toString() if card.image is not None else None
        if image is not None and (pictures is None or image in pictures):
            parts.append(f'<p><img src="{image}" width="300"></p>')
        body = card.html if pictures is None else IMG_SRC.sub(lambda m: m.group(0) if m.group(1) in pictures else "", card.html)
        parts.append(_table(body))
        if card.qr:
            parts.append(
                f'<table cellpadding="3"{side}><tr><td><img src="{qr_names[card.qr]}" width="90" height="90"></td>'
                f'<td valign="middle"><p class="small">{d(card.qr_caption)}<br>{d(card.qr)}</p></td></tr></table>'
            )
        if card.footer:
            parts.append(f'<p class="footer">{d(card.footer)}</p>')
        parts.append("<hr>")
    if handout.questions:  # each question once, as the checklist, whichever card asked it
        parts.append(f'<h1 style="page-break-before: always;">{e(handout.checklist_title)}</h1>')
        parts.append(_table(handout.checklist_intro))
        parts.append("".join(f'<p class="question">&#9744;&nbsp;&nbsp;{e(q)}</p>' for q in handout.questions))
        # Room to write the answers down, on the same page while it lasts.
        parts.append(f'<h2 style="margin-top: 18pt;">{d(s["handout_notes"])}</h2>')
        parts.append('<p class="note-line">&nbsp;</p><hr>' * NOTE_LINES)
    body = "".join(parts)
    return f'<html><body dir="rtl">{mirror_tables(body)}</body></html>' if rtl else f"<html><body>{body}</body></html>"
