"""Every character shows: the coverage table matches the bundled fonts, and staff hear about the rest."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import REPO, write_card

from kiosk.core.cards import load_card
from kiosk.core.coverage import COVERAGE_FILE, FONT_FILES, drawable, undrawable
from kiosk.core.markdown import render_markdown
from kiosk.core.paths import read_resource, resource_path

UNDRAWABLE = ("cannot be shown by the kiosk's fonts (patients would see an empty box); remove or replace it,"
              " or add a font that has it to content/fonts/")


def test_the_shipped_table_is_made_from_the_shipped_fonts():
    spec = importlib.util.spec_from_file_location("font_coverage", REPO / "scripts" / "font_coverage.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert read_resource(COVERAGE_FILE) == script.coverage_text(), "fonts changed: run scripts/font_coverage.py"


def test_every_listed_font_is_bundled():
    for name in FONT_FILES:
        assert resource_path(name).stat().st_size > 20_000, name  # a real font, not a Git LFS pointer


@pytest.mark.parametrize("char", ["a", "é", "ñ", "¿", "€", "•", "–", "…", "🙂", "👍", "❤", "✓", "✔", "→", "↓", "★", "☎", "⚠"])
def test_letters_emoji_and_common_symbols_are_drawable(char):
    assert drawable(char)


def test_every_vietnamese_letter_is_drawable_composed_or_with_combining_marks():
    """Noto Sans has Latin Extended Additional: Vietnamese needs no font of its own."""
    letters = "ĂÂĐÊÔƠƯăâđêôơư" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
    assert undrawable(letters + "a\u0300\u0301\u0303\u0309\u0323") == []


def test_printable_ascii_is_all_covered():
    assert all(drawable(chr(c)) for c in range(0x20, 0x7F))


def test_undrawable_names_private_use_and_unsupported_scripts_once_each():
    assert undrawable("Hi \ue000 ไทย \ue000 🙂\u200d👍\ufe0f\u00ad") == ["\ue000", "ไ", "ท", "ย"]


def test_body_warning_names_the_line_of_the_character(tmp_path):
    result = render_markdown("Fine 🙂 ✓ →.\n\n- One\n- Two \ue000 here\n\n| a | b |\n|---|---|\n| ไ | x |\n", tmp_path)
    assert [(n.body_line, n.is_error, n.message) for n in result.notes] == [
        (4, False, f"character U+E000 {UNDRAWABLE}"),
        (8, False, f"character U+0E44 'ไ' {UNDRAWABLE}"),
    ]


def test_code_blocks_are_checked_on_their_own_lines(tmp_path):
    result = render_markdown("```\nok\nbad \ue001\n```\n", tmp_path)
    assert [n.body_line for n in result.notes] == [3]


def test_kiosk_check_names_file_and_line_in_title_and_body(content: Path):
    path = write_card(content, "15-symbols.md", "---\ntitle: Care \ue000 team\nicon: fa5s.user-md\n---\nIntro 🙂.\n\nCall \U000F0000 us.\n")
    result = load_card(path, content)
    assert result.card is not None  # a warning: the card still shows
    assert [(p.line, p.severity.value, p.message) for p in result.problems] == [
        (2, "warning", f"title: character U+E000 {UNDRAWABLE}"),
        (7, "warning", f"character U+F0000 {UNDRAWABLE}"),
    ]


def test_a_character_written_as_an_entity_is_checked_too(tmp_path):
    assert [n.body_line for n in render_markdown("Fine.\n\nA &#xE000; box.\n", tmp_path).notes] == [3]


def test_the_qr_caption_is_checked_too(content: Path):
    path = write_card(content, "15-qr.md", "---\ntitle: Visit\nqr: https://example.org/\nqr_label: Scan \ue000 here\n---\nBody.\n")
    result = load_card(path, content)
    assert result.card is not None and result.card.qr_label == "Scan \ue000 here"
    assert [(p.line, p.message) for p in result.problems] == [(4, f"qr_label: character U+E000 {UNDRAWABLE}")]
