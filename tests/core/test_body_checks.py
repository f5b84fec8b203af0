"""Markdown slips that would silently show something else get a warning on the line to fix."""

from __future__ import annotations

from kiosk.core.body_checks import INDENTED_CODE, NOT_A_TABLE
from kiosk.core.markdown import render_markdown


def notes(body: str, tmp_path) -> list[tuple[int, bool, str]]:
    return [(n.body_line, n.is_error, n.message) for n in render_markdown(body, tmp_path).notes]


def test_a_table_without_its_separator_line_is_named(tmp_path):
    body = "Costs:\n\n| What | Ask your insurer |\n| Cost | Yes |\n"
    assert notes(body, tmp_path) == [(3, False, NOT_A_TABLE)]
    assert "|" in render_markdown(body, tmp_path).html  # what patients would see


def test_a_separator_with_the_wrong_number_of_columns_is_named(tmp_path):
    assert notes("| What | Who |\n|---|\n| a | b |\n", tmp_path) == [(1, False, NOT_A_TABLE)]


def test_a_real_table_and_a_lone_pipe_are_fine(tmp_path):
    assert notes("| What | Who |\n|---|---|\n| a | b |\n\nEither | or.\n", tmp_path) == []


def test_text_indented_four_spaces_is_named(tmp_path):
    assert notes("Intro.\n\n    Take it with water.\n", tmp_path) == [(3, False, INDENTED_CODE)]


def test_sub_items_indented_two_to_four_spaces_are_not_code(tmp_path):
    assert notes("1. One\n    - four\n2. Two\n   - three\n- Bullet\n  - two\n", tmp_path) == []


def test_fenced_code_is_what_staff_asked_for(tmp_path):
    assert notes("```\ncode\n```\n", tmp_path) == []


def test_old_mac_line_breaks_count_as_lines(tmp_path):
    # Found by fuzzing: markdown-it counts a lone \r as a line break, so the checks must too.
    assert notes("\r ketamine", tmp_path) == []
    assert notes("x\r\r    code", tmp_path) == [(3, False, INDENTED_CODE)]
