"""Tables for a right-to-left page: the first column on the right.

Qt's rich text (the card on screen, the handout's PDF) mirrors paragraphs for Arabic or Hebrew but
lays a table's columns out left to right whatever the direction, so an Arabic table would read
from its last column. The card HTML is made by kiosk.core.markdown and cleaned by nh3, so it is
plain, well nested markup: each row's cells are put in the opposite order here instead, nested
tables (a quote holding a table) included.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<(/?)(table|tr|td|th)\b[^>]*>", re.IGNORECASE)


def mirror_tables(html: str) -> str:
    """`html` with the cells of every table row in the opposite order."""
    if "<t" not in html.lower():
        return html
    out: list[str] = []
    rows: list[tuple[list[str], list[str]]] = []  # per open row: (cells so far, text outside cells)
    cell_depth: list[int] = []  # where each open cell's text starts in `out`
    position = 0
    for match in _TAG.finditer(html):
        out.append(html[position:match.start()])
        position = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name == "tr" and not closing:
            out.append(match.group(0))
            rows.append(([], []))
            cell_depth.append(len(out))
        elif name in ("td", "th") and not closing and rows:
            out.append(match.group(0))
        elif name in ("td", "th") and closing and rows:
            out.append(match.group(0))
            start = cell_depth[-1]
            rows[-1][0].append("".join(out[start:]))
            del out[start:]
        elif name == "tr" and closing and rows:
            start = cell_depth.pop()
            cells, _ = rows.pop()
            between = "".join(out[start:])  # whitespace between cells
            del out[start:]
            out.append("".join(reversed(cells)) + between + match.group(0))
        else:
            out.append(match.group(0))
    out.append(html[position:])
    return "".join(out)
