"""A card's body as plain-text blocks in reading order, for the kiosk's read-aloud and the handout.

Built from the same markdown-it tokens the card is rendered from, so what is spoken is what is
shown: headings, paragraphs, list items (with their number and depth), quotes (the callout
boxes), table rows paired with their header cells, and code. Links are their text; raw HTML,
struck-through words and pictures that are not shown are left out; a shown picture is read as its
description (alt text).
Qt-free: `kiosk.core.markdown.render_markdown` returns these as `RenderResult.blocks`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markdown_it.token import Token

HEADING, PARAGRAPH, LIST_ITEM, TABLE_HEADER, TABLE_ROW, CODE = (
    "heading", "paragraph", "list_item", "table_header", "table_row", "code",
)


@dataclass(frozen=True)
class ReadingBlock:
    """One thing the card says. `line` is the 1-based body line it starts on."""

    kind: str  # one of HEADING, PARAGRAPH, LIST_ITEM, TABLE_HEADER, TABLE_ROW, CODE
    text: str  # plain text; for a table row "Header: cell; Header: cell"
    line: int
    depth: int = 0  # list nesting: 1 for a top-level list item, 2 inside it, ...
    number: int | None = None  # the item's number in an ordered list
    in_quote: bool = False  # inside a `>` quote (shown as a callout box)
    cells: tuple[str, ...] = ()  # table rows: the cells' text; header rows: the headers
    headers: tuple[str, ...] = ()  # table rows: the header cell above each cell


def inline_text(token: Token) -> str:
    """The plain text of an inline token, as a patient sees it (whitespace collapsed)."""
    parts: list[str] = []
    struck = 0  # struck-through words mean "no longer true": read out, they would say the opposite
    for child in token.children or []:
        if child.type in ("s_open", "s_close"):
            struck += 1 if child.type == "s_open" else -1
        elif struck:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(inline_text(child))
    return " ".join("".join(parts).split())


def reading_blocks(tokens: Iterable[Token]) -> list[ReadingBlock]:
    """The blocks of a token stream (from `kiosk.core.markdown.parse`) in reading order."""
    blocks: list[ReadingBlock] = []
    lists: list[list[int | None]] = []  # per open list: [next number] (None for bullets)
    item_numbers: list[int | None] = []  # per open list item: its number, until its first block
    quotes = 0
    heading = False
    header_cells: list[str] = []
    row: list[str] | None = None
    row_line = 0
    in_head = False
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            lists.append([None])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrs.get("start", 1))])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            counter = lists[-1]
            item_numbers.append(counter[0])
            if counter[0] is not None:
                counter[0] += 1
        elif kind == "list_item_close":
            item_numbers.pop()
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "thead_open":
            in_head, header_cells = True, []
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row, row_line = [], (token.map[0] + 1 if token.map else 0)
        elif kind == "tr_close" and row is not None:
            blocks.append(_row(row, header_cells, in_head, row_line, quotes))
            if in_head:
                header_cells = row
            row = None
        elif kind == "inline" and row is not None:
            row.append(inline_text(token))
        elif kind == "inline":
            text = inline_text(token)
            if text:
                blocks.append(_text_block(text, token, heading, lists, item_numbers, quotes))
        elif kind in ("fence", "code_block") and token.content.strip():
            line = token.map[0] + 1 if token.map else 0
            blocks.append(ReadingBlock(CODE, token.content.rstrip("\n"), line, len(lists), None, quotes > 0))
    return blocks


def _text_block(text: str, token: Token, heading: bool, lists: list[list[int | None]],
                item_numbers: list[int | None], quotes: int) -> ReadingBlock:
    line = token.map[0] + 1 if token.map else 0
    if heading:
        return ReadingBlock(HEADING, text, line, len(lists), None, quotes > 0)
    if item_numbers:
        # The item's first block carries its number; later paragraphs of the same item do not.
        number = item_numbers[-1]
        item_numbers[-1] = None
        return ReadingBlock(LIST_ITEM, text, line, len(lists), number, quotes > 0)
    return ReadingBlock(PARAGRAPH, text, line, 0, None, quotes > 0)


def _row(cells: list[str], headers: list[str], is_header: bool, line: int, quotes: int) -> ReadingBlock:
    if is_header:
        return ReadingBlock(TABLE_HEADER, "; ".join(c for c in cells if c), line, 0, None, quotes > 0, tuple(cells), ())
    paired = tuple(headers[i] if i < len(headers) else "" for i in range(len(cells)))
    text = "; ".join(f"{h}: {c}" if h else c for h, c in zip(paired, cells) if c)
    return ReadingBlock(TABLE_ROW, text, line, 0, None, quotes > 0, tuple(cells), paired)
