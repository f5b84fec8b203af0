"""Each screen as the kiosk says it: title, body in sentences, care-team line, contact facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT, write_card

from kiosk.core.cards import load_card
from kiosk.core.config import Clinic
from kiosk.listen.core.spoken import card_speech, contact_speech, idle_prompt_speech, screen_speech, screens_of, sentences
from kiosk.core.store import ContentStore
from kiosk.core.strings import strings_for
from kiosk.core.visit import Kind, Screen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ("One.", "Two!", "Three?", "Four.")),
        ("Dr. Lee sees you. Then rest.", ("Dr. Lee sees you.", "Then rest.")),
        ("It takes approx. five minutes.", ("It takes approx. five minutes.",)),
        ("¿Duele? ¡No! Pregunte.", ("¿Duele?", "¡No!", "Pregunte.")),
        ('He said "stop." Then left.', ('He said "stop."', "Then left.")),
        ("A 1.5 mg dose. Then 2.", ("A 1.5 mg dose.", "Then 2.")),
        ("", ()),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def card(tmp_path: Path, body: str, language: str = "en", extra: str = ""):
    path = write_card(tmp_path, "10-x.md", f"---\ntitle: The title\n{extra}---\n{body}\n", language)
    result = load_card(path, tmp_path)
    assert result.card is not None, result.problems
    return result.card


def test_card_reads_title_body_then_care_team_line(tmp_path):
    speech = card_speech(card(tmp_path, "Ketamine is a **medicine**. Doctors use it.\n\n- Nausea\n- Dizziness\n"), strings_for("en"))
    assert speech.text.split("\n") == [
        "The title.",
        "Ketamine is a medicine.",
        "Doctors use it.",
        "Nausea.",
        "Dizziness.",
        "This does not replace your care team's advice.",
    ]
    assert [block.part for block in speech.blocks] == ["title", "body", "body", "body", "care"]
    assert speech.utterances()[2] == (1, "Doctors use it.")
    assert "*" not in speech.text


def test_card_with_take_home_qr_reads_its_caption_before_the_care_team_line(tmp_path):
    speech = card_speech(card(tmp_path, "Text.", extra="qr: https://calliope.health/\n"), strings_for("es"))
    assert [block.part for block in speech.blocks] == ["title", "body", "qr", "care"]
    assert speech.blocks[-2].sentences == ("Escanee para abrir este enlace en su celular.",)
    assert speech.language == "es"
    labelled = card(tmp_path, "Text.", extra="qr: https://calliope.health/\nqr_label: Escanee para visitar nuestro sitio web\n")
    assert card_speech(labelled, strings_for("es"), footer=False).blocks[-1].sentences == ("Escanee para visitar nuestro sitio web.",)


def test_without_the_footer_a_card_ends_with_its_own_words(tmp_path):
    speech = card_speech(card(tmp_path, "Text.\n\n**Ask your care team:** Is it safe?"), strings_for("en"), footer=False)
    assert speech.text.split("\n") == ["The title.", "Text.", "Ask your care team: Is it safe?"]


def test_the_contact_screen_says_where_to_get_help_now_first_in_each_language():
    state = ContentStore(SAMPLE_CONTENT).reload()
    for language, title, first in (("en", "Need help now?", "If you feel unsafe"), ("es", "¿Necesita ayuda ahora?", "Si no se siente a salvo")):
        screens = screens_of(state, language)
        lines = screen_speech(state, language, screens.at(screens.count - 1)).text.split("\n")
        assert lines[1] == title and lines[2].startswith(first) and "988" in lines[2]


def test_spanish_card_read_in_spanish():
    state = ContentStore(SAMPLE_CONTENT).reload()
    speech = screen_speech(state, "es", screens_of(state, "es").at(6))
    lines = speech.text.split("\n")
    assert lines[0] == "Riesgos y desventajas."
    assert "Esto puede inquietarle." in lines
    assert lines[-1] == "Esto no sustituye los consejos de su equipo médico."
    assert speech.language == "es"


def test_contact_facts_for_listeners():
    clinic = Clinic("Calliope Health Ketamine", "4300 Montgomery Ave, Bethesda, MD", "(301) 828-9513", "https://calliope.health/")
    assert contact_speech(clinic, strings_for("en")).text.split("\n") == [
        "Contact us.",
        "Calliope Health Ketamine.",
        "Address: 4300 Montgomery Avenue, Bethesda, Maryland.",
        "Phone: 3 0 1, 8 2 8, 9 5 1 3.",
        "Website: calliope dot health.",
        "Scan with your phone camera to visit our website.",
    ]


def test_contact_leaves_out_missing_facts():
    assert contact_speech(Clinic(phone="555-0100"), strings_for("en")).text.split("\n") == ["Contact us.", "Phone: 5 5 5, 0 1 0 0."]


def test_every_screen_of_the_sample_says_something():
    state = ContentStore(SAMPLE_CONTENT).reload()
    screens = screens_of(state, "en")
    assert screens.count == 11
    said = [screen_speech(state, "en", screen).text for screen in screens.all()]
    assert said[0].startswith("Ketamine for anxiety.\nWhat it is, its risks and possible benefits, and questions to ask.\nCalliope Health Ketamine.")
    assert said[1].startswith("Key points.")
    assert said[2].startswith("What is ketamine?")
    assert said[10].startswith("Contact us.")
    assert all(said)


def test_a_card_missing_in_a_language_says_nothing():
    state = ContentStore(SAMPLE_CONTENT).reload()
    assert not screen_speech(state, "es", Screen(Kind.CARD, "99-none.md"))


def test_idle_prompt_is_spoken_in_the_visit_language():
    assert idle_prompt_speech(strings_for("es")).text == "¿Sigue leyendo?\nToque cualquier parte de la pantalla para seguir leyendo."


def body_lines(tmp_path: Path, body: str) -> list[str]:
    speech = card_speech(card(tmp_path, body), strings_for("en"))
    lines = speech.text.split("\n")
    care = len(speech.blocks[-1].sentences)  # the care-team line, however many sentences it has
    assert speech.blocks[-1].part == "care" and lines[0] == "The title." and lines[-1] == "This does not replace your care team's advice."
    return lines[1:-care]


def test_lists_are_read_item_by_item_numbered_when_ordered(tmp_path):
    body = "Before:\n\n1. Eat **light**\n2. Rest\n   - with a friend\n   - at home\n\nAfter."
    assert body_lines(tmp_path, body) == ["Before:", "1. Eat light.", "2. Rest.", "with a friend.", "at home.", "After."]


def test_tables_are_read_row_by_row_with_their_headers(tmp_path):
    body = "| Side effect | How often |\n|---|---|\n| Nausea | Common |\n| Dizziness | Sometimes |\n\nAsk us."
    assert body_lines(tmp_path, body) == [
        "Side effect: Nausea; How often: Common.", "Side effect: Dizziness; How often: Sometimes.", "Ask us.",
    ]


def test_no_markup_emoji_or_struck_words_are_read_out(tmp_path):
    body = "## Costs 💊\n\nIt costs ~~$100~~ $80 a `session`.\n\n> **Note:** call first."
    assert body_lines(tmp_path, body) == ["Costs.", "It costs $80 a session.", "Note: call first."]


def test_body_blocks_keep_the_words_shown_for_highlighting(tmp_path):
    speech = card_speech(card(tmp_path, "- Nausea\n\n| A | B |\n|---|---|\n| x | y |\n"), strings_for("en"))
    assert [(block.part, block.shown) for block in speech.blocks[1:3]] == [("body", "Nausea"), ("body", "x")]


def test_the_topics_grid_is_read_as_a_numbered_list_of_the_topics_it_shows():
    from datetime import datetime

    from conftest import LIBRARY

    from kiosk.core.visit import TOPICS

    state = ContentStore(LIBRARY).reload()
    monday_9, monday_14 = datetime(2026, 5, 4, 9, 0), datetime(2026, 5, 4, 14, 0)
    assert screen_speech(state, "es", TOPICS, monday_9).text.split("\n") == [
        "Elija un tema.", "1. Lo básico.", "Qué es el tratamiento y cómo podría ayudar.",
        "2. Antes de su sesión.", "Qué traer y qué esperar.",
    ]
    assert screen_speech(state, "en", TOPICS, monday_14).text.split("\n") == [
        "Choose a topic.", "1. The basics.", "What the treatment is and how it may help.",
        "2. Paying for care.", "Insurance and costs.",
    ]
    # A topic's card, and its contact screen ending on the topic's own QR caption.
    mornings = screens_of(state, "es", "20-mornings")
    assert screen_speech(state, "es", mornings.at(2)).text.split("\n")[0] == "Qué traer."
    assert screen_speech(state, "es", mornings.at(3)).text.split("\n")[-1] == "Escanee para leerlo en casa."
    assert screen_speech(state, "en", screens_of(state, "en", "10-first").at(4)).text.split("\n")[-1] == (
        "Scan with your phone camera to visit our website.")
