"""`kiosk preview`: real saves on disk, and the window follows the file saved last."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import SAMPLE_CONTENT
from PySide6.QtCore import Qt

from kiosk.tools.preview import Preview

WAIT_MS = 10_000  # a ceiling for a loaded test machine; tests/perf/test_preview.py holds the real cost


@pytest.fixture
def preview(tmp_path, qtbot):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    made = Preview(root, debounce_ms=30)
    made.window.resize(1200, 800)
    made.window.show()
    yield made
    made.close()


def save(path, text: str) -> None:
    """As an editor saves: the whole file written, then its time moved on (so it is certainly the newest)."""
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime + 5
    os.utime(path, (stamp, stamp))


def test_a_new_card_saved_is_shown_as_patients_see_it(preview, qtbot):
    root = preview.root
    before = preview.window.picture().cacheKey()
    save(root / "en" / "15-fresh.md", "---\ntitle: Fresh card\n---\nKetamine is a medicine.\n\nAsk your care team: is it for me?\n")
    qtbot.waitUntil(lambda: preview.window.heading.text() == "en/15-fresh.md: Fresh card", timeout=WAIT_MS)
    assert preview.kiosk.window.current_screen().slug == "15-fresh.md"
    picture = preview.window.picture()
    assert picture.cacheKey() != before and (picture.width(), picture.height()) == (1920, 1080)
    assert [preview.window.problems.item(i).text() for i in range(preview.window.problems.count())] == [
        "line 1: warning: no 'es' version of this card (expected es/15-fresh.md)",
        "line 1: warning: not signed off: once a clinician has checked this card, add 'approved_by: Dr A. Name, MD' and "
        "'approved: 2026-11-01' (the day they signed) to its header",
    ]


def test_a_broken_save_lists_its_problem_and_keeps_the_last_good_picture(preview, qtbot):
    path = preview.root / "es" / "30-how-it-is-different.md"
    good = path.read_text(encoding="utf-8")
    save(path, good.replace("\n---\n", "\n---\n\nUna línea nueva.\n", 1))
    qtbot.waitUntil(lambda: preview.path == path and "es/30-how-it-is-different.md" in preview.window.heading.text(), timeout=WAIT_MS)
    save(path, good.replace("icon:", "Icon:", 1).replace("\n---\n", "\n", 1))  # the closing --- gone
    expected = "error: the header is not closed: type a line with only --- after 'review_by: "  # its last line
    problems = preview.window.problems
    qtbot.waitUntil(lambda: any(expected in problems.item(i).text() for i in range(problems.count())), timeout=WAIT_MS)
    assert not preview.window.picture().isNull()  # the kiosk keeps the last good version, and so does the preview


def test_landscape_portrait_and_text_size_are_switched_by_clicking(preview, qtbot):
    qtbot.mouseClick(preview.window.shape_buttons["1080x1920"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (preview.window.picture().width(), preview.window.picture().height()) == (1080, 1920), timeout=WAIT_MS)
    normal = preview.window.picture().cacheKey()
    qtbot.mouseClick(preview.window.size_buttons["largest"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.kiosk.visit.text_size == "largest" and preview.window.picture().cacheKey() != normal, timeout=WAIT_MS)
    assert preview.window.size_buttons["largest"].isChecked() and preview.window.shape_buttons["1080x1920"].isChecked()


def test_a_card_that_needs_scrolling_says_from_which_line(preview, qtbot):
    items = "".join(f"- Item {n}: something to bring to the visit.\n" for n in range(1, 30))
    save(preview.root / "en" / "15-long.md", f"---\ntitle: What to bring\n---\nBring these.\n\n{items}\nAsk us?\n")
    qtbot.waitUntil(lambda: "15-long.md" in preview.window.heading.text(), timeout=WAIT_MS)
    lines = [preview.window.problems.item(i).text() for i in range(preview.window.problems.count())]
    [scroll] = [line for line in lines if "needs scrolling" in line]
    assert scroll.endswith(": needs scrolling at this screen and text size: patients drag up to read from here on")
    assert 6 < int(scroll.split(":")[0].removeprefix("line ")) < 35


def test_in_a_library_the_card_saved_is_shown_inside_its_topic(tmp_path, qtbot):
    from conftest import LIBRARY

    root = tmp_path / "library"
    shutil.copytree(LIBRARY, root)
    made = Preview(root, debounce_ms=30)
    try:
        card = root / "topics" / "20-mornings" / "es" / "10-bring.md"
        save(card, "---\ntitle: Qué traer hoy\n---\nTraiga a alguien que lo lleve a casa. Pregunte a su equipo.\n")
        qtbot.waitUntil(lambda: made.window.heading.text() == "topics/20-mornings/es/10-bring.md: Qué traer hoy", timeout=WAIT_MS)
        screen = made.kiosk.window.current_screen()
        assert (screen.kind.value, screen.topic, screen.slug) == ("card", "20-mornings", "10-bring.md")  # shown in any hours
        assert made.kiosk.window.navbar.count.text() == "1 de 2"
    finally:
        made.close()
