"""What the handout holds: the cards shown today, their dates and sources, the questions gathered."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import write_card

from kiosk.handout.core import build_handout, questions_in, without_questions
from kiosk.core.store import ContentStore

TODAY = date(2026, 12, 1)


def state_of(root):
    return ContentStore(root).reload()


def test_questions_are_gathered_in_card_order_once(content):
    write_card(content, "95-more-questions.md", (
        "---\ntitle: Questions\n---\n"
        "Some people wonder if it is safe? That is the card talking, not a question to ask.\n\n"
        "Questions you could ask:\n\n"
        "- Is ketamine a good fit for **my** anxiety?\n"
        "- Is ketamine a good fit for my anxiety?\n"  # asked twice: printed once
        "- How many sessions would I need?\n"
        "- Bring a friend.\n\n"
        "**Ask your care team (en privado):** Who will be with me during a session?\n\n"
        "**A lead-in far too long to be a label for a question, really and truly, honestly, it is:** Is this gathered?\n"
    ))
    handout = build_handout(state_of(content), "en", TODAY)
    questions = handout.questions
    assert len(questions) > 3  # the sample cards ask some too
    assert questions.count("Is ketamine a good fit for my anxiety?") == 1
    assert questions[-2:] == ("How many sessions would I need?", "Who will be with me during a session?")
    assert not any("safe?" in q or "Bring" in q or "gathered" in q for q in questions)


def test_a_line_of_questions_asked_singly_elsewhere_is_not_repeated(tmp_path):
    write_card(tmp_path, "10-a.md", "---\ntitle: A\n---\n**Ask your care team:** What if I feel scared? What will it cost?\n")
    write_card(tmp_path, "20-b.md", "---\ntitle: B\n---\n- What if I feel scared?\n- What will it cost?\n- Could it help me? Why or why not?\n")
    assert questions_in(state_of(tmp_path).cards("en")) == (
        "What if I feel scared?", "What will it cost?", "Could it help me? Why or why not?")


def test_spanish_questions(content):
    questions = build_handout(state_of(content), "es", TODAY).questions
    assert questions and all(q.startswith("¿") and q.endswith("?") for q in questions)


def test_cards_shown_today_with_source_and_reviewed_date(content):
    write_card(content, "15-dated.md", "---\ntitle: Dated\nreviewed: 2026-11-02\nsource: Clinic protocol v3\n---\nText.\n")
    write_card(content, "16-later.md", "---\ntitle: Not yet\nshow_from: 2027-01-01\n---\nText.\n")
    handout = build_handout(state_of(content), "en", TODAY)
    dated = next(card for card in handout.cards if card.title == "Dated")
    assert dated.footer == "Source: Clinic protocol v3 · Reviewed 2026-11-02"
    assert "Not yet" not in handout.titles
    assert all(card.footer.startswith("Source: Calliope Health") for card in handout.cards if card.title != "Dated")  # the sample's
    assert handout.clinic.website == "https://calliope.health/"


def test_unknown_language_is_refused(content):
    with pytest.raises(ValueError, match="no language 'fr'"):
        build_handout(state_of(content), "fr", TODAY)


def test_no_questions_anywhere(tmp_path):
    write_card(tmp_path, "10-a.md", "---\ntitle: A\n---\nJust text. Is it?\n")
    assert questions_in(state_of(tmp_path).cards("en")) == ()


def test_each_question_is_printed_once_as_the_checklist_never_in_its_card(content):
    for language in ("en", "es"):
        handout = build_handout(state_of(content), language, TODAY)
        assert len(handout.questions) == len({q.casefold() for q in handout.questions}) >= 15
        for card in handout.cards:
            for question in handout.questions:
                assert question not in card.html, (card.title, question)
            assert "Ask your care team:</strong></p>" not in card.html  # a lead-in left with no questions goes too
        assert "¿Preguntas?" not in handout.questions


def test_a_deck_ending_with_a_card_of_questions_prints_it_as_the_checklist(content):
    handout = build_handout(state_of(content), "en", TODAY)
    assert handout.checklist_title == "Questions to ask your care team"
    assert "Questions to ask your care team" not in [card.title for card in handout.cards]
    assert "bring this page to your next visit" in handout.checklist_intro  # its [paper] line
    assert "photo of this screen" not in handout.checklist_intro  # its [screen] line is not printed
    assert handout.questions[-1] == "What else would be part of my plan?"  # asked only there, still printed


def test_without_a_questions_card_the_checklist_has_the_interfaces_heading(tmp_path):
    write_card(tmp_path, "10-a.md", "---\ntitle: A\n---\nText.\n\n**Ask your care team:** Is it safe for me?\n")
    handout = build_handout(state_of(tmp_path), "en", TODAY)
    assert (handout.checklist_title, handout.checklist_intro, handout.questions) == (
        "Questions to ask your care team", "", ("Is it safe for me?",))
    assert handout.cards[0].html == "<p>Text.</p>"


def test_lines_for_paper_only_are_printed_and_those_for_the_screen_are_not(tmp_path):
    write_card(tmp_path, "10-a.md", "---\ntitle: A\n---\n[screen] Take a photo of this screen.\n\n[paper] Keep this page.\n\nBoth.\n")
    assert build_handout(state_of(tmp_path), "en", TODAY).cards[0].html == "<p>Keep this page.</p>\n<p>Both.</p>"


def test_a_cards_qr_caption_is_its_own_label_and_the_sign_off_is_in_its_footer(tmp_path):
    write_card(tmp_path, "10-a.md", "---\ntitle: A\nqr: https://example.org/a\nqr_label: Scan for the printed guide\n"
                                    "source: Protocol v3\napproved_by: Dr A. Name, MD\napproved: 2026-11-20\n---\nText.\n")
    write_card(tmp_path, "20-b.md", "---\ntitle: B\nqr: https://example.org/b\n---\nText.\n")
    a, b = build_handout(state_of(tmp_path), "en", TODAY).cards
    assert a.qr_caption == "Scan for the printed guide" and b.qr_caption == "Scan to open this link on your phone"
    assert a.footer == "Source: Protocol v3 · Signed off by Dr A. Name, MD, 2026-11-20" and b.footer == ""


def test_nested_lists_and_lists_of_statements_are_printed_whole():
    html = "<p>Bring:</p>\n<ol>\n<li>First step\n<ul>\n<li>nested detail</li>\n</ul>\n</li>\n<li>Is it safe?</li>\n</ol>"
    assert without_questions(html, {"is it safe?"}) == "<p>Bring:</p>\n<ol>\n<li>First step\n<ul>\n<li>nested detail</li>\n</ul>\n</li>\n</ol>"
    assert without_questions(html, set()) == html


def test_a_library_handout_holds_every_topic_in_its_dates_or_the_one_asked_for(library):
    (library / "topics/30-english-only/topic.toml").write_text('title = "Paying for care"\nshow_until = 2001-01-01\n')
    state = ContentStore(library).reload()
    today = date(2026, 5, 9)  # a Saturday: the mornings topic is off the grid, but its dates hold
    handout = build_handout(state, "es", today)
    assert handout.topics == ("Lo básico", "Antes de su sesión")
    assert [(card.topic, card.title) for card in handout.cards] == [
        ("Lo básico", "¿Qué es?"), ("Lo básico", "¿Cómo ayuda?"), ("Antes de su sesión", "Qué traer")]
    one = build_handout(state, "en", today, "10-first")
    assert one.topics == ("The basics",) and one.titles == ("What is it?", "How does it help?")
    with pytest.raises(ValueError, match="there is no topic 99-x; the topics are 10-first, 20-mornings, 30-english-only"):
        build_handout(state, "en", today, "99-x")


def test_a_single_deck_handout_has_no_topics(content):
    assert build_handout(ContentStore(content).reload(), "en", date(2026, 11, 15)).topics == ()
