"""Plain-language warnings in `kiosk check`: each names the line to change, in words staff can act on."""

from __future__ import annotations

import re

import pytest
from conftest import write_card
from helpers.check_lines import without_sign_off

from kiosk.core.check import lint
from kiosk.core.readability import flesch_kincaid_grade, inflesz, inflesz_band, score, sentences
from kiosk.core.store import ContentStore

HARD_EN = """---
title: Pharmacology
---
Ketamine, an N-methyl-D-aspartate receptor antagonist originally developed as a dissociative anesthetic,
demonstrates considerable therapeutic potential for treatment-resistant psychiatric conditions, particularly
generalized anxiety disorder and major depressive disorder.

Administration typically occurs intravenously under continuous physiological monitoring.
"""
HARD_ES = """---
title: Farmacología
---
La ketamina, antagonista del receptor desarrollado originalmente como anestésico disociativo, demuestra un
considerable potencial terapéutico para afecciones psiquiátricas resistentes al tratamiento convencional en
pacientes adultos con ansiedad grave y persistente.

La administración intravenosa habitualmente requiere monitorización fisiológica continua.

¿Tiene preguntas?
"""
HASH_2468 = "a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972"
ADVICE = "shorter sentences and everyday words help; the hardest sentence starts on this line"


@pytest.fixture
def deck(content):
    """The sample deck, English and Spanish, without the demo-PIN warning; a test adds a card."""
    config = content / "kiosk.toml"
    config.write_text(re.sub(r'staff_pin_sha256 = "\w+"', f'staff_pin_sha256 = "{HASH_2468}"', config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    return content


def card_problems(root, name: str) -> list[tuple[str, int, str]]:
    return [(p.path.parent.name, p.line, p.message) for p in without_sign_off(lint(root)) if p.path.name == name]


def test_the_sample_deck_has_no_plain_language_warnings(content):
    assert [p.format() for p in without_sign_off(lint(content)) if p.path.suffix == ".md"] == []


def test_a_hard_english_card_names_its_hardest_sentence_long_sentences_and_the_missing_question(deck):
    write_card(deck, "15-hard.md", HARD_EN)
    write_card(deck, "15-hard.md", HARD_ES, language="es")
    problems = card_problems(deck, "15-hard.md")
    assert problems[0] == ("en", 4, "a sentence of 31 words (more than 25 is hard to follow): split it; "
                                    "it starts 'Ketamine, an N-methyl-D-aspartate receptor antagonist originally…'")
    assert problems[1][:2] == ("en", 8)
    assert problems[1][2].startswith("reads at grade ") and problems[1][2].endswith(f"; aim for grade 8 or lower ({ADVICE})")
    assert problems[2] == ("en", 8, "nothing here for the patient to ask or do: end the card with a question for the care "
                                    "team or a step to take, such as '**Ask your care team:** Is this right for me?'")
    assert problems[3] == ("es", 4, "a sentence of 30 words (more than 25 is hard to follow): split it; "
                                    "it starts 'La ketamina, antagonista del receptor desarrollado…'")
    assert problems[4][:2] == ("es", 8)
    assert problems[4][2].startswith("hard to read: Spanish reading ease (INFLESZ) is ")
    assert problems[4][2].endswith(f', "very hard"; aim for 55 or more ({ADVICE})')
    assert len(problems) == 5  # the Spanish card ends with a question


def test_thresholds_come_from_kiosk_toml(deck):
    path = write_card(deck, "15-hard.md", HARD_EN)
    write_card(deck, "15-hard.md", HARD_ES, language="es")
    config = deck / "kiosk.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[check]\nmax_grade = 40\nmax_sentence_words = 40\nmin_spanish_ease = 0\n",
                      encoding="utf-8")
    problems = [(language, line, message[:20]) for language, line, message in card_problems(deck, path.name)]
    assert problems == [("en", 8, "nothing here for the"), ("es", 8, "hard to read: Spanis")]
    assert "aim for 0 or more" in card_problems(deck, path.name)[-1][2]


@pytest.mark.parametrize("ending", [
    "**Ask your care team:** Is this right for me?",
    "Questions? Call us.",
    "Please tell the nurse if you feel unwell.",
    "Bring a list of your medicines.",
])
def test_a_question_or_a_step_for_the_patient_is_recognised(deck, ending):
    write_card(deck, "15-ok.md", f"---\ntitle: Ok\n---\nThis is a short card with plain words.\n\n{ending}\n")
    write_card(deck, "15-ok.md", "---\ntitle: Ok\n---\nUna tarjeta corta.\n\nLlame a la clínica si tiene dudas.\n", language="es")
    assert card_problems(deck, "15-ok.md") == []


def test_sentence_lines_follow_the_source_not_the_paragraph(deck):
    write_card(deck, "15-lines.md", "---\ntitle: T\n---\nOne short line here.\nA second sentence\nwraps onto two lines. Third?\n\n- An item\n")
    state = ContentStore(deck).reload()
    card = next(c for c in state.cards("en") if c.slug == "15-lines.md")
    assert [(s.line, s.text) for s in sentences(card.blocks, card.body, card.body_line)] == [
        (4, "One short line here."), (5, "A second sentence wraps onto two lines."), (6, "Third?"), (8, "An item"),
    ]


def test_the_formulas():
    assert flesch_kincaid_grade(100, 10, 150) == pytest.approx(0.39 * 10 + 11.8 * 1.5 - 15.59)
    assert inflesz(100, 10, 200) == pytest.approx(206.835 - 62.3 * 2 - 10)
    assert [inflesz_band(v) for v in (85, 70, 60, 45, 10)] == ["very easy", "fairly easy", "normal", "somewhat hard", "very hard"]


def test_english_grade_agrees_with_textstat_on_the_sample(content, monkeypatch):
    import textstat
    import textstat.backend.counts._count_syllables as counts
    from helpers.readability import cmu_dictionary

    monkeypatch.setattr(counts, "get_cmudict", lambda lang: cmu_dictionary() if lang.startswith("en") else None)
    state = ContentStore(content).reload()
    for card in state.cards("en"):
        found = sentences(card.blocks, card.body, card.body_line)
        ours = score(found, "en").value
        theirs = textstat.flesch_kincaid_grade(" ".join(s.text if s.text[-1] in ".?!" else s.text + "." for s in found))
        assert abs(ours - theirs) < 1.0, card.slug
