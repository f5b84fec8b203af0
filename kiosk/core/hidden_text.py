"""Characters that make the screen say something other than the file: hidden direction controls and
floods of accent marks.

A right-to-left override (U+202E) turns "Safe: double dose" into something that reads otherwise on
screen while the file, seen in most editors, looks right; the embedding and isolate controls and
the invisible direction marks do the same in smaller ways, and are only needed inside right-to-left
text (Arabic, Hebrew). A letter carrying dozens of combining marks ("Zalgo" text) draws over the
lines above and below it. Neither is ever needed on a card, so `kiosk check` warns at the line.
"""

from __future__ import annotations

import re
import unicodedata

# Overrides reorder any text; embeddings, isolates and the direction marks matter only beside left-to-right text.
_OVERRIDES = "\u202d\u202e"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
MAX_MARKS = 4  # Vietnamese stacks two on a letter; more than four on one letter is a flood
_MARKS = re.compile(f"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{{{MAX_MARKS + 1},}}")


def _has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def hidden_text_problems(text: str) -> list[str]:
    """The warnings (without a line) for one line of text: direction controls outside right-to-left
    text (an override anywhere), and letters carrying more than MAX_MARKS accent marks."""
    found: list[str] = []
    controls = sorted(set(_BIDI.findall(text)))
    if controls and not _has_right_to_left(text):
        shown = controls
    else:
        shown = [char for char in controls if char in _OVERRIDES]
    if shown:
        names = ", ".join(f"U+{ord(char):04X} ({unicodedata.name(char).lower()})" for char in shown)
        found.append(f"hidden direction control{'s' if len(shown) > 1 else ''} {names}: it makes the text show in another order "
                     "than the file reads (words can swap places); delete it (most editors do not show it: retype the line)")
    flood = max((len(match) for match in _MARKS.findall(text)), default=0)
    if flood:
        found.append(f"a letter here carries {flood} accent marks stacked on it (combining characters), which draw over the lines "
                     "around it; remove the extra marks")
    return found
