"""`[screen]` and `[paper]`: a block worded for the kiosk only or for the printed handout only."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_card

from kiosk.core.cards import load_card
from kiosk.core.markdown import render_markdown
from kiosk.core.media import MISPLACED, PAPER, SCREEN

BODY = """[screen] Take a **photo** of this screen.

[paper] Tick the questions you want to ask.

- Could it help me?
- [paper] Is it safe with my heart?
- What will it cost?

1. one
2. [Screen] two
3. three

## [paper] For your notes

> [paper] Keep this page.

| Ask | Who |
|---|---|
| [screen] Where is the desk? | Staff |
| What it costs | Insurer |
"""


def texts(medium: str) -> list[str]:
    return [block.text for block in render_markdown(BODY, Path("/nowhere"), medium=medium).blocks]


def test_the_screen_leaves_out_paper_lines_and_drops_its_own_tags():
    assert texts(SCREEN) == [
        "Take a photo of this screen.", "Could it help me?", "What will it cost?", "one", "two", "three",
        "Ask; Who", "Ask: Where is the desk?; Who: Staff", "Ask: What it costs; Who: Insurer",
    ]


def test_paper_leaves_out_screen_lines_whole_items_quotes_rows_and_headings_included():
    assert texts(PAPER) == [
        "Tick the questions you want to ask.", "Could it help me?", "Is it safe with my heart?", "What will it cost?",
        "one", "three", "For your notes", "Keep this page.", "Ask; Who", "Ask: What it costs; Who: Insurer",
    ]


def test_an_ordered_list_numbers_what_is_left_and_bold_survives():
    paper = render_markdown(BODY, Path("/nowhere"), medium=PAPER)
    assert [(block.number, block.text) for block in paper.blocks if block.number] == [(1, "one"), (2, "three")]
    screen = render_markdown(BODY, Path("/nowhere"), medium=SCREEN).html
    assert "<strong>photo</strong>" in screen and "[screen]" not in screen.lower()
    assert "<blockquote>" not in screen


def test_a_tag_where_it_cannot_apply_is_shown_and_named():
    result = render_markdown("| a | b |\n|---|---|\n| x | [paper] y |\n", Path("/nowhere"), medium=SCREEN)
    assert "[paper] y" in result.html
    assert [(note.body_line, note.message) for note in result.notes] == [(3, MISPLACED)]


def test_a_tag_inside_a_sentence_is_just_text():
    assert "see [paper] here" in render_markdown("Please see [paper] here.", Path("/nowhere"), medium=PAPER).html


@pytest.mark.parametrize("body", ["No tags at all.", "[screen] Only a screen line.\n\nBoth."])
def test_a_card_carries_its_paper_version_only_when_it_differs(content, body):
    card = load_card(write_card(content, "15-media.md", f"---\ntitle: T\n---\n{body}\n"), content).card
    assert card.html_for(SCREEN) == card.html
    if "[screen]" in body:
        assert card.html_for(PAPER) == "<p>Both.</p>"
        assert [b.text for b in card.blocks_for(PAPER)] == ["Both."]
    else:
        assert card.paper_html is None and card.html_for(PAPER) == card.html
