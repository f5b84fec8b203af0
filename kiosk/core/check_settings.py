"""`[check]` in kiosk.toml: what `kiosk check` holds cards to (the running kiosk ignores it).

Apart from kiosk.core.config so the checks that read it (plain language, emphasis, fit) need not
load the rest of the configuration's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.core.settings import setting, text_list, whole

SCREEN_SIZE = re.compile(r"([1-9]\d{2,4})x([1-9]\d{2,4})")


@dataclass(frozen=True)
class CheckSettings:
    """What `kiosk check` holds cards to: plain language, and fitting on the kiosk's screens."""

    max_grade: int = setting(8, whole(1), "reading grade each English card should be at or below (Flesch-Kincaid; the AMA advises 6)")
    max_sentence_words: int = setting(25, whole(5), "a sentence longer than this many words gets a warning")
    min_spanish_ease: int = setting(
        55, whole(0), 'reading ease each Spanish card should reach (INFLESZ: 55 is "normal", 65 "fairly easy")'
    )
    max_bold: int = setting(
        3, whole(1), "bold phrases a card should have at most: a few stand out, many make none stand out"
    )
    screens: tuple[str, ...] = setting(
        ("1920x1080", "1080x1920"),
        text_list('a list of screen sizes such as ["1920x1080", "1080x1920"]', lambda size: bool(SCREEN_SIZE.fullmatch(size)), empty_ok=True),
        "screens each card should fit without scrolling at the usual text size ([] checks none)",
    )

    def screen_sizes(self) -> list[tuple[int, int]]:
        return [(int(m.group(1)), int(m.group(2))) for size in self.screens if (m := SCREEN_SIZE.fullmatch(size))]
