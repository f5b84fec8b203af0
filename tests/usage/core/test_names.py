"""What staff call counted cards and topics: titles from the content as it is now."""

from __future__ import annotations

from datetime import date


from kiosk.core.store import ContentStore
from kiosk.usage.core.names import card_titles, topic_titles


def test_a_library_names_topics_by_folder_and_cards_by_topic_and_file(library):
    card = library / "topics/30-english-only/en/10-costs.md"
    card.write_text(card.read_text().replace("title:", "show_until: 2001-01-01\ntitle:"))
    state = ContentStore(library).reload()
    assert topic_titles(state) == {"10-first": "The basics", "20-mornings": "Before your session", "30-english-only": "Paying for care"}
    titles = card_titles(state)
    assert titles["10-first/10-what.md"] == "What is it?" and titles["30-english-only/10-costs.md"] == "What it costs"
    assert "30-english-only/10-costs.md" not in card_titles(state, date(2026, 5, 4))  # hidden today


def test_one_deck_names_cards_by_file(content):
    state = ContentStore(content).reload()
    assert topic_titles(state) == {} and all("/" not in key for key in card_titles(state))
