"""The patient's language on screen: the language buttons or the globe and its grid, the fonts its
script needs (the clinic's own from content/fonts/ included) and the way the screen reads (mirrored,
right to left, for Arabic, Farsi, Hebrew and Urdu).

One object for the wiring to call when the content or the visit's language changes, so kiosk.app
says "this language now" once and the strip, the grid, the fonts and the direction follow it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.content_fonts import ContentFont
from kiosk.core.fonts import font_families
from kiosk.core.strings import Strings, language_name
from kiosk.runtime.font_registry import use_content_fonts
from kiosk.ui.direction import direction_of
from kiosk.ui.overlays.language_picker import LanguagePicker
from kiosk.ui.theme import Theme
from kiosk.ui.window import KioskWindow


class LanguageChoice(QObject):
    requested = Signal(str)  # the patient chose a language (a button in the strip, or in the grid)

    def __init__(self, theme: Theme, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window
        self.picker = LanguagePicker(theme, window)
        window.visit_bar.language_requested.connect(self.requested)
        window.visit_bar.picker_requested.connect(self.picker.open)
        self.picker.language_requested.connect(self.requested)
        self._content_families: tuple[str, ...] = ()

    def use_fonts(self, fonts: tuple[ContentFont, ...]) -> None:
        """The clinic's fonts in content/fonts/, as the content has them now."""
        self._content_families = use_content_fonts(fonts)

    def families(self, language: str) -> tuple[str, ...]:
        """The font-family list for `language` (the style sheet's, kiosk.ui.theme)."""
        return font_families(language, self._content_families)

    def show(self, languages: tuple[str, ...], current: str, strings: Strings) -> None:
        """Every language of the kiosk, each named in itself, with `current` chosen."""
        names = [(code, language_name(code)) for code in languages]
        self.window.visit_bar.set_languages(names, current)
        self.picker.set_languages(names, current)
        self.picker.set_strings(strings)
        self.window.setLayoutDirection(direction_of(current))  # the whole screen, mirrored for Arabic, Hebrew...
