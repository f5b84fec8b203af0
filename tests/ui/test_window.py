"""The whole kiosk window on the sample deck: buttons, dots, keys, welcome tap, real swipes."""

from __future__ import annotations

from helpers.gestures import mouse_drag, mouse_tap, touch_drag, touch_tap
from PySide6.QtCore import QPoint, Qt

from kiosk.ui.card import CardView
from kiosk.ui.contact import ContactScreen
from kiosk.ui.welcome import WelcomeScreen


def centre(widget, window) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def test_starts_on_welcome_without_navigation_bar(make_kiosk):
    kiosk = make_kiosk()
    assert isinstance(kiosk.window.pager.current_page(), WelcomeScreen)
    assert not kiosk.window.navbar.isVisible()
    assert kiosk.welcome.title.text() == "Ketamine for anxiety"
    assert kiosk.welcome.clinic.text() == "Calliope Health Ketamine"


def test_pages_are_welcome_cards_in_file_order_then_contact(make_kiosk):
    kiosk = make_kiosk()
    pages = kiosk.window.pager.pages()
    assert isinstance(pages[0], WelcomeScreen)
    assert isinstance(pages[-1], ContactScreen)
    slugs = [page.card.slug for page in pages[1:-1]]
    assert slugs == sorted(slugs)
    assert slugs[0] == "05-key-points.md"
    assert len(slugs) == 9


def test_touch_anywhere_on_welcome_starts(make_kiosk):
    kiosk = make_kiosk()
    touch_tap(kiosk.window, QPoint(100, 700))
    assert kiosk.window.current_index() == 1
    assert kiosk.window.navbar.isVisible()
    assert kiosk.window.navbar.count.text() == "1 of 10"


def test_mouse_click_on_welcome_starts(make_kiosk):
    kiosk = make_kiosk()
    mouse_tap(kiosk.window, QPoint(640, 400))
    assert kiosk.window.current_index() == 1


def test_next_back_and_home_buttons(make_kiosk, qtbot):
    kiosk = make_kiosk()
    window, nav = kiosk.window, kiosk.window.navbar
    window.go_to(1)
    qtbot.mouseClick(nav.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(nav.next, Qt.MouseButton.LeftButton)
    assert window.current_index() == 3
    assert nav.count.text() == "3 of 10"
    qtbot.mouseClick(nav.back, Qt.MouseButton.LeftButton)
    assert window.current_index() == 2
    qtbot.mouseClick(nav.home, Qt.MouseButton.LeftButton)
    assert window.current_index() == 0
    assert not nav.isVisible()


def test_touch_on_next_button(make_kiosk):
    kiosk = make_kiosk()
    kiosk.window.go_to(1)
    touch_tap(kiosk.window, centre(kiosk.window.navbar.next, kiosk.window))
    assert kiosk.window.current_index() == 2


def test_page_dots_jump_to_their_page(make_kiosk, qtbot):
    kiosk = make_kiosk()
    kiosk.window.go_to(1)
    dots = kiosk.window.navbar.dots
    assert len(dots) == 10  # nine cards and the contact screen
    qtbot.mouseClick(dots[5], Qt.MouseButton.LeftButton)
    assert kiosk.window.current_index() == 6
    assert dots[5].isChecked() and not dots[0].isChecked()


def test_keyboard_left_right_home(make_kiosk, qtbot):
    kiosk = make_kiosk()
    window = kiosk.window
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.current_index() == 2
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.current_index() == 1
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.current_index() == 0


def test_swipes_through_the_whole_deck_and_stops_at_contact(make_kiosk):
    kiosk = make_kiosk()
    window = kiosk.window
    for _ in range(12):
        touch_drag(window, QPoint(1100, 300), QPoint(300, 300))
    assert isinstance(window.pager.current_page(), ContactScreen)
    assert not window.navbar.next.isVisible()
    assert window.navbar.back.isVisible()


def test_mouse_swipe_back_from_first_card_returns_to_welcome(make_kiosk):
    kiosk = make_kiosk()
    kiosk.window.go_to(1)
    mouse_drag(kiosk.window, QPoint(200, 300), QPoint(900, 300))
    assert kiosk.window.current_index() == 0


def test_vertical_drag_on_a_card_does_not_change_card(make_kiosk):
    kiosk = make_kiosk()
    kiosk.window.go_to(2)
    touch_drag(kiosk.window, QPoint(600, 600), QPoint(640, 150))
    assert kiosk.window.current_index() == 2


def test_long_card_scrolls_by_drag_and_has_no_scrollbar(make_kiosk, content):
    long_body = "\n\n".join(f"Paragraph {i} with enough words to wrap across the line." for i in range(40))
    (content / "en" / "15-long.md").write_text(f"---\ntitle: Long\n---\n{long_body}\n", encoding="utf-8")
    kiosk = make_kiosk(content)
    index = 1 + [view.card.slug for view in kiosk.window.pager.pages()[1:-1]].index("15-long.md")
    kiosk.window.go_to(index)
    view = kiosk.window.pager.current_page()
    assert isinstance(view, CardView) and view.card.slug == "15-long.md"
    bar = view.body.verticalScrollBar()
    assert bar.maximum() > 0
    assert not bar.isVisible()
    assert view.scroll_hint.isVisible()
    start = view.body.mapTo(kiosk.window, QPoint(view.body.width() * 3 // 4, view.body.height() - 10))  # on the text
    touch_drag(kiosk.window, start, start - QPoint(0, 400))
    assert bar.value() > 300
    assert kiosk.window.current_index() == index


def test_the_dots_and_the_count_agree_up_to_the_contact_screen(make_kiosk):
    kiosk = make_kiosk()
    nav = kiosk.window.navbar
    kiosk.window.start()
    while nav.next.isVisible():
        touch_tap(kiosk.window, centre(nav.next, kiosk.window))
        checked = [dot.index for dot in nav.dots if dot.isChecked()]
        assert nav.count.text() == f"{checked[0] + 1} of {len(nav.dots)}"
    assert kiosk.current_screen().kind.value == "contact"
    assert nav.dots[-1].isChecked()


def test_with_nothing_to_start_the_welcome_screen_says_so_instead_of_a_dead_button(make_kiosk, tmp_path):
    # A deck with no card yet and no contact screen, as a new install or a content folder that has not
    # answered shows: "Touch to start" led nowhere, and a patient's touches did nothing.
    (tmp_path / "en").mkdir()
    (tmp_path / "kiosk.toml").write_text('[kiosk]\nlanguages = ["en"]\n', encoding="utf-8")
    kiosk = make_kiosk(tmp_path)
    welcome = kiosk.window.pager.current_page()
    assert isinstance(welcome, WelcomeScreen)
    assert not welcome.start.isVisible() and welcome.nothing.isVisible()
    assert welcome.nothing.text() == "There is nothing to show just now. Please ask at the front desk."
    assert welcome.hint.text() == ""  # no pages to swipe between
    from kiosk.listen.core.spoken import screen_speech

    said = [sentence for block in screen_speech(kiosk.state, "en", kiosk.current_screen()).blocks for sentence in block.sentences]
    assert "Touch to start." not in said and "There is nothing to show just now." in said
    touch_tap(kiosk.window, welcome.mapTo(kiosk.window, welcome.rect().center()))
    assert kiosk.window.pager.current_index() == 0
    (tmp_path / "en" / "10-hello.md").write_text("---\ntitle: Hello\n---\nWelcome.\n", encoding="utf-8")
    kiosk.reload()
    assert welcome.start.isVisible() and not welcome.nothing.isVisible() and welcome.hint.text()
    touch_tap(kiosk.window, welcome.start.mapTo(kiosk.window, welcome.start.rect().center()))
    assert kiosk.window.pager.current_index() == 1
