"""A topic library on the running kiosk, driven by real taps and swipes on the three screen shapes:
welcome → grid → a topic's cards → contact, Home back to the grid, the idle reset to the welcome
screen, and show windows followed on an injected clock."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import LIBRARY
from helpers.gestures import mouse_drag, mouse_tap, touch_tap
from PySide6.QtCore import QPoint

from kiosk.core.tuning import Timing
from kiosk.ui.topics_grid import MIN_TILE_AT_1080

SIZES = [(1920, 1080), (1080, 1920), (1280, 1024)]
MONDAY_9 = datetime(2026, 5, 4, 9, 0)
TAPS = {"mouse": mouse_tap, "touch": touch_tap}


class Clock:
    """The kiosk's wall clock, moved by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def tap(kiosk, widget, how: str = "touch") -> None:
    TAPS[how](kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def titles(kiosk) -> list[str]:
    return [view.title.text() for view in kiosk.grid.visible_tiles()]


def screen(kiosk) -> tuple[str, str, str]:
    shown = kiosk.current_screen()
    return shown.kind.value, shown.topic, shown.slug


@pytest.fixture
def library_kiosk(make_kiosk):
    def make(size=(1920, 1080), moment=MONDAY_9, root=LIBRARY, **kwargs):
        clock = Clock(moment)
        kiosk = make_kiosk(root, size=size, now=clock, **kwargs)
        kiosk.clock = clock
        return kiosk
    return make


@pytest.mark.parametrize("how", TAPS)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_tap_opens_a_topic_and_home_returns_to_the_grid(library_kiosk, size, how):
    kiosk = library_kiosk(size)
    window = kiosk.window
    assert screen(kiosk) == ("welcome", "", "")
    TAPS[how](window, QPoint(size[0] // 2, size[1] // 2))
    assert screen(kiosk) == ("topics", "", "")
    assert not window.navbar.isVisible()
    assert titles(kiosk) == ["The basics", "Before your session", "Paying for care"]
    for view in kiosk.grid.visible_tiles():  # large, and wholly on screen
        assert view.height() >= kiosk.theme.metrics.px(MIN_TILE_AT_1080)
        corner = view.mapTo(window, view.rect().bottomRight())
        assert 0 <= view.mapTo(window, view.rect().topLeft()).y() and corner.x() < size[0] and corner.y() < size[1]
    tap(kiosk, kiosk.grid.visible_tiles()[1], how)
    assert screen(kiosk) == ("card", "20-mornings", "10-bring.md")
    assert window.navbar.isVisible() and window.navbar.count.text() == "1 of 2"
    assert len(window.navbar.dots) == 2
    tap(kiosk, window.navbar.next, how)
    assert screen(kiosk) == ("contact", "20-mornings", "")
    assert window.navbar.count.text() == "2 of 2"
    tap(kiosk, window.navbar.home, how)
    assert screen(kiosk) == ("topics", "", "")
    assert window.pager.count() == 2  # the topic's pages went with it: no swipe leads back into them
    tap(kiosk, kiosk.grid.visible_tiles()[0], how)
    assert screen(kiosk) == ("card", "10-first", "10-what.md") and window.navbar.count.text() == "1 of 3"


def test_more_topics_on_the_contact_screen_and_a_swipe_back_from_the_first_card_reach_the_grid(library_kiosk):
    kiosk = library_kiosk()
    window = kiosk.window
    window.start()
    tap(kiosk, kiosk.grid.visible_tiles()[2])
    tap(kiosk, window.navbar.next)
    assert screen(kiosk) == ("contact", "30-english-only", "")
    assert kiosk.contact.more_topics.isVisible() and kiosk.contact.more_topics.text().strip() == "More topics"
    tap(kiosk, kiosk.contact.more_topics)
    assert screen(kiosk) == ("topics", "", "")
    tap(kiosk, kiosk.grid.visible_tiles()[0])
    middle = window.height() // 2
    mouse_drag(window, QPoint(200, middle), QPoint(window.width() - 100, middle))  # swipe right: back
    assert screen(kiosk) == ("topics", "", "")
    mouse_drag(window, QPoint(window.width() - 100, middle), QPoint(100, middle))  # swipe left on the grid: nothing
    assert screen(kiosk) == ("topics", "", "")


def test_the_idle_reset_goes_to_the_welcome_screen_and_forgets_the_topic(library_kiosk, qtbot):
    kiosk = library_kiosk(timing=Timing(animation_ms=0, idle_ms=600_000, countdown_s=1, tick_ms=20))
    window = kiosk.window
    window.start()
    tap(kiosk, kiosk.grid.visible_tiles()[0])
    tap(kiosk, window.visit_bar.language_buttons["es"])
    assert screen(kiosk) == ("card", "10-first", "10-what.md") and kiosk.views["10-what.md"].card.title == "¿Qué es?"
    with qtbot.waitSignal(kiosk.visit_reset, timeout=3000):
        kiosk.idle.idle.emit()  # the idle monitor's verdict, now: "Still reading?", then its countdown runs out
    assert screen(kiosk) == ("welcome", "", "") and kiosk.language == "en"
    assert window.pager.count() == 2 and kiosk.pages.open_topic == ""


def test_the_grid_follows_the_language_and_leaves_out_topics_without_it(library_kiosk):
    kiosk = library_kiosk()
    kiosk.window.start()
    tap(kiosk, kiosk.window.visit_bar.language_buttons["es"])
    assert screen(kiosk) == ("topics", "", "")
    assert kiosk.grid.heading.text() == "Elija un tema"
    assert titles(kiosk) == ["Lo básico", "Antes de su sesión"]
    assert [view.summary.text() for view in kiosk.grid.visible_tiles()] == ["Qué es el tratamiento y cómo podría ayudar", "Qué traer y qué esperar"]
    assert kiosk.window.navbar.home.text().strip() == "Temas"


def test_show_windows_on_an_injected_clock(library_kiosk):
    kiosk = library_kiosk(moment=datetime(2026, 5, 4, 11, 59))
    kiosk.window.start()
    assert titles(kiosk) == ["The basics", "Before your session", "Paying for care"]
    assert kiosk.show_watch.moment == datetime(2026, 5, 4, 12, 0)  # the hours end: the grid is asked again then
    tap(kiosk, kiosk.grid.visible_tiles()[1])
    assert screen(kiosk) == ("card", "20-mornings", "10-bring.md")
    kiosk.clock.moment = datetime(2026, 5, 4, 12, 0, 1)
    kiosk.show_watch.on_timeout()
    assert screen(kiosk) == ("topics", "", "")  # the topic went off the grid: the patient is back on it
    assert titles(kiosk) == ["The basics", "Paying for care"]
    kiosk.clock.moment = datetime(2026, 5, 9, 9, 0)  # Saturday morning: still off
    kiosk.on_new_day()
    assert titles(kiosk) == ["The basics", "Paying for care"]
    kiosk.clock.moment = datetime(2026, 5, 11, 8, 0)  # Monday 08:00: on again
    kiosk.on_new_day()
    assert titles(kiosk) == ["The basics", "Before your session", "Paying for care"]


def test_the_attract_loop_shows_the_topics_one_at_a_time(library_kiosk):
    kiosk = library_kiosk()
    seen = []
    for _ in range(3):
        kiosk.welcome.show_next_topic()
        seen.append(kiosk.welcome.attract_title.text())
    inside = kiosk.strings["attract_inside"]
    assert seen == [f"{inside} Before your session", f"{inside} Paying for care", f"{inside} The basics"]


def test_a_ninth_topic_pages_the_grid(library_kiosk, tmp_path):
    import shutil

    root = tmp_path / "library"
    shutil.copytree(LIBRARY, root)
    for number in range(4, 10):
        folder = root / "topics" / f"{number}0-extra-{number}"
        (folder / "en").mkdir(parents=True)
        (folder / "topic.toml").write_text(f'title = "Extra {number}"\nsummary = "More to read"\n')
        (folder / "en/10-a.md").write_text("---\ntitle: A\n---\nText.\n")
    kiosk = library_kiosk(root=root)
    kiosk.window.start()
    grid = kiosk.grid
    assert len(grid.tiles) == 9 and grid.page_count == 2 and len(grid.visible_tiles()) == 8
    assert grid.more.isVisible() and not grid.previous.isVisible() and grid.count.text() == "1 of 2"
    tap(kiosk, grid.more)
    assert titles(kiosk) == ["Extra 9"] and grid.previous.isVisible() and not grid.more.isVisible()
    tap(kiosk, grid.visible_tiles()[0])
    assert screen(kiosk) == ("card", "90-extra-9", "10-a.md")


@pytest.mark.parametrize("how", ["mouse", "touch"])
def test_a_reload_while_a_finger_is_on_a_tile_does_not_eat_the_tap(library_kiosk, how):
    """Staff save a card (or a topic's hours begin) just as a patient touches a tile: the tap still opens it."""
    from helpers.gestures import touch_device
    from PySide6.QtTest import QTest

    kiosk = library_kiosk()
    kiosk.window.start()
    tile = kiosk.grid.visible_tiles()[1]
    centre = tile.mapTo(kiosk.window, tile.rect().center())
    if how == "mouse":
        mouse_drag(kiosk.window, centre, centre, steps=0, before_release=lambda: kiosk.reload())
    else:
        QTest.touchEvent(kiosk.window, touch_device()).press(0, centre).commit()
        kiosk.reload()
        QTest.touchEvent(kiosk.window, touch_device()).release(0, centre).commit()
    assert screen(kiosk) == ("card", "20-mornings", "10-bring.md")
