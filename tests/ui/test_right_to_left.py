"""Arabic, Farsi, Hebrew and Urdu read right to left: the whole screen is mirrored, with real input
events, at both screen shapes (the Arabic test deck, tests/data/languages)."""

from __future__ import annotations

import pytest
from conftest import DATA
from helpers.gestures import mouse_drag, touch_drag, touch_tap
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.ui.glyphs import glyph_pixmap

LANGUAGES = DATA / "languages"
RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
SIZES = [(1920, 1080), (1080, 1920)]


def on_screen(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def arrow(button, name: str, colour: str) -> bool:
    size = button.iconSize().width()
    return button.icon().pixmap(size, size).toImage() == glyph_pixmap(name, colour, size).toImage()


def arabic_kiosk(make_kiosk, size):
    kiosk = make_kiosk(LANGUAGES, size=size)
    touch_tap(kiosk.window, kiosk.window.visit_bar.picker.mapTo(kiosk.window, kiosk.window.visit_bar.picker.rect().center()))
    picker = kiosk.languages.picker
    touch_tap(kiosk.window, picker.buttons["ar"].mapTo(kiosk.window, picker.buttons["ar"].rect().center()))
    assert kiosk.language == "ar"
    return kiosk


def right_aligned(text_view) -> bool:
    """Every line of the text view ends at its right edge (Qt's own layout of the document)."""
    document = text_view.document()
    width = document.textWidth() - 2 * document.documentMargin()
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount() if block.text().strip() else 0):
            line = layout.lineAt(index).naturalTextRect()
            if block.textDirection() != RTL or line.right() < width - block.blockFormat().rightMargin() - 2 - _indent(block, document):
                return False
        block = block.next()
    return True


def _indent(block, document) -> float:
    text_list = block.textList()
    return document.indentWidth() * (text_list.format().indent() if text_list is not None else 0) + block.blockFormat().indent()


@pytest.mark.parametrize("size", SIZES, ids=["landscape", "portrait"])
def test_an_arabic_card_is_mirrored(make_kiosk, size):
    kiosk = arabic_kiosk(make_kiosk, size)
    window, navbar = kiosk.window, kiosk.window.navbar
    window.go_to(1, animate=False)
    assert window.layoutDirection() == RTL
    half = window.width() // 2
    assert on_screen(navbar.next).right() < half < on_screen(navbar.back).left()  # Next on the left, Back on the right
    assert on_screen(navbar.next).right() < on_screen(navbar.home).left() < on_screen(navbar.back).left()
    assert arrow(navbar.next, "fa5s.arrow-left", kiosk.theme.palette.on_accent)  # arrows point the reading way
    assert arrow(navbar.back, "fa5s.arrow-right", kiosk.theme.palette.accent)
    assert navbar.next.layoutDirection() == LTR  # so its arrow comes after its word, reading right to left
    dots = [on_screen(dot).center().x() for dot in navbar.dots]
    assert dots == sorted(dots, reverse=True) and navbar.dots[0].isChecked()  # the first page's dot is the rightmost
    assert on_screen(navbar.count).right() < min(dots)  # "1 of 3" after the dots, reading right to left
    strip = window.visit_bar
    assert kiosk.theme.metrics.margin == on_screen(strip.display).left() < on_screen(strip.picker).left()  # from the left edge
    card = window.pager.current_page()
    assert on_screen(card.icon).left() > on_screen(card.title).left()  # the icon before the title: on its right
    assert right_aligned(card.body)  # including "Wi-Fi متوفر في المكتبة." that starts with a Latin word
    window.go_to(2, animate=False)
    title = window.pager.current_page().title
    assert title.text() == "\u200fWi-Fi في المكتبة"  # a right-to-left line, though its first word is Latin


@pytest.mark.parametrize("drag", [mouse_drag, touch_drag], ids=["mouse", "touch"])
@pytest.mark.parametrize("size", SIZES, ids=["landscape", "portrait"])
def test_the_forward_swipe_goes_to_the_right(make_kiosk, qtbot, size, drag):
    kiosk = arabic_kiosk(make_kiosk, size)
    window = kiosk.window
    window.go_to(1, animate=False)
    pager = window.pager
    y = pager.mapTo(window, pager.rect().center()).y()
    left, right = QPoint(round(window.width() * 0.2), y), QPoint(round(window.width() * 0.8), y)
    drag(window, left, right)  # finger moves to the right: forward
    qtbot.waitUntil(lambda: window.current_index() == 2 and not pager.is_animating())
    assert pager.current_page().geometry().left() == 0
    drag(window, right, left)  # to the left: back
    qtbot.waitUntil(lambda: window.current_index() == 1 and not pager.is_animating())
    QTest.keyClick(window, Qt.Key.Key_Left)  # the arrow key pointing the reading way goes forward
    qtbot.waitUntil(lambda: window.current_index() == 2)


def test_mid_drag_the_next_page_comes_in_from_the_left(make_kiosk):
    kiosk = arabic_kiosk(make_kiosk, (1920, 1080))
    window, pager = kiosk.window, kiosk.window.pager
    window.go_to(1, animate=False)
    y = pager.mapTo(window, pager.rect().center()).y()
    seen = []
    mouse_drag(window, QPoint(400, y), QPoint(700, y), before_release=lambda: seen.append(
        (pager.page(1).geometry().left(), pager.page(2).geometry().right())))
    assert seen == [(300, 299)]  # the card followed the finger right; the next one is beside it, on its left


def test_switching_language_flips_the_screen_and_back_without_a_restart(make_kiosk):
    kiosk = make_kiosk(LANGUAGES, size=(1920, 1080))
    window = kiosk.window
    window.go_to(1, animate=False)
    next_x = {}
    for language in ("en", "ar", "en", "ar", "zh"):
        kiosk.set_language(language)
        QApplication.processEvents()  # the layouts, told of the new direction, place their widgets again
        next_x[language] = on_screen(window.navbar.next).center().x()
        assert window.layoutDirection() == (RTL if language == "ar" else LTR)
        assert window.current_index() == 1 and kiosk.window is window
    assert next_x["ar"] < window.width() // 2 < next_x["en"] == next_x["zh"]
    kiosk.set_language("ar")
    kiosk.reset_visit()  # the next patient starts in the first language, left to right
    assert kiosk.language == "en" and window.layoutDirection() == LTR


def test_the_staff_overlays_stay_in_the_clinics_language_left_to_right(make_kiosk):
    kiosk = arabic_kiosk(make_kiosk, (1920, 1080))
    pad, panel = kiosk.staff.pin_pad, kiosk.staff.panel
    for overlay in (pad, panel):
        assert overlay.layoutDirection() == LTR
    assert pad.title.text() == "Staff only"
    assert kiosk.languages.picker.layoutDirection() == RTL and kiosk.display_panel.layoutDirection() == RTL


def test_an_arabic_table_reads_from_the_right(make_kiosk, tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(LANGUAGES, content)
    (content / "ar" / "20-day.md").write_text("---\ntitle: جدول\n---\n| الأول | الثاني |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    kiosk = make_kiosk(content, size=(1920, 1080))
    kiosk.set_language("ar")
    kiosk.window.go_to(2, animate=False)
    document = kiosk.window.pager.current_page().body.document()
    first = document.find("الأول")
    second = document.find("الثاني")
    layout = document.documentLayout()
    assert layout.blockBoundingRect(first.block()).left() > layout.blockBoundingRect(second.block()).left()




def _arabic_first(content, tmp_path, library: bool):
    """A copy of `content` whose kiosk.toml lists Arabic first, so the screen is mirrored before any page exists."""
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    toml = copy / "kiosk.toml"
    text = toml.read_text(encoding="utf-8")
    if library:
        for topic in (copy / "topics").iterdir():
            shutil.copytree(LANGUAGES / "ar", topic / "ar")
            with (topic / "topic.toml").open("a", encoding="utf-8") as file:
                file.write('\n[ar]\ntitle = "موضوع"\nsummary = "بطاقات للاختبار"\n')
        text = text.replace('languages = ["en", "es"]', 'languages = ["ar", "en", "es"]')
    else:
        text = text.replace('languages = ["en", "es", "ar",', 'languages = ["ar", "en", "es",')
    assert 'languages = ["ar"' in text
    toml.write_text(text, encoding="utf-8")
    return copy


@pytest.mark.parametrize("library", [False, True], ids=["one deck", "topic library"])
def test_a_kiosk_whose_first_language_is_arabic_starts_mirrored(make_kiosk, tmp_path, library):
    # The window was mirrored while the pager had no page yet; laying out page 0 of none raised inside
    # Qt's event, which PySide6 turned into a segmentation fault: every start, for any clinic listing
    # a right-to-left language first.
    kiosk = make_kiosk(_arabic_first(DATA / "library" if library else LANGUAGES, tmp_path, library), size=(1920, 1080))
    assert kiosk.language == "ar"
    assert kiosk.window.layoutDirection() == RTL
    kiosk.window.start()
    kiosk.window.go_to(kiosk.window.pager.count() - 1, animate=False)
    assert kiosk.window.pager.current_page().isVisible()
