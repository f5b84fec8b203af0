"""The kiosk's Qt overrides (resizeEvent, changeEvent, paintEvent, sizeHint, setGeometry, ...) hold
whatever size the window is given and whatever the visit changes, on every kind of screen.

In PySide6 an exception raised by C code (a list indexed past its end, a division by zero, max() of
nothing) inside an override that Qt runs for a call made from Python (resize, setLayoutDirection,
a layout's activation) is a segmentation fault, not an error message (docs/architecture.md, "Qt
overrides must not raise"). So this drives the real kiosk through sizes no layout was written for,
mirrors it and enlarges its text while it is that small, and asks every screen to draw: a worker
that dies here is an override that raised.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import DATA, SAMPLE_CONTENT
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import KioskApp
from kiosk.core.config import Clinic
from kiosk.core.strings import strings_for
from kiosk.staff.core.info import StaffInfo
from kiosk.ui.contact import ContactScreen
from kiosk.ui.navbar import NavBar
from kiosk.ui.pager import SwipePager
from kiosk.ui.qrcode import QrCodeView
from kiosk.ui.theme import Metrics, Theme
from kiosk.ui.topic_tile import Tile
from kiosk.ui.topics_grid import TopicsGrid
from kiosk.ui.welcome import WelcomeScreen
from kiosk.usage.ui.chart import BarChart

# Nothing at all, a dot, a sliver, the smallest panel we know of, portrait, 4K.
HOSTILE_SIZES = [(0, 0), (1, 1), (200, 100), (640, 480), (1080, 1920), (3840, 2160)]


def settle() -> None:
    """What the event loop would do before the next frame: resize and layout events, and the
    window's size_settled timer (a new theme for the new size)."""
    QApplication.processEvents()


def draws(widget: QWidget) -> bool:
    """The widget paints into a picture of its size (a 0x0 widget has nothing to paint)."""
    return widget.size().isEmpty() or not widget.grab().isNull()


def other_language(kiosk: KioskApp) -> str:
    """Arabic where the content has it and it is not on screen (the whole screen mirrors), else
    another language listed (back to left to right, for a kiosk that starts in Arabic)."""
    languages = kiosk.state.config.kiosk.languages
    return "ar" if "ar" in languages and kiosk.language != "ar" else next(code for code in reversed(languages) if code != kiosk.language)


def screens(kiosk: KioskApp) -> Iterator[str]:
    """Go to the welcome screen, the topics grid (a library), the first card and the contact
    screen in turn, without animation; yields the name of each once it is on screen."""
    window = kiosk.window
    window.go_to(0, animate=False)
    yield "welcome"
    if kiosk.state.library:
        window.go_home()
        yield "topics grid"
        kiosk.pages.open(kiosk.state.topics[0].name)  # a tap on the first tile
    else:
        window.start()
    yield "first card"
    window.go_to(window.pager.count() - 1, animate=False)
    yield "contact"


def through_hostile_sizes(kiosk: KioskApp, where: str, sizes: list[tuple[int, int]]) -> None:
    for size in sizes:
        kiosk.window.resize(*size)
        settle()
        page = kiosk.window.pager.current_page()
        assert page is not None and page.isVisible() and draws(page), f"{where} at {size}"


def arabic_first(tmp_path: Path) -> Path:
    """The eight-language test deck with Arabic listed first: the window is mirrored before the
    pager has a single page (this crashed every start until the pager checked for pages)."""
    root = tmp_path / "content"
    shutil.copytree(DATA / "languages", root)
    toml = root / "kiosk.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('languages = ["en", "es", "ar",', 'languages = ["ar", "en", "es",')
    assert 'languages = ["ar"' in text
    toml.write_text(text, encoding="utf-8")
    return root


CONTENT = {"sample deck": lambda _tmp: SAMPLE_CONTENT, "library": lambda _tmp: DATA / "library", "arabic first": arabic_first}


@pytest.mark.parametrize("content", CONTENT)
def test_every_screen_holds_hostile_sizes_mirrored_and_at_the_largest_text(make_kiosk, tmp_path, content):
    kiosk = make_kiosk(CONTENT[content](tmp_path), size=(1, 1))  # shown before any layout could give it room
    first = kiosk.language
    for language, text_size in ((first, "normal"), (other_language(kiosk), "largest")):
        kiosk.window.resize(0, 0)
        settle()
        kiosk.set_language(language)  # mirrored (Arabic) or restyled while the window has no room at all
        kiosk.set_text_size(text_size)
        for turn, where in enumerate(screens(kiosk)):  # there and back: each size change is a new theme
            through_hostile_sizes(kiosk, f"{where} ({language}, {text_size})", HOSTILE_SIZES[::-1 if turn % 2 else 1])
    kiosk.window.resize(1, 1)
    kiosk.set_language(first)  # and back, on the contact screen, as small as it gets
    kiosk.set_text_size("normal")
    settle()
    assert kiosk.language == first and draws(kiosk.window.pager.current_page())


def test_the_staff_and_usage_panels_hold_hostile_sizes(make_kiosk):
    kiosk = make_kiosk(DATA / "library", size=(0, 0))
    panel = kiosk.staff.panel
    panel.set_info(StaffInfo("/srv/kiosk/content", "0.1.0", "12 h", "2026-12-01 08:00:00", ("a problem",) * 20))
    panel.open()
    kiosk.set_text_size("largest")  # the panels keep staff sizes; the window behind them does not
    for size in HOSTILE_SIZES:
        kiosk.window.resize(*size)
        settle()
        assert panel.isVisible() and draws(kiosk.window), size
    panel.usage_button.click()
    usage = kiosk.staff_usage.panel
    assert usage.isVisible()
    for size in reversed(HOSTILE_SIZES):
        kiosk.window.resize(*size)
        settle()
        assert usage.isVisible() and draws(kiosk.window) and draws(usage.chart), size


# --- each screen's widget on its own, mirrored and squeezed before it has any content -------------

STRINGS = strings_for("en")
CLINIC = Clinic(name="Example Clinic", phone="(555) 010-0000", website="https://example.org/", crisis="Call 988")


def tiles(count: int) -> list[Tile]:
    return [Tile(f"{n}0-topic", f"Topic {n}", "What it is about", "fa5s.info-circle") for n in range(count)]


def dots(navbar: NavBar, count: int) -> None:
    navbar.set_page_count(count)
    navbar.set_position(0)


# (what it is, how it is built, what content is put in it in turn)
WIDGETS: dict[str, tuple[Callable[[Theme], QWidget], list[Callable[[QWidget], object]]]] = {
    "pager": (lambda _theme: SwipePager(animation_ms=0), [
        lambda pager: pager.set_pages([]), lambda pager: pager.set_pages([QWidget(), QWidget()], 1)]),
    "topics grid": (TopicsGrid, [lambda grid, count=count: grid.set_content(tiles(count), STRINGS) for count in (0, 1, 9)]),
    "contact": (ContactScreen, [
        lambda contact: contact.set_content(Clinic(), STRINGS), lambda contact: contact.set_content(CLINIC, STRINGS)]),
    "welcome": (WelcomeScreen, [lambda welcome: welcome.set_topics([]), lambda welcome: welcome.set_topics([("Sleep", "fa5s.bed")])]),
    "navbar": (NavBar, [lambda navbar, count=count: dots(navbar, count) for count in (0, 1, 13)]),
    "usage chart": (BarChart, [lambda chart, bars=bars: chart.set_bars(bars) for bars in ([], [("Mon", 0), ("Tue", 0)], [("Mon", 0), ("Tue", 3)])]),
    "qr code": (lambda theme: QrCodeView("", theme.metrics.qr), [
        lambda qr: qr.set_url("https://example.org/"), lambda qr: qr.set_url("")]),
}


@pytest.mark.parametrize("name", WIDGETS)
def test_each_screen_widget_holds_before_and_after_its_content(qtbot, name):
    build, contents = WIDGETS[name]
    widget = build(Theme(Metrics.for_size(1, 1)))
    qtbot.addWidget(widget)
    widget.resize(0, 0)
    widget.show()
    for fill in (None, *contents):
        if fill is not None:
            fill(widget)
        widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the first time: before it has anything to show
        for size in HOSTILE_SIZES:
            widget.resize(*size)
            settle()
            assert draws(widget), f"{name} at {size}"
        widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # and back, at 4K
        assert draws(widget), name
