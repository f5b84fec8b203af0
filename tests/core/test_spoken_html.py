"""A card body heard in reading order: lists item by item, tables row by row with headers, no markup."""

from __future__ import annotations

from kiosk.core.spoken_html import clean_text, html_blocks


def kinds_and_texts(html: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in html_blocks(html)]


def test_paragraphs_headings_and_list_items_in_order():
    html = "<h2>Before</h2><p>Eat <strong>light</strong>.</p><ul><li>Water</li><li>Rest <em>well</em></li></ul><p>End.</p>"
    assert kinds_and_texts(html) == [
        ("heading", "Before"), ("paragraph", "Eat light."), ("item", "Water"), ("item", "Rest well"), ("paragraph", "End."),
    ]


def test_ordered_items_are_numbered_but_the_number_is_not_in_the_shown_text():
    blocks = html_blocks("<ol><li>First</li><li><p>Second</p></li></ol>")
    assert [b.text for b in blocks] == ["1. First", "2. Second"]
    assert [b.shown for b in blocks] == ["First", "Second"]
    assert [b.kind for b in blocks] == ["item", "item"]


def test_ordered_list_keeps_its_start_number():
    assert [b.text for b in html_blocks('<ol start="3"><li>Third</li></ol>')] == ["3. Third"]


def test_nested_lists_read_the_parent_before_its_children():
    html = "<ul><li>Feelings<ul><li>calm</li><li>dreamy</li></ul></li><li>Body</li></ul>"
    assert [b.text for b in html_blocks(html)] == ["Feelings", "calm", "dreamy", "Body"]


def test_table_is_read_row_by_row_with_its_headers():
    html = (
        "<table><thead><tr><th>Side effect</th><th>How often</th></tr></thead>"
        "<tbody><tr><td>Nausea</td><td>Common</td></tr><tr><td>Dizziness</td><td>Common</td></tr></tbody></table>"
        "<p>After.</p>"
    )
    assert kinds_and_texts(html) == [
        ("row", "Side effect: Nausea; How often: Common."),
        ("row", "Side effect: Dizziness; How often: Common."),
        ("paragraph", "After."),
    ]
    assert html_blocks(html)[0].shown == "Nausea"


def test_table_without_headers_reads_its_cells():
    assert [b.text for b in html_blocks("<table><tr><td>a</td><td>b</td></tr></table>")] == ["a; b."]


def test_struck_text_is_not_read_and_breaks_are_spaces():
    assert kinds_and_texts("<p>Costs <del>$100</del> $80<br>a session</p>") == [("paragraph", "Costs $80 a session")]


def test_markup_characters_and_emoji_are_not_read_out():
    assert clean_text("**Note** 💊 # — read | this `now`") == "Note — read this now"


def test_picture_with_alt_text_is_described_and_without_is_silent():
    blocks = html_blocks('<p><img src="file:///a.png" alt="The clinic room"></p><p><img src="file:///b.png"></p>', "Imagen: {alt}")
    assert [(b.kind, b.text) for b in blocks] == [("picture", "Imagen: The clinic room")]


def test_quotes_and_code_are_read_as_text():
    html = "<blockquote><p>Call us first.</p></blockquote><pre><code>ask 1</code></pre>"
    assert kinds_and_texts(html) == [("paragraph", "Call us first."), ("code", "ask 1")]
