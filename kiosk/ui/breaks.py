"""Places where a long unbroken run of text (a web address, a folder path) may wrap.

A word-wrapped label wraps only between words, so a web address longer than a narrow screen runs
off its edge. An invisible zero-width space after each slash, dot or dash gives Qt somewhere to
break it, and it breaks there only when the line is full.
"""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"
_AFTER = re.compile(r"(?<=[/.\-_?&=\\])(?=[^/\s])")


def breakable(text: str) -> str:
    """`text` as shown, with break opportunities; accessible names keep the original text."""
    return _AFTER.sub(ZERO_WIDTH_SPACE, text)
