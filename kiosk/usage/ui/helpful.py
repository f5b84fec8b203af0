"""The one-tap "Was this helpful?" under a card: yes or no, a thank-you, and nothing to type."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.glyphs import glyph_icon
from kiosk.ui.named import named
from kiosk.ui.theme import Theme


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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.metrics.px(16))
        for widget in (self.question, self.yes, self.no, self.thanks):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
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
        self.yes.setText(" " + strings["helpful_yes"])  # a space between the thumb and the word
        self.no.setText(" " + strings["helpful_no"])
        self.thanks.setText(strings["helpful_thanks"])
        self.yes.setAccessibleName(f'{strings["helpful_question"]} {strings["helpful_yes"]}')
        self.no.setAccessibleName(f'{strings["helpful_question"]} {strings["helpful_no"]}')

    def reset(self) -> None:
        """Ready for the next patient: the question and both buttons again."""
        self._show_question(True)

    def is_answered(self) -> bool:
        return self.thanks.isVisibleTo(self)

    def _answer(self, yes: bool) -> None:
        if self.is_answered():
            return
        self._show_question(False)
        self.answered.emit(yes)

    def _show_question(self, asking: bool) -> None:
        for widget in (self.question, self.yes, self.no):
            widget.setVisible(asking)
        self.thanks.setVisible(not asking)
