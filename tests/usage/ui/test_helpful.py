"""The one-tap "Was this helpful?": one answer per visit, a thank-you, and a place on every screen shape."""

from __future__ import annotations

from conftest import SAMPLE_CONTENT
from helpers.gestures import touch_tap
from PySide6.QtWidgets import QApplication

from kiosk.core.cards import load_card
from kiosk.core.strings import strings_for
from kiosk.ui.card import CardView
from kiosk.usage.ui.helpful import HelpfulPrompt
from kiosk.ui.theme import Metrics, Theme, apply_theme, load_fonts


def test_one_tap_answers_and_thanks(qtbot):
    prompt = HelpfulPrompt(Theme(Metrics(1080)))
    prompt.set_strings(strings_for("es"))
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.waitExposed(prompt)
    answers: list[bool] = []
    prompt.answered.connect(answers.append)
    assert prompt.question.text() == "¿Le sirvió esta página?" and prompt.yes.accessibleName() == "¿Le sirvió esta página? Sí"
    touch_tap(prompt, prompt.yes.mapTo(prompt, prompt.yes.rect().center()))
    assert answers == [True]
    assert prompt.is_answered() and not prompt.yes.isVisible() and prompt.thanks.text() == "¡Gracias!"
    prompt._answer(False)  # a second answer in the same visit is not possible
    assert answers == [True]
    prompt.reset()
    assert not prompt.is_answered() and prompt.no.isVisible()


def card_view(qtbot, size: tuple[int, int]) -> CardView:
    """A card styled as the kiosk styles it (the application style sheet sets every size), with the
    question in its footer slot as the usage wiring puts it there."""
    card = load_card(sorted((SAMPLE_CONTENT / "en").glob("*.md"))[0], SAMPLE_CONTENT).card
    theme = Theme(Metrics(size[1]))
    load_fonts()
    apply_theme(QApplication.instance(), theme)
    view = CardView.from_card(card, SAMPLE_CONTENT, theme, strings_for("en"))
    view.add_footer(HelpfulPrompt(theme))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def helpful(view: CardView) -> HelpfulPrompt:
    prompt = view.footer_widget(HelpfulPrompt)
    assert prompt is not None
    return prompt


def test_beside_the_footer_on_wide_screens_and_below_on_narrow_ones(qtbot):
    wide = card_view(qtbot, (1920, 1000))
    assert abs(helpful(wide).geometry().center().y() - wide.care.geometry().center().y()) < helpful(wide).height()
    narrow = card_view(qtbot, (1080, 1800))
    assert helpful(narrow).geometry().top() >= narrow.care.geometry().bottom()
    for view in (wide, narrow):
        assert helpful(view).yes.height() >= view.theme.metrics.target
        assert view.rect().contains(helpful(view).geometry())
        assert not helpful(view).geometry().intersects(view.body.geometry())


def test_the_footer_slot_keeps_the_question_in_the_cards_language(qtbot):
    view = card_view(qtbot, (1280, 800))
    assert helpful(view).question.text() == "Was this page helpful?"
    view.set_strings(strings_for("es"))
    assert helpful(view).question.text() == "¿Le sirvió esta página?"


def test_a_no_shows_where_to_get_help_now_in_the_cards_language(qtbot):
    """A "No" may come from a patient who is not all right: the thank-you comes with the crisis line."""
    from kiosk.core.config import load_config

    clinic = load_config(SAMPLE_CONTENT / "kiosk.toml").config.clinic
    prompt = HelpfulPrompt(Theme(Metrics(1080)))
    qtbot.addWidget(prompt)
    prompt.set_strings(strings_for("en"))
    prompt.set_clinic(clinic)
    prompt.show()
    qtbot.waitExposed(prompt)
    assert not prompt.help_now.isVisible()
    touch_tap(prompt, prompt.no.mapTo(prompt, prompt.no.rect().center()))
    assert prompt.thanks.isVisible() and prompt.help_now.isVisible()
    assert prompt.help_now.text() == f"<b>Need help now?</b> {clinic.crisis}" and "988" in clinic.crisis
    prompt.set_strings(strings_for("es"))
    assert "¿Necesita ayuda ahora?" in prompt.help_now.text() and "marque 2 para español" in prompt.help_now.text()
    prompt.reset()
    assert not prompt.help_now.isVisible()
    touch_tap(prompt, prompt.yes.mapTo(prompt, prompt.yes.rect().center()))
    assert prompt.thanks.isVisible() and not prompt.help_now.isVisible()  # a "Yes" gets the thank-you only


def test_no_crisis_line_configured_means_a_plain_thank_you(qtbot):
    from kiosk.core.config import Clinic

    prompt = HelpfulPrompt(Theme(Metrics(1080)))
    qtbot.addWidget(prompt)
    prompt.set_strings(strings_for("en"))
    prompt.set_clinic(Clinic(name="Clinic"))
    prompt.show()
    prompt._answer(False)
    assert prompt.thanks.isVisible() and not prompt.help_now.isVisible()
