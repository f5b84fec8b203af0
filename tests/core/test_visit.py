"""The page convention (welcome, cards, contact) and the visit's rules, without a display."""

from __future__ import annotations

import pytest

from kiosk.core.config import KioskSettings
from kiosk.core.visit import CONTACT, WELCOME, Kind, Screen, Screens, Visit, on_idle, uptime_text

DECK = Screens(("10-what.md", "20-how.md", "30-risks.md"), has_contact=True)


def card(slug: str) -> Screen:
    return Screen(Kind.CARD, slug)


def test_pages_are_welcome_then_cards_in_order_then_contact():
    assert DECK.all() == [WELCOME, card("10-what.md"), card("20-how.md"), card("30-risks.md"), CONTACT]
    assert [screen.name for screen in DECK.all()] == ["welcome", "what", "how", "risks", "contact"]
    with pytest.raises(IndexError):
        DECK.at(5)


def test_without_contact_facts_the_last_page_is_the_last_card():
    deck = Screens(("10-a.md",), has_contact=False)
    assert deck.count == 2 and deck.index_of(CONTACT) is None and deck.is_last(1)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (WELCOME, 0),
        (card("20-how.md"), 2),
        (card("25-gone.md"), 3),  # a removed card gives way to the next by file name
        (card("99-gone.md"), 3),  # ... or to the last card
        (CONTACT, 4),
    ],
)
def test_after_a_reload_the_patient_stays_on_the_same_or_the_nearest_screen(before, expected):
    assert DECK.after_reload(before) == expected


def test_when_the_contact_screen_goes_away_the_patient_lands_on_the_last_card():
    assert Screens(("10-a.md", "20-b.md")).after_reload(CONTACT) == 2
    assert Screens(()).after_reload(card("10-a.md")) == 0


def test_dots_and_the_count_agree_on_every_page():
    for index in range(1, DECK.count):
        dot = DECK.dot_of(index)
        assert DECK.page_of_dot(dot) == index
        assert DECK.position(index) == (dot + 1, DECK.dot_count)
    assert DECK.dot_of(0) is None and DECK.position(0) is None
    assert DECK.dot_count == 4


def test_touch_to_start_goes_to_the_first_card_or_stays_when_there_is_nothing():
    assert DECK.first == 1
    assert Screens(()).first == 0


def test_a_visit_starts_from_the_settings_and_keeps_choices_unless_the_language_goes():
    settings = KioskSettings(languages=("en", "es"), text_size="large", high_contrast=True)
    visit = Visit.default_for(settings)
    assert visit == Visit("en", "large", True)
    spanish = Visit("es", "largest", False)
    assert spanish.after_settings_change(settings) == spanish
    assert spanish.after_settings_change(KioskSettings(languages=("en",))) == Visit("en", "largest", False)


@pytest.mark.parametrize(
    ("on_welcome", "staff_open", "panel_open", "visit_changed", "expected"),
    [
        (False, False, False, False, "ask"),  # mid-visit: ask first
        (False, False, True, True, "ask"),
        (True, False, False, False, "nothing"),  # nobody there, nothing to clear
        (True, False, False, True, "reset"),  # Español chosen on the welcome screen, then gone
        (True, False, True, False, "reset"),  # the text-size panel left open
        (False, True, False, False, "reset"),  # the staff panel left open
    ],
)
def test_what_a_quiet_kiosk_does(on_welcome, staff_open, panel_open, visit_changed, expected):
    action = on_idle(on_welcome=on_welcome, staff_open=staff_open, panel_open=panel_open, visit_changed=visit_changed)
    assert action.value == expected


def test_uptime_reads_as_hours_or_minutes():
    assert uptime_text(7500.9) == "2 h 5 min"
    assert uptime_text(252) == "4 min 12 s"


def test_a_library_has_the_grid_at_page_1_and_the_open_topic_after_it():
    from kiosk.core.visit import TOPICS

    closed = Screens(grid=True)
    assert [screen.kind for screen in closed.all()] == [Kind.WELCOME, Kind.TOPICS]
    assert closed.first == closed.home == 1 and closed.dot_count == 0 and closed.dot_of(1) is None
    opened = Screens(("10-a.md", "20-b.md"), has_contact=True, grid=True, topic="10-first")
    assert opened.count == 5 and opened.deck_start == 2 and opened.home == 1
    assert opened.at(2) == Screen(Kind.CARD, "10-a.md", "10-first") and opened.at(4) == Screen(Kind.CONTACT, topic="10-first")
    assert opened.position(3) == (2, 3) and opened.dot_of(1) is None and opened.page_of_dot(0) == 2
    assert opened.index_of(Screen(Kind.CARD, "10-a.md", "20-other")) is None  # the same file name in another topic
    assert opened.index_of(TOPICS) == 1 and Screens().index_of(TOPICS) is None
    assert opened.after_reload(Screen(Kind.CARD, "15-gone.md", "10-first")) == 3  # the next card by name
    assert closed.after_reload(Screen(Kind.CARD, "10-a.md", "10-first")) == 1  # its topic closed: the grid
    assert Screens(("10-a.md",)).after_reload(TOPICS) == 0  # the library became one deck: the welcome screen
    assert TOPICS.name == "topics"
