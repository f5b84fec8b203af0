"""The fonts the kiosk ships, and the order Qt tries them in for a language.

Noto Sans draws Latin, Greek and Cyrillic (Vietnamese included) and is the body font. A character it
lacks is drawn by the first font that has it: emoji and symbols first, then the script fonts
(Arabic, Hebrew, Ethiopic), all of them Noto Sans's substitutes in Qt; then the Chinese-character
fonts in the order the language's readers expect (kiosk.core.languages.han_forms), then whatever a
clinic put in content/fonts/ (kiosk.core.content_fonts), which can only fill gaps, never restyle a
bundled script. Widgets get the whole list from the style sheet's font-family (kiosk.ui.theme); the
substitutes serve text drawn with a plain QFont("Noto Sans").
Where each file comes from and why the CJK fonts are subsets: scripts/subset_fonts.py and the
README ("Languages and scripts").
"""

from __future__ import annotations

from kiosk.core.languages import han_forms, uses_chinese_characters

BODY_FAMILY = "Noto Sans"
BODY_FONTS = ("fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf")
# (file, family) in the order they are tried after the body font.
SYMBOL_FONTS = (
    ("fonts/NotoEmoji-VariableFont_wght.ttf", "Noto Emoji"),
    ("fonts/NotoSansSymbols-Regular.ttf", "Noto Sans Symbols"),
    ("fonts/NotoSansSymbols2-Regular.ttf", "Noto Sans Symbols2"),
)
SCRIPT_FONTS = tuple(
    (f"fonts/NotoSans{script}-{weight}.ttf", f"Noto Sans {script}")
    for script in ("Arabic", "Hebrew", "Ethiopic") for weight in ("Regular", "Bold")
)
HAN_FONTS = {form: (f"fonts/NotoSansCJK{form.lower()}-Subset-Regular.otf", f"Noto Sans CJK {form} Subset") for form in ("SC", "TC", "KR")}
FALLBACK_FILES = tuple(file for file, _family in (*SYMBOL_FONTS, *SCRIPT_FONTS, *HAN_FONTS.values()))
FONT_FILES = BODY_FONTS + FALLBACK_FILES
EMOJI_FAMILY = SYMBOL_FONTS[0][1]


def _unique(families: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(families))


def substitute_families() -> tuple[str, ...]:
    """Noto Sans's substitutes (Qt tries them, in order, for a character Noto Sans lacks, before
    the other families of a font's list): the fonts whose order no language changes."""
    return tuple(family for _file, family in (*SYMBOL_FONTS, *SCRIPT_FONTS))


def font_families(language: str = "", extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The font-family list for text in `language`, every font of the kiosk in the order they are
    tried, `extra` (a clinic's own fonts) last.

    Qt keeps one font engine per first family and size and reuses it whatever the rest of the list
    says, so a list that starts with Noto Sans always tries the Chinese-character fonts in one order.
    Chinese, Korean and Japanese text therefore starts with its own CJK font (which has no Latin
    letters: Noto Sans draws those, next in the list); every other language starts with Noto Sans."""
    han = [HAN_FONTS[form][1] for form in han_forms(language)]
    lead = han[:1] if uses_chinese_characters(language) else []
    return _unique([*lead, BODY_FAMILY, *substitute_families(), *han, *extra])
