"""Hidden direction controls and floods of accent marks: check warns at the line, in the title and the text."""

from __future__ import annotations

from conftest import write_card

from kiosk.core.cards import load_card
from kiosk.core.hidden_text import hidden_text_problems

RLO, PDF, LRM, RLI, PDI = "\u202e", "\u202c", "\u200e", "\u2067", "\u2069"
OVERRIDE = ("hidden direction controls U+202C (pop directional formatting), U+202E (right-to-left override): it makes the text show in "
            "another order than the file reads (words can swap places); delete it (most editors do not show it: retype the line)")


def warnings(content, text: str) -> list[tuple[int, str]]:
    result = load_card(write_card(content, "15-hidden.md", text), content)
    return [(p.line, p.message) for p in result.problems if p.severity.value == "warning"]


def test_a_right_to_left_override_in_the_title_and_the_text_is_named_at_its_line(content):
    # On screen this reads "Safe double dose" reversed in part; in the file it says something else.
    text = f"---\ntitle: Safe {RLO}esod elbuod{PDF} dose\n---\nFirst line.\n\nTake {RLO}owt{PDF} tablets.\n"
    assert warnings(content, text) == [(2, f"title: {OVERRIDE}"), (6, OVERRIDE)]


def test_direction_marks_inside_right_to_left_text_are_fine_but_an_override_never_is():
    assert hidden_text_problems(f"\u0645\u0631\u062d\u0628\u0627 {LRM}2026{LRM} {RLI}\u05e9\u05dc\u05d5\u05dd{PDI}") == []
    assert hidden_text_problems(f"Hello {LRM}world") != []
    assert hidden_text_problems(f"\u0645\u0631\u062d\u0628\u0627 {RLO}x") != []


def test_a_flood_of_accent_marks_is_named_and_ordinary_accents_are_not(content):
    zalgo = "H" + "\u0336\u0317\u0353\u031f\u0354\u0329\u0347\u0330" + "ello"
    text = f"---\ntitle: Risks\n---\nCafé, Tiếng Việt, niño.\n\n{zalgo} there.\n"
    assert warnings(content, text) == [(6, "a letter here carries 8 accent marks stacked on it (combining characters), which draw "
                                           "over the lines around it; remove the extra marks")]
