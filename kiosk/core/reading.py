"""A card's body as plain-text blocks in reading order, for the kiosk's read-aloud and the handout.

Built from the same markdown-it tokens the card is rendered from, so what is spoken is what is
shown: headings, paragraphs, list items (with their number and depth), quotes (the callout
boxes), table rows paired with their header cells, and code. Links are their text; raw HTML,
struck-through words and pictures that are not shown are left out; a shown picture is read as its
description (alt text).
Qt-free: `kiosk.core.markdown.render_markdown` returns these as `RenderResult.blocks`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it-py loads only when a card is parsed (a cached start-up never needs it)
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
    walk = _Walk()
    for token in tokens:
        step = _STEPS.get(token.type)
        if step is not None:
            step(walk, token)
    return walk.blocks


class _Walk:
    """Where a walk through the tokens is: the open lists and quotes, a heading, a table row."""

    def __init__(self) -> None:
        self.blocks: list[ReadingBlock] = []
        self.lists: list[list[int | None]] = []  # per open list: [next number] (None for bullets)
        self.item_numbers: list[int | None] = []  # per open list item: its number, until its first block
        self.quotes = 0
        self.heading = False
        self.header_cells: list[str] = []
        self.row: list[str] | None = None
        self.row_line = 0
        self.in_head = False

    def open_list(self, token: Token) -> None:
        self.lists.append([int(token.attrs.get("start", 1))] if token.type == "ordered_list_open" else [None])

    def close_list(self, _token: Token) -> None:
        self.lists.pop()

    def open_item(self, _token: Token) -> None:
        counter = self.lists[-1]
        self.item_numbers.append(counter[0])
        if counter[0] is not None:
            counter[0] += 1

    def close_item(self, _token: Token) -> None:
        self.item_numbers.pop()

    def quote(self, token: Token) -> None:
        self.quotes += 1 if token.type == "blockquote_open" else -1

    def heading_mark(self, token: Token) -> None:
        self.heading = token.type == "heading_open"

    def table_head(self, token: Token) -> None:
        self.in_head = token.type == "thead_open"
        if self.in_head:
            self.header_cells = []

    def open_row(self, token: Token) -> None:
        self.row, self.row_line = [], (token.map[0] + 1 if token.map else 0)

    def close_row(self, _token: Token) -> None:
        if self.row is None:
            return
        self.blocks.append(_row(self.row, self.header_cells, self.in_head, self.row_line, self.quotes))
        if self.in_head:
            self.header_cells = self.row
        self.row = None

    def inline(self, token: Token) -> None:
        if self.row is not None:
            self.row.append(inline_text(token))
        elif text := inline_text(token):
            self.blocks.append(_text_block(text, token, self.heading, self.lists, self.item_numbers, self.quotes))

    def code(self, token: Token) -> None:
        if token.content.strip():
            line = token.map[0] + 1 if token.map else 0
            self.blocks.append(ReadingBlock(CODE, token.content.rstrip("\n"), line, len(self.lists), None, self.quotes > 0))


# What each token type does to the walk; the others (paragraph_open, hr, html_block, ...) say nothing.
_STEPS: dict[str, Callable[[_Walk, Token], None]] = {
    "bullet_list_open": _Walk.open_list, "ordered_list_open": _Walk.open_list,
    "bullet_list_close": _Walk.close_list, "ordered_list_close": _Walk.close_list,
    "list_item_open": _Walk.open_item, "list_item_close": _Walk.close_item,
    "blockquote_open": _Walk.quote, "blockquote_close": _Walk.quote,
    "heading_open": _Walk.heading_mark, "heading_close": _Walk.heading_mark,
    "thead_open": _Walk.table_head, "thead_close": _Walk.table_head,
    "tr_open": _Walk.open_row, "tr_close": _Walk.close_row,
    "inline": _Walk.inline, "fence": _Walk.code, "code_block": _Walk.code,
}


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
