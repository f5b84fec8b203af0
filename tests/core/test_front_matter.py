"""The header slips staff make, each read as they meant it or told in plain words what to type.

Every message is compared word for word: these sentences are the product for the people who see them.
"""

from __future__ import annotations

import pytest
from conftest import write_card

from kiosk.core.cards import load_card


def problems_of(content, text: str) -> tuple[object, list[tuple[int, str, str]]]:
    result = load_card(write_card(content, "15-slip.md", text), content)
    return result.card, [(p.line, p.severity.value, p.message) for p in result.problems]


@pytest.mark.parametrize(
    "header",
    [
        "title: Ketamine: what is it?",
        "title: Ketamine: what is it?   # the words at the top",
        'title: "Ketamine: what is it?"',
        "title: 'Ketamine: what is it?'",
    ],
)
def test_a_title_with_a_colon_is_the_title_staff_meant(content, header):
    card, problems = problems_of(content, f"---\n{header}\nicon: fa5s.capsules\n---\nBody.\n")
    assert problems == []
    assert card.title == "Ketamine: what is it?"
    assert card.icon == "fa5s.capsules"


@pytest.mark.parametrize(("value", "title"), [("#1 question", "#1 question"), ("Step 2:", "Step 2:"), ('"[Draft] Risks"', "[Draft] Risks")])
def test_a_title_starting_or_ending_like_yaml_syntax_is_still_text(content, value, title):
    card, problems = problems_of(content, f"---\ntitle: {value}\n---\nBody.\n")
    assert (problems, card.title) == ([], title)


@pytest.mark.parametrize(
    ("value", "meaning"),
    [
        ("[broken", "the start of a list"), ("[Draft] Risks", "the start of a list"), ("{x", "a group of settings"),
        ("&first Risks", "a name for reusing a value (a YAML anchor)"), ("*Important* risks", "a copy of another value (a YAML alias)"),
        ("!Note", "a type (a YAML tag)"), ("| Risks", "the start of a block of lines"), ("> Risks", "the start of a folded block of lines"),
        ("%20 off", "a YAML directive"), ("@clinic news", "a character YAML keeps for itself"), ("`code` tips", "a character YAML keeps for itself"),
    ],
)
def test_a_title_starting_with_a_yaml_indicator_is_read_as_text_with_a_warning_saying_so(content, value, meaning):
    card, problems = problems_of(content, f"---\ntitle: {value}\n---\nBody.\n")
    assert card.title == value
    assert problems == [(2, "warning", f"the title starts with '{value[0]}', which the header would read as {meaning}; it is read as the "
                                        f'text "{value}". If that is what you meant, put it in quotes to say so: title: "{value}"')]


def test_a_header_slip_saved_over_a_card_with_its_text_lost_is_an_error_and_the_last_good_version_stays(content):
    from kiosk.core.store import ContentStore

    store = ContentStore(content)
    path = content / "en" / "10-what-is-ketamine.md"
    good = next(card for card in store.reload().cards("en") if card.slug == path.name)
    path.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")  # a real save from an editor that lost the text
    state = store.reload()
    assert next(card for card in state.cards("en") if card.slug == path.name) == good
    mine = [(p.line, p.severity.value, p.message) for p in state.problems if p.path == path]
    assert (3, "error", "the card has no text under its header: type what patients should read below this --- line") in mine
    assert mine[0][:2] == (2, "warning") and mine[0][2].startswith("the title starts with '['")


def test_a_source_with_a_colon_is_text_too(content):
    card, problems = problems_of(content, "---\ntitle: Risks\nsource: Clinic protocol: version 3\n---\nBody.\n")
    assert (problems, card.governance.source) == ([], "Clinic protocol: version 3")


@pytest.mark.parametrize(
    ("header", "line"),
    [
        ("title:\tWhat is ketamine?\nicon: fa5s.capsules", 2),
        ("title: What is ketamine?\n\ticon: fa5s.capsules", 3),
    ],
)
def test_a_tab_is_read_as_a_space_and_staff_are_told_to_type_a_space(content, header, line):
    card, problems = problems_of(content, f"---\n{header}\n---\nBody.\n")
    assert problems == [(line, "warning", "there is a tab on this line; type a space instead (the header needs spaces, not tabs)")]
    assert (card.title, card.icon) == ("What is ketamine?", "fa5s.capsules")


@pytest.mark.parametrize(("opening", "closing"), [("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u201e", "\u201c"), ("\u00ab", "\u00bb")])
def test_curly_quotes_around_a_value_are_dropped_with_the_exact_fix(content, opening, closing):
    card, problems = problems_of(content, f"---\ntitle: {opening}Ketamine: what is it?{closing}\n---\nBody.\n")
    assert problems == [(2, "warning", "the title is in curly quotes, which word processors put in; "
                                       "type it without quotes: 'title: Ketamine: what is it?'")]
    assert card.title == "Ketamine: what is it?"


def test_curly_quotes_inside_a_title_are_part_of_it(content):
    card, problems = problems_of(content, "---\ntitle: What \u201cdissociation\u201d means\n---\nBody.\n")
    assert (problems, card.title) == ([], "What \u201cdissociation\u201d means")


@pytest.mark.parametrize("key", ["Title", "TITLE"])
def test_a_capitalised_key_counts_and_staff_are_told_to_use_small_letters(content, key):
    card, problems = problems_of(content, f"---\n{key}: What is ketamine?\nIcon: fa5s.capsules\n---\nBody.\n")
    assert problems == [
        (2, "warning", f"'{key}:' must be written in small letters: type 'title:'"),
        (3, "warning", "'Icon:' must be written in small letters: type 'icon:'"),
    ]
    assert (card.title, card.icon) == ("What is ketamine?", "fa5s.capsules")


def test_no_space_after_the_colon_is_read_and_shown_with_the_space(content):
    card, problems = problems_of(content, "---\ntitle:What is ketamine?\n---\nBody.\n")
    assert problems == [(2, "warning", "type a space after 'title:', as in 'title: What is ketamine?'")]
    assert card.title == "What is ketamine?"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: What is ketamine?\nicon: fa5s.capsules\n\nKetamine is a medicine.\n", 3,
         "the header is not closed: type a line with only --- after 'icon: fa5s.capsules'"),
        ("---\ntitle: What is ketamine?\nKetamine is a medicine.\n", 2,
         "the header is not closed: type a line with only --- after 'title: What is ketamine?'"),
        # A '---' further down (a dividing line in the text) must not be taken for the header's end.
        ("---\ntitle: What is ketamine?\n\nKetamine is a medicine: an old one.\n\n---\n\nMore.\n", 2,
         "the header is not closed: type a line with only --- after 'title: What is ketamine?'"),
        ("---\nKetamine is a medicine.\n", 1,
         "the header is not closed: type a line such as 'title: What is ketamine?' after this '---', then a line with only ---"),
    ],
)
def test_a_missing_closing_line_names_where_to_type_it(content, text, line, message):
    card, problems = problems_of(content, text)
    assert card is None
    assert problems == [(line, "error", message)]


def test_an_unclosed_straight_quote_says_to_close_it(content):
    card, problems = problems_of(content, '---\ntitle: "What is ketamine?\n---\nBody.\n')
    assert card is None
    assert problems == [(2, "error", 'the quote (") at the start of the title is not closed: type " at the end of the line too, or remove it')]


def test_a_key_given_twice_says_which_line_counts(content):
    card, problems = problems_of(content, "---\ntitle: One\nicon: fa5s.capsules\ntitle: Two\n---\nBody.\n")
    assert problems == [(4, "warning", "'title' is given twice (lines 2 and 4); the one on line 4 is used")]
    assert card.title == "Two"


def test_body_and_its_first_line_are_kept_for_the_plain_language_checks(content):
    card, _ = problems_of(content, "---\ntitle: T\nicon: fa5s.capsules\n---\nFirst line.\n\nSecond.\n")
    assert card.body == "First line.\n\nSecond.\n"
    assert card.body_line == 5
