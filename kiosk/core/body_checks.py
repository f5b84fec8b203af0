"""Body text that renders, but not as staff meant it: they hear about it with the line to fix.

Markdown forgives everything, so a slip never breaks a card; it silently shows something else.
These checks walk markdown-it's tokens (kiosk.core.markdown) and name the source line of:
characters no bundled font can draw (an empty box on screen), a table without its `|---|` line
(patients would see the pipes), text indented four spaces (shown as computer code), and hidden
direction controls or floods of accent marks (core/hidden_text.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kiosk.core.coverage import undrawable, undrawable_message
from kiosk.core.sfnt import Ranges
from kiosk.core.hidden_text import hidden_text_problems

if TYPE_CHECKING:  # markdown-it-py loads only when a card is parsed (a cached start-up never needs it)
    from markdown_it.token import Token

NOT_A_TABLE = ("this looks like a table, but patients would see it as text with | signs: under the header row"
               " put a line such as |---|---| with one --- for each column")
INDENTED_CODE = ("this text starts with 4 or more spaces, so it shows as computer code in a typewriter font;"
                 " remove the spaces at the start of the line (sub-items of a list need only 2 or 3)")
_PIPE_ROW = re.compile(r"\s*\|.*\|\s*$")


def inline_lines(inline: Token, lines: list[str]) -> Iterator[tuple[Token, int, Token | None]]:
    """Each inline child (recursively into images' alt text) with its 0-based source line.

    markdown-it maps blocks, not inline children, to lines; a child's line is its block's first
    line plus the line breaks before it (raw HTML tags can span lines too).
    """
    start = inline.map[0] if inline.map else 0
    offset = 0
    for child in inline.children or []:
        yield child, min(start + offset, len(lines) - 1), None
        if child.type in ("softbreak", "hardbreak"):
            offset += 1
        elif child.type == "html_inline":
            offset += child.content.count("\n")
        for grandchild in child.children or []:
            yield grandchild, min(start + offset, len(lines) - 1), child


def line_with(lines: list[str], guess: int, block: Token | None, needle: str) -> int:
    """The 0-based line holding `needle`: the guess if it does, else the first in the block."""
    if not needle or needle in lines[guess]:
        return guess
    first, last = block.map if block is not None and block.map else (0, len(lines))
    return next((n for n in range(first, last) if needle in lines[n]), guess)


def staff_hints(tokens: list[Token], lines: list[str], fonts: Ranges = ()) -> list[tuple[int, str]]:
    """(1-based body line, warning) for every slip found, in line order."""
    hints: list[tuple[int, str]] = []
    for token in tokens:
        if token.map is None:
            continue
        first = token.map[0]
        if token.type == "paragraph_open" and _PIPE_ROW.match(lines[first]):
            hints.append((first + 1, NOT_A_TABLE))
        elif token.type == "code_block":
            hints.append((first + 1, INDENTED_CODE))
    hints.extend(_undrawable(tokens, lines, fonts))
    hints.extend((number, message) for number, line in enumerate(lines, start=1) for message in hidden_text_problems(line))
    return sorted(hints)


def _undrawable(tokens: list[Token], lines: list[str], fonts: Ranges) -> list[tuple[int, str]]:
    """A warning for each line whose shown text has characters no font of the kiosk can draw."""
    source = "\n".join(lines)
    if "&" not in source and not undrawable(source, fonts):  # nothing to find (an entity could hide one)
        return []
    found: dict[int, list[str]] = {}

    def check(text: str, line: int) -> None:
        for char in undrawable(text, fonts):
            chars = found.setdefault(line, [])
            if char not in chars:
                chars.append(char)

    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            first = token.map[0] + (1 if token.type == "fence" else 0)
            for number, text in enumerate(token.content.split("\n")):
                check(text, min(first + number, len(lines) - 1))
        elif token.type == "inline":
            for child, line, _ in inline_lines(token, lines):
                if child.type in ("text", "code_inline"):
                    check(child.content, line)
    return [(line + 1, undrawable_message(chars)) for line, chars in sorted(found.items())]
