"""Table rows for a right-to-left page: cells in the opposite order, nested tables too."""

from __future__ import annotations

from kiosk.core.markdown import render_markdown
from kiosk.core.mirror import mirror_tables


def test_every_row_of_a_card_table_is_reversed(tmp_path):
    html = render_markdown("| الأول | الثاني | الثالث |\n|---|---|---|\n| 1 | 2 | 3 |\n", tmp_path).html
    mirrored = mirror_tables(html)
    assert mirrored.index("الثالث") < mirrored.index("الثاني") < mirrored.index("الأول")
    assert mirrored.index(">3<") < mirrored.index(">2<") < mirrored.index(">1<")
    assert mirror_tables(mirrored) == html


def test_a_table_inside_a_one_cell_callout_and_text_around_it():
    html = '<p>a</p><table><tr><td class="callout"><table><tr><td>x</td><td>y</td></tr></table>q</td></tr></table><p>b</p>'
    assert mirror_tables(html) == '<p>a</p><table><tr><td class="callout"><table><tr><td>y</td><td>x</td></tr></table>q</td></tr></table><p>b</p>'


def test_html_without_tables_is_unchanged():
    assert mirror_tables("<p>no tables</p>") == "<p>no tables</p>"
