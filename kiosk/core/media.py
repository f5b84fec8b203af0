"""Words for the screen only or for paper only: `[screen]` or `[paper]` at the start of a block.

The kiosk and the printed handout show the same cards, but a few lines depend on where they are
read: "Take a photo of this screen" means nothing on paper, "Tick the questions you want to ask"
nothing on a screen. A paragraph, list item, heading, quote or table row whose text starts with
`[screen]` is shown (and read aloud) only on the kiosk; one that starts with `[paper]` is printed
only in the handout. Everything else is on both. To every other Markdown program (GitHub, Obsidian,
an editor's preview) the tag is plain text, so a card still reads sensibly anywhere:

    [screen] Take a photo of this screen, or write down your questions.
    [paper] Tick the questions you want to ask, and bring this page to your next visit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it-py loads only when a card is parsed (a cached start-up never needs it)
    from markdown_it.token import Token

SCREEN, PAPER = "screen", "paper"
MEDIA = (SCREEN, PAPER)
_MARKER = re.compile(r"\[(screen|paper)\][ \t]*", re.IGNORECASE)


def has_markers(body: str) -> bool:
    """Whether `body` may word anything for one medium only (a quick test before parsing)."""
    return _MARKER.search(body) is not None


def for_medium(tokens: list[Token], medium: str) -> list[Token]:
    """The token stream as `medium` shows it: the other medium's blocks left out, this medium's tags
    removed from the text. `tokens` come fresh from the parser; the kept ones are changed in place."""
    dropped: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        found = _marker(token)
        if found is None:
            continue
        span = _block_span(tokens, index)
        if span is None:
            continue  # a tag in the middle of a row or item is plain text
        if found.group(1).lower() == medium:
            _strip(token, found)
        else:
            dropped.append(span)
    if not dropped:
        return tokens
    return [token for index, token in enumerate(tokens) if not any(first <= index <= last for first, last in dropped)]


MISPLACED = ("[screen] and [paper] work only at the start of a paragraph, list item, heading, quote or a table"
             " row's first cell; here it is shown as it is")


def misplaced_lines(tokens: list[Token]) -> list[int]:
    """0-based body lines of tags that cannot apply (in a later table cell), for a warning."""
    return [token.map[0] if token.map else 0 for index, token in enumerate(tokens)
            if _marker(token) is not None and _block_span(tokens, index) is None]


def _marker(token: Token) -> re.Match[str] | None:
    if token.type != "inline" or not token.children or token.children[0].type != "text":
        return None
    return _MARKER.match(token.children[0].content)


def _strip(inline: Token, found: re.Match[str]) -> None:
    first = inline.children[0] if inline.children else None
    if first is not None:
        first.content = first.content[found.end():]
    inline.content = _MARKER.sub("", inline.content, count=1)


def _block_span(tokens: list[Token], inline: int) -> tuple[int, int] | None:
    """First and last token index of the block an inline token's tag applies to: its paragraph or
    heading; the whole list item, quote or table row when the tag opens it; None elsewhere."""
    opener = tokens[inline - 1] if inline > 0 else None
    if opener is None:
        return None
    if opener.type in ("th_open", "td_open"):
        row = inline - 2
        return (row, _closing(tokens, row)) if row >= 0 and tokens[row].type == "tr_open" else None
    if opener.type == "heading_open":
        return inline - 1, inline + 1
    if opener.type != "paragraph_open":
        return None
    outer = inline - 2
    if outer >= 0 and tokens[outer].type in ("list_item_open", "blockquote_open"):
        return outer, _closing(tokens, outer)
    return inline - 1, inline + 1


def _closing(tokens: list[Token], opening: int) -> int:
    """Index of the token that closes `tokens[opening]` (same nesting level)."""
    kind = tokens[opening].type.removesuffix("_open") + "_close"
    level = tokens[opening].level
    return next((i for i in range(opening + 1, len(tokens)) if tokens[i].type == kind and tokens[i].level == level), len(tokens) - 1)
