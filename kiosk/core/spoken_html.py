"""Reads a card's rendered HTML as a listener should hear it: blocks in reading order, no markup.

The card's safe HTML is the one form every renderer produces (Python-Markdown today, markdown-it-py
next), so reading it keeps speech independent of the Markdown library. Each block is one thing the
screen shows as a unit (a paragraph, a heading, a list item, a table row), which is also what the
kiosk highlights while it is read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Block-level elements: text inside them is a block of its own.
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "div", "dd", "dt"}
# Struck-through text means "no longer true" on a card; read aloud it would say the opposite.
_SILENT = {"s", "del", "strike", "script", "style", "template"}
# Characters that are markup or decoration, never words: a stray `**` or `#` must not be read out.
_MARKUP_CHARS = re.compile(r"[*_#`|~^\\<>]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class HtmlBlock:
    """`kind` is heading, paragraph, item, row, code or picture; `text` is what a listener hears."""

    kind: str
    text: str
    shown: str = ""  # the words as the screen shows them, to find the block for highlighting


def clean_text(text: str) -> str:
    """Words only: markup characters, emoji and other symbols removed, spaces collapsed."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("So", "Cs", "Co", "Cn") or (category == "Cf" and char not in "\u00ad"):
            kept.append(" ")
        elif char == "\u00ad":  # soft hyphen: invisible, and never a pause
            continue
        else:
            kept.append(char)
    return _SPACES.sub(" ", _MARKUP_CHARS.sub(" ", "".join(kept))).strip()


def shown_text(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass
class _Table:
    rows: list[list[tuple[bool, str]]] = field(default_factory=list)  # (is header, text) per cell
    header_rows: int = 0
    in_head: bool = False


class _Reader(HTMLParser):
    def __init__(self, picture_label: str) -> None:
        super().__init__(convert_charrefs=True)
        self.picture_label = picture_label
        self.blocks: list[HtmlBlock] = []
        self.buffer: list[str] = []
        self.kind = "paragraph"
        self.prefix = ""  # an ordered item's number: heard, but drawn by the list, not in its text
        self.silent = 0
        self.lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
        self.table: _Table | None = None
        self.cell: list[str] | None = None
        self.cell_header = False

    # --- blocks ----------------------------------------------------------------------------------

    def flush(self) -> None:
        """End the block being collected; the next block's kind comes from its own start tag."""
        raw = "".join(self.buffer)
        self.buffer = []
        text = clean_text(raw)
        if text:
            self.blocks.append(HtmlBlock(self.kind, self.prefix + text, shown_text(raw)))
            self.kind, self.prefix = "paragraph", ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SILENT:
            self.silent += 1
            return
        if self.silent:
            return
        if self.table is not None and tag in ("th", "td"):
            self.cell, self.cell_header = [], tag == "th" or self.table.in_head
            return
        if self.table is not None and tag == "thead":
            self.table.in_head = True
            return
        if self.table is not None and tag == "tr":
            self.table.rows.append([])
            return
        if tag == "table":
            self.flush()
            self.table = _Table()
            return
        if tag in ("ul", "ol"):
            self.flush()
            start = next((value for name, value in attrs if name == "start"), None)
            number = int(start) if tag == "ol" and start and start.isdigit() else 1
            self.lists.append([number if tag == "ol" else None])
            return
        if tag == "br":
            self._text(" ")
            return
        if tag == "img":
            alt = clean_text(next((value or "" for name, value in attrs if name == "alt"), ""))
            if alt:
                self.flush()
                self.blocks.append(HtmlBlock("picture", self.picture_label.format(alt=alt)))
            return
        if tag in _BLOCKS or tag == "hr":
            self.flush()
            if tag.startswith("h") and tag[1:].isdigit():
                self.kind = "heading"
            elif tag == "li":
                self.kind, self.prefix = "item", self._item_number()
            elif tag == "pre":
                self.kind = "code"
            elif tag == "p" and self.lists:
                self.kind = "item"  # a loose list item's paragraph is still that item
            else:
                self.kind = "paragraph"

    def _item_number(self) -> str:
        if self.lists and self.lists[-1][0] is not None:
            number = self.lists[-1][0]
            self.lists[-1][0] = number + 1
            return f"{number}. "
        return ""

    def handle_endtag(self, tag: str) -> None:
        if tag in _SILENT:
            self.silent = max(0, self.silent - 1)
            return
        if self.silent:
            return
        if self.table is not None:
            if tag in ("th", "td") and self.cell is not None:
                if not self.table.rows:
                    self.table.rows.append([])
                self.table.rows[-1].append((self.cell_header, "".join(self.cell)))
                self.cell = None
            elif tag == "thead":
                self.table.in_head = False
            elif tag == "table":
                self._read_table(self.table)
                self.table = None
            return
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
            return
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.silent:
            self._text(data)

    def _text(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif self.table is None:
            self.buffer.append(data)

    def _read_table(self, table: _Table) -> None:
        """Row by row, each cell with its column's header: 'Side effect: nausea. How often: common.'"""
        rows = [row for row in table.rows if row]
        headers: list[str] = []
        if rows and all(is_header for is_header, _text in rows[0]):
            headers = [clean_text(text) for _h, text in rows[0]]
            rows = rows[1:]
        for row in rows:
            parts = []
            for column, (_is_header, text) in enumerate(row):
                value = clean_text(text)
                if not value:
                    continue
                header = headers[column] if column < len(headers) else ""
                parts.append(f"{header}: {value}" if header else value)
            if parts:
                self.blocks.append(HtmlBlock("row", "; ".join(parts) + ".", shown_text(row[0][1])))

    def close(self) -> None:
        super().close()
        if self.table is not None:
            self._read_table(self.table)
            self.table = None
        self.flush()


def html_blocks(html: str, picture_label: str = "Picture: {alt}") -> list[HtmlBlock]:
    """The blocks of a card body in reading order."""
    reader = _Reader(picture_label)
    reader.feed(html)
    reader.close()
    return reader.blocks
