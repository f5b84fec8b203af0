"""The language picker: buttons in the top strip for two or three languages; past that, one globe
button with the language on screen, opening a grid of every language written in itself."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA
from helpers.gestures import touch_tap
from PySide6.QtCore import QPoint, QRect

from kiosk.core.strings import language_name

LANGUAGES = DATA / "languages"
EIGHT = ["English", "Español", "العربية", "中文", "한국어", "አማርኛ", "Tiếng Việt", "Français"]


def tap(kiosk, widget) -> None:
    touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def on_screen(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_eight_languages_one_globe_button_and_a_grid_of_every_language_in_itself(make_kiosk, size):
    kiosk = make_kiosk(LANGUAGES, size=size)
    bar, picker = kiosk.window.visit_bar, kiosk.languages.picker
    assert not any(button.isVisible() for button in bar.language_buttons.values())
    assert bar.picker.isVisible() and bar.picker.text().strip() == "English" and not bar.picker.icon().isNull()
    window = kiosk.window.rect()
    assert window.contains(on_screen(bar.picker))

    tap(kiosk, bar.picker)
    assert picker.isVisible() and kiosk.window.current_index() == 0  # the tap opened the grid, not the visit
    assert [button.text() for button in picker.buttons.values()] == EIGHT
    assert [code for code, button in picker.buttons.items() if button.isChecked()] == ["en"]
    for button in picker.buttons.values():
        assert button.isVisible() and window.contains(on_screen(button)), button.text()
        assert button.height() >= kiosk.theme.metrics.target
    rows = {on_screen(button).top() for button in picker.buttons.values()}
    assert len(rows) == (2 if size[0] > size[1] else 4)  # four across a landscape screen, two down a portrait one

    tap(kiosk, picker.buttons["ko"])
    assert kiosk.language == "ko" and not picker.isVisible()
    assert bar.picker.text().strip() == "한국어"
    assert kiosk.welcome.title.text() == "안녕하세요"


def test_switching_back_and_forth_without_a_restart_and_the_next_visit_starts_in_the_first(make_kiosk, qtbot):
    kiosk = make_kiosk(LANGUAGES)
    window, bar, picker = kiosk.window, kiosk.window.visit_bar, kiosk.languages.picker
    window.start()
    window.go_to(2, animate=False)
    arabic = "\u200fWi-Fi في المكتبة"  # a right-to-left line, though it starts with a Latin word
    for code, title in (("ar", arabic), ("zh", "美好的一天"), ("en", "A good day"), ("am", "ውሃ"), ("ar", arabic)):
        tap(kiosk, bar.picker)
        tap(kiosk, picker.buttons[code])
        assert kiosk.language == code and window.current_index() == 2  # the same card, in the new language
        assert window.pager.current_page().title.text() == title
        assert kiosk.window is window
    kiosk.reset_visit()
    assert kiosk.language == "en" and bar.picker.text().strip() == "English" and not picker.isVisible()


def test_a_tap_beside_the_grid_or_cancel_closes_it_and_keeps_the_language(make_kiosk):
    kiosk = make_kiosk(LANGUAGES)
    picker = kiosk.languages.picker
    kiosk.window.visit_bar.picker.click()
    tap(kiosk, picker.close_button)
    assert not picker.isVisible() and kiosk.language == "en"
    kiosk.window.visit_bar.picker.click()
    assert not picker.panel.geometry().contains(QPoint(5, 5))
    touch_tap(kiosk.window, QPoint(5, 5))
    assert not picker.isVisible() and kiosk.language == "en"


def test_three_languages_are_three_buttons(make_kiosk, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(LANGUAGES, content)
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    (content / "kiosk.toml").write_text(toml.replace('["en", "es", "ar", "zh", "ko", "am", "vi", "fr"]', '["en", "ar", "zh"]'),
                                        encoding="utf-8")
    kiosk = make_kiosk(content, size=(1080, 1920))
    bar = kiosk.window.visit_bar
    assert not bar.picker.isVisible()
    assert [(b.text(), b.isVisible()) for b in bar.language_buttons.values()] == [("English", True), ("العربية", True), ("中文", True)]
    tap(kiosk, bar.language_buttons["ar"])
    assert kiosk.language == "ar" and bar.language_buttons["ar"].isChecked()


def test_languages_without_interface_text_are_named_in_themselves_not_in_english():
    assert [language_name(code) for code in ("en", "es", "ar", "zh", "zh-Hant", "ko", "am", "xx")] == [
        "English", "Español", "العربية", "中文", "繁體中文", "한국어", "አማርኛ", "xx"]
