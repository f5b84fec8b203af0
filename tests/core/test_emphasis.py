"""Too much bold: `kiosk check` warns past `[check] max_bold` phrases, at the first one past it."""

from __future__ import annotations

from conftest import write_card

from kiosk.core.cards import load_card
from kiosk.core.check_settings import CheckSettings
from kiosk.core.emphasis import bold_lines, bold_problems

BODY = "**Ketamine** is a **medicine**.\n\n- It is __not a cure__.\n- It has **risks**, some **mild**.\n\n`**not bold**` and 2 * 3 * 4.\n"


def test_bold_phrases_are_found_on_their_lines_and_code_is_not_bold():
    assert bold_lines(BODY) == [1, 1, 3, 4, 4]


def test_more_than_the_limit_is_a_warning_at_the_first_phrase_past_it(content):
    card = load_card(write_card(content, "15-bold.md", f"---\ntitle: Bold\n---\n{BODY}"), content).card
    [problem] = bold_problems((card,), CheckSettings())
    assert (problem.line, problem.is_error) == (7, False)  # the body starts on line 4; phrase 4 is on its line 4
    assert problem.message == ("5 bold phrases on this card: with more than 3, none stands out; keep bold for the few "
                               "things a patient must not miss (bold phrase 4 is on this line)")
    assert bold_problems((card,), CheckSettings(max_bold=5)) == []
