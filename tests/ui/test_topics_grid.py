"""The topics grid on its own: columns for the screen's shape, tiles that take a tap, pages past eight."""

from __future__ import annotations

import pytest
from helpers.gestures import mouse_tap

from kiosk.core.strings import strings_for
from kiosk.ui.theme import Metrics, Theme
from kiosk.ui.topic_tile import Tile
from kiosk.ui.topics_grid import MIN_TILE_AT_1080, TopicsGrid


def tiles(count: int) -> list[Tile]:
    return [Tile(f"{n}0-topic", f"Topic {n}", "What it is about", "fa5s.info-circle") for n in range(1, count + 1)]


@pytest.fixture
def grid(qtbot):
    def make(size: tuple[int, int], count: int) -> TopicsGrid:
        widget = TopicsGrid(Theme(Metrics.for_size(*size)))
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        widget.set_content(tiles(count), strings_for("en"))
        return widget
    return make


@pytest.mark.parametrize(("size", "count", "columns"), [
    ((1920, 1080), 2, 2), ((1920, 1080), 3, 3), ((1920, 1080), 4, 2), ((1920, 1080), 6, 3), ((1920, 1080), 8, 4),
    ((1080, 1920), 3, 2), ((1080, 1920), 8, 2),
])
def test_two_columns_in_portrait_more_in_landscape(grid, size, count, columns):
    widget = grid(size, count)
    assert widget.columns == columns and widget.page_count == 1
    assert len(widget.visible_tiles()) == count
    assert all(view.height() >= widget.theme.metrics.px(MIN_TILE_AT_1080) for view in widget.visible_tiles())


def test_a_tap_on_a_tile_sends_its_topic(grid, qtbot):
    widget = grid((1920, 1080), 4)
    view = widget.visible_tiles()[2]
    with qtbot.waitSignal(widget.topic_chosen) as chosen:
        mouse_tap(widget, view.mapTo(widget, view.rect().center()))
    assert chosen.args == ["30-topic"]


def test_past_eight_the_grid_pages_and_reset_goes_back_to_the_first_page(grid):
    widget = grid((1920, 1080), 11)
    assert widget.per_page == 8 and widget.page_count == 2
    assert widget.pages_row.isVisible() and widget.count.text() == "1 of 2"
    widget.more.click()
    assert [view.title.text() for view in widget.visible_tiles()] == ["Topic 9", "Topic 10", "Topic 11"]
    assert widget.count.text() == "2 of 2" and widget.previous.isVisible() and not widget.more.isVisible()
    widget.set_content(tiles(11), strings_for("es"))  # new content or language: the patient stays on the page
    assert widget.page == 1 and widget.count.text() == "2 de 2"
    widget.reset()
    assert widget.page == 0 and widget.visible_tiles()[0].title.text() == "Topic 1"


def test_no_topics_says_so(grid):
    widget = grid((1920, 1080), 0)
    assert widget.empty.isVisible() and widget.visible_tiles() == [] and not widget.pages_row.isVisible()
