"""Every screen shape a clinic may have: each screen and overlay fits, at every text size, in both
languages, normal and high contrast, with nothing cut off or on top of anything else."""

from __future__ import annotations

import pytest
from helpers.fit import misfits
from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QApplication

from kiosk.staff.core.info import StaffInfo

SHAPES = [(1920, 1080), (1080, 1920), (800, 1280), (1280, 1024), (1366, 768), (800, 480), (3840, 2160)]
# (text size, language, high contrast): every size in both languages; contrast changes colours only,
# so it rides along with half of them rather than doubling the work.
LOOKS = [
    ("normal", "en", False), ("normal", "es", True), ("large", "en", True),
    ("large", "es", False), ("largest", "en", False), ("largest", "es", True),
]
LONG_PROBLEMS = tuple(
    f"/srv/kiosk/content/{lang}/{n}0-a-rather-long-file-name-for-a-card.md:{n}: warning: a problem staff must read in full"
    for lang in ("en", "es") for n in range(1, 7)
)


def overlays(kiosk):
    """Open each overlay in turn (yielding its name), then close it again."""
    kiosk.open_display_panel()
    yield "text-size panel"
    kiosk.display_panel.hide()
    kiosk.idle_overlay.start(10)
    yield "idle prompt"
    kiosk.idle_overlay.cancel()
    kiosk.staff.on_gesture()
    kiosk.staff.pin_pad.show_message(kiosk.strings["pin_disabled"])  # the longest message it shows
    yield "PIN pad"
    kiosk.staff.pin_pad.hide()
    info = StaffInfo("/srv/kiosk/content/with/a/deep/folder/name", "0.1.0", "12 h 5 min", "2026-12-01 08:00:00", LONG_PROBLEMS)
    kiosk.staff.panel.set_strings(kiosk.strings)
    kiosk.staff.panel.set_info(info)
    kiosk.staff.panel.open()
    yield "staff panel"
    kiosk.staff.panel.close_panel()


def settle() -> None:
    """Pending layout work done, without painting (a 4K frame costs more than all the checks)."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


@pytest.mark.parametrize("size", SHAPES, ids=[f"{w}x{h}" for w, h in SHAPES])
def test_every_screen_fits(make_kiosk, size):
    kiosk = make_kiosk(size=size)
    window = kiosk.window
    kiosk.listening.bar.show()  # as when a speech engine answers: the tightest top of every screen
    assert window.size() == QSize(*size)
    problems: list[str] = []
    for text_size, language, contrast in LOOKS:
        kiosk.set_language(language)
        kiosk.set_text_size(text_size)
        kiosk.set_high_contrast(contrast)
        kiosk.staff.set_strings(kiosk.strings)
        kiosk.listening.bar.set_state("speaking" if text_size == "largest" else "idle")  # Stop shows too
        look = f"{size[0]}x{size[1]} {text_size} {language}{' contrast' if contrast else ''}"
        for index in range(window.pager.count()):
            window.go_to(index, animate=False)
            settle()
            problems += misfits(window, f"{look} screen {index}")
        for name in overlays(kiosk):
            settle()
            problems += misfits(window, f"{look} {name}")
        window.go_to(0, animate=False)
    assert window.size() == QSize(*size)
    assert problems == [], "\n".join(problems[:40])


def test_sizes_follow_the_screen_when_it_changes_at_run_time(make_kiosk, qtbot):
    """A screen rotated or swapped while the kiosk runs: the window follows, and so do text and buttons."""
    kiosk = make_kiosk(size=(1920, 1080))
    window = kiosk.window
    kiosk.listening.bar.show()
    window.go_to(3, animate=False)
    body_at_1080 = kiosk.theme.metrics.body
    window.resize(800, 1280)  # rotated to portrait on a smaller panel
    qtbot.waitUntil(lambda: kiosk.theme.metrics.side == 800)
    QApplication.processEvents()
    assert kiosk.theme.metrics.body < body_at_1080
    assert window.navbar.next.font().pixelSize() == kiosk.theme.metrics.body
    assert misfits(window, "800x1280 after rotation") == []
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: kiosk.theme.metrics.side == 1080)
    QApplication.processEvents()
    assert window.navbar.next.font().pixelSize() == body_at_1080
    assert misfits(window, "back to 1920x1080") == []


@pytest.fixture
def nine_topics(library):
    """The test library with six more topics: nine in all, so the grid has a second page."""
    for number in range(4, 10):
        folder = library / "topics" / f"{number}0-more-{number}"
        for language in ("en", "es"):
            (folder / language).mkdir(parents=True)
            (folder / language / "10-a.md").write_text("---\ntitle: A\n---\nText.\n", encoding="utf-8")
        (folder / "topic.toml").write_text(
            f'title = "Questions about topic number {number}"\nsummary = "A summary as long as staff may write for a tile here"\n'
            f'[es]\ntitle = "Preguntas sobre el tema número {number}"\nsummary = "Un resumen tan largo como el personal pueda escribir"\n',
            encoding="utf-8")
    return library


@pytest.mark.parametrize("size", SHAPES, ids=[f"{w}x{h}" for w, h in SHAPES])
def test_the_topics_grid_and_a_topic_s_contact_screen_fit(make_kiosk, nine_topics, size):
    from datetime import datetime

    kiosk = make_kiosk(nine_topics, size=size, now=lambda: datetime(2026, 5, 4, 9, 0))
    window, grid = kiosk.window, kiosk.grid
    kiosk.listening.bar.show()
    problems: list[str] = []
    for text_size, language, contrast in [LOOKS[i] for i in (0, 2, 3, 5)]:  # each size, both languages, both colours
        kiosk.set_language(language)
        kiosk.set_text_size(text_size)
        kiosk.set_high_contrast(contrast)
        look = f"{size[0]}x{size[1]} {text_size} {language}{' contrast' if contrast else ''}"
        window.go_to(1, animate=False)
        for page in range(grid.page_count):
            grid.show_page(page)
            settle()
            problems += misfits(window, f"{look} grid page {page + 1} of {grid.page_count} ({grid.per_page} a page)")
        kiosk.pages.open(grid.tiles[0].name)
        window.go_to(window.pager.count() - 1, animate=False)
        settle()
        problems += misfits(window, f"{look} the topic's contact screen")
        window.go_to(0, animate=False)
    assert problems == [], "\n".join(problems[:40])
