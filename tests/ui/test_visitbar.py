"""The strip at the top: the language on screen always shows as chosen, whatever is tapped."""

from __future__ import annotations

from helpers.gestures import mouse_tap, touch_tap


def tap(kiosk, widget) -> None:
    touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def test_tapping_the_language_already_on_keeps_it_highlighted(make_kiosk):
    kiosk = make_kiosk()
    buttons = kiosk.window.visit_bar.language_buttons
    tap(kiosk, buttons["en"])
    assert kiosk.language == "en"
    assert buttons["en"].isChecked() and not buttons["es"].isChecked()
    tap(kiosk, buttons["es"])
    tap(kiosk, buttons["es"])
    assert kiosk.language == "es"
    assert buttons["es"].isChecked() and not buttons["en"].isChecked()
    window = kiosk.window
    mouse_tap(window, buttons["es"].mapTo(window, buttons["es"].rect().center()))  # a mouse-driven touchscreen
    assert buttons["es"].isChecked() and not buttons["en"].isChecked()


def test_tapping_the_text_size_already_on_keeps_it_highlighted(make_kiosk):
    kiosk = make_kiosk()
    kiosk.open_display_panel()
    sizes = kiosk.display_panel.size_buttons
    tap(kiosk, sizes["normal"])
    assert sizes["normal"].isChecked()
    assert [name for name, button in sizes.items() if button.isChecked()] == ["normal"]
    tap(kiosk, kiosk.display_panel.standard)
    assert kiosk.display_panel.standard.isChecked() and not kiosk.display_panel.high.isChecked()
