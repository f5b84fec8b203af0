"""The one-tap "Was this page helpful?" under a card: yes or no, a thank-you, and nothing to type.

A "No" may come from a patient who is not all right: with the thank-you it shows where to get help
now, the clinic's crisis line (`[clinic] crisis`) in the card's language.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.core.config import Clinic
from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.glyphs import glyph_icon
from kiosk.ui.named import named
from kiosk.ui.theme import Theme


class _OneLineFirst(QLabel):
    """A wrapping label that asks for the width of its text on one line: a row that has it keeps it
    to one or two lines, and one that has not puts it on a row of its own, the full width."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        margins = self.contentsMargins()
        one_line = self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right()  # tags and all: a little more
        return QSize(max(hint.width(), one_line), hint.height())


class HelpfulPrompt(QWidget):
    """Quiet by design: small text and outlined buttons (full touch height) beside the card's footer.

    After one tap it says thank you until `reset()` (the next visit); it never shows what was chosen.
    """

    answered = Signal(bool)  # True: "Yes", False: "No"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HelpfulPrompt")
        self.question = named("HelpfulQuestion", QLabel())
        self.yes = TouchButton(objectName="HelpfulButton")
        self.no = TouchButton(objectName="HelpfulButton")
        self.thanks = named("HelpfulThanks", QLabel())
        self.help_now = named("HelpfulHelpNow", _OneLineFirst(wordWrap=True, textFormat=Qt.TextFormat.RichText))
        self._clinic = Clinic()
        self._strings: Strings | None = None
        self._said_no = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.metrics.px(16))
        for widget in (self.question, self.yes, self.no, self.thanks):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.help_now, 1, Qt.AlignmentFlag.AlignVCenter)
        self.yes.clicked.connect(lambda: self._answer(True))
        self.no.clicked.connect(lambda: self._answer(False))
        self.set_theme(theme)
        self.reset()

    def set_theme(self, theme: Theme) -> None:
        size = theme.metrics.small
        for button, name in ((self.yes, "fa5s.thumbs-up"), (self.no, "fa5s.thumbs-down")):
            button.setIcon(glyph_icon(name, theme.palette.text, size))
            button.setIconSize(QSize(size, size))

    def set_strings(self, strings: Strings) -> None:
        self.question.setText(strings["helpful_question"])
        self.yes.setText(f" {strings['helpful_yes']} ")  # a space between the thumb and the word, on both sides (right to left too)
        self.no.setText(f" {strings['helpful_no']} ")
        self.thanks.setText(strings["helpful_thanks"])
        self.yes.setAccessibleName(f'{strings["helpful_question"]} {strings["helpful_yes"]}')
        self.no.setAccessibleName(f'{strings["helpful_question"]} {strings["helpful_no"]}')
        self._strings = strings
        self._show_help_now()

    def set_clinic(self, clinic: Clinic) -> None:
        """Where the crisis line after a "No" comes from (kiosk.toml's [clinic], per language)."""
        self._clinic = clinic
        self._show_help_now()

    def _show_help_now(self) -> None:
        crisis = self._clinic.for_language(self._strings.language).crisis if self._strings else ""
        title = self._strings["crisis_title"] if self._strings else ""
        self.help_now.setText(f"<b>{html.escape(title)}</b> {html.escape(crisis)}" if crisis else "")
        self.help_now.setAccessibleName(f"{title} {crisis}" if crisis else "")
        self.help_now.setVisible(self._said_no and bool(crisis))

    def reset(self) -> None:
        """Ready for the next patient: the question and both buttons again."""
        self._said_no = False
        self._show_question(True)
        self._show_help_now()

    def is_answered(self) -> bool:
        return self.thanks.isVisibleTo(self)

    def _answer(self, yes: bool) -> None:
        if self.is_answered():
            return
        self._said_no = not yes
        self._show_question(False)
        self._show_help_now()
        self.answered.emit(yes)

    def _show_question(self, asking: bool) -> None:
        for widget in (self.question, self.yes, self.no):
            widget.setVisible(asking)
        self.thanks.setVisible(not asking)
