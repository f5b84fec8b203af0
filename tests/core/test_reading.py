"""The card body in reading order: what the read-aloud (and the handout) says, block by block."""

from __future__ import annotations

import shutil

from conftest import DATA

from kiosk.core.cards import load_card
from kiosk.core.markdown import parse
from kiosk.core.reading import (
    CODE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_HEADER, TABLE_ROW, ReadingBlock, reading_blocks,
)


def test_a_card_reads_in_order_with_list_numbers_quotes_and_table_headers(content):
    target = content / "en" / "15-lines.md"
    shutil.copy(DATA / "markdown" / "structure-lines.md", target)
    card = load_card(target, content).card
    assert card is not None
    assert [(b.kind, b.text, b.line, b.depth, b.number, b.in_quote) for b in card.blocks] == [
        (PARAGRAPH, "What to do, step by step.", 1, 0, None, False),
        (LIST_ITEM, "Two weeks before", 3, 1, 1, False),
        (LIST_ITEM, "Ask your insurer what they pay.", 4, 2, None, False),
        (LIST_ITEM, "Stop eating late the night before.", 5, 2, None, False),  # raw HTML gone, its words kept
        (LIST_ITEM, "On the day", 6, 1, 2, False),
        (LIST_ITEM, "Bring a friend.", 7, 2, None, False),
        (TABLE_HEADER, "What; Ask", 9, 0, None, False),
        (TABLE_ROW, "What: Cost", 11, 0, None, False),  # the picture that is not shown is not read
        (PARAGRAPH, "Questions? Call us at the front desk.", 13, 0, None, True),
        (PARAGRAPH, "A long paragraph that runs over three lines, with a picture on the third.", 16, 0, None, False),
    ]
    row = card.blocks[7]
    assert (row.cells, row.headers) == (("Cost", ""), ("What", "Ask"))


def test_headings_code_ordered_start_and_loose_items():
    body = "## Your ~~first~~ visit\n\n3. First\n\n   More about it.\n4. Second\n\n```\nline one\n```\n\n![The room](images/room.png)\n"
    assert reading_blocks(parse(body)) == [
        ReadingBlock(HEADING, "Your visit", 1),
        ReadingBlock(LIST_ITEM, "First", 3, 1, 3),
        ReadingBlock(LIST_ITEM, "More about it.", 5, 1, None),
        ReadingBlock(LIST_ITEM, "Second", 6, 1, 4),
        ReadingBlock(CODE, "line one", 8),
        ReadingBlock(PARAGRAPH, "The room", 12),  # a shown picture is read as its description
    ]
