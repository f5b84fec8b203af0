"""Every patient can use it: languages, text size, high contrast, take-home QR, keyboard access."""

from __future__ import annotations

import logging
import threading

import pytest
from conftest import SAMPLE_CONTENT, write_card
from helpers.gestures import mouse_drag, touch_tap
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton
from helpers.qr import decode

from kiosk.core.tuning import Timing
from kiosk.cli import main
from kiosk.ui.card import CardView
from kiosk.ui.contact import ContactScreen
from kiosk.ui.theme import HIGH_CONTRAST, NORMAL

PAGES = 9  # welcome, seven cards, contact


def tap(kiosk, widget) -> None:
    touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


@pytest.mark.parametrize("index", range(PAGES))
def test_switching_language_keeps_the_same_screen(make_kiosk, index):
    kiosk = make_kiosk()
    window = kiosk.window
    window.go_to(index)
    before = window.pager.current_page()
    slug = before.card.slug if isinstance(before, CardView) else None
    tap(kiosk, window.visit_bar.language_buttons["es"])
    assert kiosk.language == "es"
    assert window.current_index() == index
    page = window.pager.current_page()
    if slug:
        assert page.card.slug == slug
        assert page.card.path.parent.name == "es"
        assert page.care.text() == "Esto no sustituye los consejos de su equipo médico."
    if index == 0:
        assert kiosk.welcome.title.text() == "La ketamina para la ansiedad"
        assert kiosk.welcome.start_text.text() == "Toque para empezar"
    if isinstance(page, ContactScreen):
        assert page.heading.text() == "Contáctenos"
    if index > 0:
        assert window.navbar.next.text().strip() in ("Siguiente", "")
        assert window.navbar.back.text().strip() == "Atrás"
    tap(kiosk, window.visit_bar.language_buttons["en"])
    assert kiosk.language == "en" and window.current_index() == index


def test_languages_are_named_in_themselves(make_kiosk):
    kiosk = make_kiosk()
    buttons = kiosk.window.visit_bar.language_buttons
    assert {code: b.text() for code, b in buttons.items()} == {"en": "English", "es": "Español"}
    assert buttons["en"].isChecked() and not buttons["es"].isChecked()


def test_language_switch_hidden_with_one_language(make_kiosk, content):
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    (content / "kiosk.toml").write_text(toml.replace('languages = ["en", "es"]', 'languages = ["en"]'), encoding="utf-8")
    kiosk = make_kiosk(content)
    assert all(not button.isVisible() for button in kiosk.window.visit_bar.language_buttons.values())
    assert kiosk.window.visit_bar.display.isVisible()


def test_idle_reset_restores_language_size_and_contrast(make_kiosk, qtbot):
    kiosk = make_kiosk(timing=Timing(animation_ms=0, idle_ms=100, countdown_s=1, tick_ms=20))
    kiosk.window.go_to(3)
    kiosk.set_language("es")
    kiosk.set_text_size("largest")
    kiosk.set_high_contrast(True)
    assert kiosk.theme.palette == HIGH_CONTRAST
    with qtbot.waitSignal(kiosk.visit_reset, timeout=3000):
        pass
    assert (kiosk.visit.language, kiosk.visit.text_size, kiosk.visit.high_contrast) == ("en", "normal", False)
    assert kiosk.theme.palette == NORMAL and kiosk.theme.metrics.text_scale == 1.0
    assert kiosk.welcome.title.text() == "Ketamine for anxiety"


def test_choices_made_on_the_welcome_screen_are_reset_on_idle(make_kiosk, qtbot):
    # A long wait while the taps land (at a load of 14 the first Spanish screen took over 100 ms), then a short one.
    kiosk = make_kiosk(timing=Timing(animation_ms=0, idle_ms=60_000, countdown_s=1, tick_ms=20))
    tap(kiosk, kiosk.window.visit_bar.language_buttons["es"])
    tap(kiosk, kiosk.window.visit_bar.display)
    assert kiosk.window.current_index() == 0 and kiosk.display_panel.isVisible()
    kiosk.idle.set_timeout(100)
    with qtbot.waitSignal(kiosk.visit_reset, timeout=3000):
        pass
    assert kiosk.language == "en" and not kiosk.display_panel.isVisible()
    assert kiosk.welcome.title.text() == "Ketamine for anxiety"


def test_visit_defaults_come_from_kiosk_toml(make_kiosk, content):
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    toml = toml.replace('text_size = "normal"', 'text_size = "large"').replace("high_contrast = false", "high_contrast = true")
    (content / "kiosk.toml").write_text(toml, encoding="utf-8")
    kiosk = make_kiosk(content)
    assert kiosk.theme.metrics.text_scale == 1.25
    assert kiosk.theme.palette == HIGH_CONTRAST
    kiosk.set_text_size("normal")
    kiosk.reset_visit()
    assert kiosk.theme.metrics.text_scale == 1.25


def test_aa_panel_changes_size_and_contrast_by_touch(make_kiosk):
    kiosk = make_kiosk()
    tap(kiosk, kiosk.window.visit_bar.display)
    panel = kiosk.display_panel
    assert panel.isVisible()
    tap(kiosk, panel.size_buttons["largest"])
    assert kiosk.visit.text_size == "largest"
    tap(kiosk, panel.high)
    assert kiosk.visit.high_contrast
    assert panel.size_buttons["largest"].isChecked() and panel.high.isChecked()
    tap(kiosk, panel.done)
    assert not panel.isVisible()


def clipped(view: CardView) -> list[str]:
    """What of a card cannot be seen or reached by scrolling."""
    problems = []
    title = view.title
    if title.heightForWidth(title.width()) > title.height():
        problems.append("title")
    body = view.body
    document_height = body.document().size().height()
    reachable = body.viewport().height() + body.verticalScrollBar().maximum()
    if document_height > reachable + 2:
        problems.append("body")
    if body.verticalScrollBar().maximum() > body.fontMetrics().lineSpacing() // 2 and not view.scroll_hint.isVisible():
        problems.append("no scroll hint")
    care = view.care
    if care.heightForWidth(care.width()) > care.height():
        problems.append("care line")
    return problems


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("text_size", ["normal", "large", "largest"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_text_size_renders_without_clipping(make_kiosk, size, text_size, language):
    kiosk = make_kiosk(size=size)
    kiosk.set_language(language)
    kiosk.set_text_size(text_size)
    window = kiosk.window
    for index in range(1, len(window.pager.pages()) - 1):
        window.go_to(index)
        view = window.pager.current_page()
        assert clipped(view) == [], (view.card.slug, text_size)
        for button in (window.navbar.back, window.navbar.home, window.navbar.next):
            assert button.width() >= button.sizeHint().width() - 1, button.text()
            assert button.height() >= 80 * size[1] / 1080


def test_take_home_qr_on_a_card_decodes_to_its_address(make_kiosk):
    kiosk = make_kiosk(size=(1920, 1080))
    kiosk.window.go_to(9)
    view = kiosk.window.pager.current_page()
    assert view.card.qr == "https://calliope.health/"
    assert view.qr.isVisible() and view.qr_caption.text() == "Scan to visit our website"  # the card's qr_label
    assert decode(kiosk.window.grab().toImage()) == ["https://calliope.health/"]
    kiosk.window.go_to(2)
    assert not kiosk.window.pager.current_page().qr.isVisible()


def test_bad_take_home_address_is_a_warning_and_no_qr(content, capsys):
    path = content / "en" / "10-what-is-ketamine.md"
    path.write_text(path.read_text(encoding="utf-8").replace("icon:", "qr: javascript:alert(1)\nicon:", 1), encoding="utf-8")
    assert main(["check", str(content)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:3: warning: qr web address must start with https:// or http://; no QR code is shown on this card" in out


def test_check_reports_cards_missing_in_a_language(content, capsys):
    (content / "es" / "30-how-it-is-different.md").unlink()
    (content / "es" / "80-extra.md").write_text("---\ntitle: Extra\n---\nHola.\n", encoding="utf-8")
    assert main(["check", str(content)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"{content}/en/30-how-it-is-different.md:1: warning: no 'es' version of this card (expected es/30-how-it-is-different.md)" in lines
    assert f"{content}/es/80-extra.md:1: warning: no 'en' version of this card (expected en/80-extra.md)" in lines


def test_check_reports_missing_interface_text(content, capsys, monkeypatch):
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    (content / "kiosk.toml").write_text(toml.replace('["en", "es"]', '["en", "es", "de"]'), encoding="utf-8")
    (content / "de").mkdir()
    for card in (content / "en").iterdir():
        (content / "de" / card.name).write_text(card.read_text(encoding="utf-8"), encoding="utf-8")
    from kiosk.core import strings

    strings._load.cache_clear()  # so the kiosk's own log line about 'de' is made in this check
    monkeypatch.setattr(logging.root, "handlers", [])  # as in a shell: no handler but Python's last resort (stderr)
    main(["check", str(content)])
    captured = capsys.readouterr()
    assert "no interface text for language 'de'" in captured.out
    assert "shown in English" not in captured.err, "the check says it once, by line; the kiosk's log line stays out"


def test_sample_spanish_deck_matches_english_card_for_card():
    english = sorted(p.name for p in (SAMPLE_CONTENT / "en").glob("*.md"))
    spanish = sorted(p.name for p in (SAMPLE_CONTENT / "es").glob("*.md"))
    assert english == spanish


def test_every_control_has_an_accessible_name(make_kiosk):
    kiosk = make_kiosk()
    kiosk.window.go_to(2)
    buttons = [b for b in kiosk.window.findChildren(QAbstractButton)]
    assert buttons
    assert [b.objectName() for b in buttons if not b.accessibleName()] == []


def test_tab_reaches_the_controls_and_enter_presses_them(make_kiosk, qtbot):
    kiosk = make_kiosk()
    window = kiosk.window
    window.go_to(2)
    window.activateWindow()
    window.setFocus()
    seen = []
    for _ in range(20):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
        seen.append(window.focusWidget())
    nav = window.navbar
    assert {nav.back, nav.home, nav.next, window.visit_bar.display} <= set(seen)
    nav.next.setFocus()
    qtbot.keyClick(nav.next, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_index() == 3, timeout=1000)


def test_a_tap_leaves_no_focus_ring(make_kiosk):
    kiosk = make_kiosk()
    kiosk.window.go_to(2)
    tap(kiosk, kiosk.window.navbar.next)
    assert kiosk.window.current_index() == 3
    assert not kiosk.window.navbar.next.hasFocus()


def test_high_contrast_meets_wcag_aaa():
    from helpers.colours import contrast

    pairs = [("text", "background"), ("muted", "background"), ("accent", "background"), ("on_accent", "accent"),
             ("accent", "button"), ("text", "bar"), ("on_accent", "pressed")]
    assert all(contrast(getattr(HIGH_CONTRAST, a), getattr(HIGH_CONTRAST, b)) >= 7 for a, b in pairs)


def test_a_reload_mid_visit_keeps_the_patients_choices(make_kiosk, content):
    kiosk = make_kiosk(content)
    kiosk.window.go_to(3)
    kiosk.set_language("es")
    kiosk.set_text_size("large")
    toml = (content / "kiosk.toml").read_text(encoding="utf-8")
    (content / "kiosk.toml").write_text(toml.replace("idle_seconds = 90", "idle_seconds = 120"), encoding="utf-8")
    kiosk.reload()
    assert (kiosk.visit.language, kiosk.visit.text_size) == ("es", "large")
    assert kiosk.window.current_index() == 3
    assert kiosk.idle.timeout_ms() == 120_000


# --- content that vanishes for a moment (a sync tool, a `git checkout`) --------------------------

WATCHING = Timing(animation_ms=0, debounce_ms=20)


def settle_reload(kiosk, qtbot, change) -> None:
    """Make a change on disk and wait until a read begun after it is on screen. Not merely the next
    `reloaded`: on a loaded machine start-up's read of the other languages may begin before the change
    and end after it, and what it shows still has the file."""
    change()
    begun = kiosk.store.generation
    qtbot.waitUntil(lambda: kiosk.state.generation > begun, timeout=5000)


def test_vanished_kiosk_toml_keeps_a_spanish_reader_mid_card_with_contact_and_staff_exit(make_kiosk, qtbot, content):
    kiosk = make_kiosk(content, timing=WATCHING, watch=True)
    tap(kiosk, kiosk.window.visit_bar.language_buttons["es"])
    kiosk.window.go_to(3)
    slug = kiosk.window.pager.current_page().card.slug
    settle_reload(kiosk, qtbot, (content / "kiosk.toml").unlink)
    window = kiosk.window
    assert kiosk.language == "es" and window.current_index() == 3
    assert window.pager.current_page().card.slug == slug and window.pager.current_page().card.path.parent.name == "es"
    assert window.visit_bar.language_buttons["en"].isVisible() and window.visit_bar.language_buttons["es"].isVisible()
    assert window.pager.pages()[-1] is kiosk.contact
    assert kiosk.staff.enabled
    assert any("kiosk.toml:1: error: kiosk.toml is missing" in line for line in kiosk.staff_info().problems)


def test_vanished_english_folder_keeps_the_patient_on_the_same_card(make_kiosk, qtbot, content):
    kiosk = make_kiosk(content, timing=WATCHING, watch=True)
    kiosk.window.go_to(2)
    before = [view.card for view in kiosk.views.values()]
    slug = kiosk.window.pager.current_page().card.slug
    settle_reload(kiosk, qtbot, lambda: (content / "en").rename(content.parent / "en-moved-away"))
    assert kiosk.window.current_index() == 2 and kiosk.window.pager.current_page().card.slug == slug
    assert [view.card for view in kiosk.views.values()] == before
    assert any("error: language 'en' has no folder en/" in line for line in kiosk.staff_info().problems)


def test_configured_language_without_a_folder_is_skipped_at_start_up(make_kiosk, content):
    path = content / "kiosk.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('languages = ["en", "es"]', 'languages = ["fr", "es"]'), encoding="utf-8")
    kiosk = make_kiosk(content)
    assert kiosk.language == "es"
    assert kiosk.welcome.title.text() == "La ketamina para la ansiedad"
    assert len(kiosk.views) == len(list((content / "es").glob("*.md")))
    assert not kiosk.window.visit_bar.language_buttons["es"].isVisible()  # one language left: no switch


def test_show_dates_are_decided_again_at_midnight_without_a_restart(make_kiosk, content, qtbot):
    from datetime import datetime

    (content / "en" / "15-winter.md").write_text("---\ntitle: Flu season\nshow_from: 2026-12-02\n---\nGet a flu shot.\n", encoding="utf-8")
    (content / "en" / "16-autumn.md").write_text("---\ntitle: Autumn\nshow_until: 2026-12-01\n---\nLeaves.\n", encoding="utf-8")
    clock = [datetime(2026, 12, 1, 23, 59, 59)]
    kiosk = make_kiosk(content, timing=Timing(animation_ms=0, day_check_ms=10), now=lambda: clock[0])
    assert "16-autumn.md" in kiosk.views and "15-winter.md" not in kiosk.views
    kiosk.window.go_to(kiosk.window.pager.pages().index(kiosk.views["45-how-it-may-feel.md"]), animate=False)
    on_screen = kiosk.current_screen()
    clock[0] = datetime(2026, 12, 2, 0, 0, 1)
    qtbot.waitUntil(lambda: "15-winter.md" in kiosk.views, timeout=2000)
    assert "16-autumn.md" not in kiosk.views
    assert kiosk.current_screen() == on_screen  # the patient reading stays on the same card


# --- thousands of cards: read off the GUI thread, views built when first needed -------------------


def test_two_thousand_cards_dropped_in_are_read_off_the_gui_thread_and_built_only_when_needed(make_kiosk, qtbot, content, monkeypatch):
    kiosk = make_kiosk(content, timing=WATCHING, watch=True)
    kiosk.window.go_to(3)
    gate, threads = threading.Event(), []
    real_reload = kiosk.store.reload

    def held_reload(**kwargs):  # the reload waits until the GUI has shown it still answers
        threads.append(threading.get_ident())
        assert gate.wait(30)
        return real_reload(**kwargs)

    monkeypatch.setattr(kiosk.store, "reload", held_reload)
    sample = len(kiosk.views)
    for number in range(2000):
        write_card(content, f"{1000 + number}-more.md", f"---\ntitle: Card {number}\n---\nText {number}.\n")
    qtbot.waitUntil(kiosk.loader.is_busy, timeout=10_000)
    tap(kiosk, kiosk.window.navbar.next)  # a real touch, answered while the content is being read
    assert kiosk.window.current_index() == 4
    slug = kiosk.window.pager.current_page().card.slug
    gate.set()
    qtbot.waitUntil(lambda: len(kiosk.views) == 2000 + sample and not kiosk.loader.is_busy(), timeout=60_000)
    assert threads and threading.get_ident() not in threads
    assert kiosk.window.pager.current_page().card.slug == slug  # the patient stays on the card being read
    assert kiosk.window.pager.count() == 2000 + sample + 2
    assert len(kiosk.views.built()) <= 5  # the cards seen and their neighbours, not 2,000 and more


def test_card_views_are_built_ahead_of_the_finger(make_kiosk, qtbot):
    kiosk = make_kiosk()
    pager = kiosk.window.pager
    assert [pager.is_built(index) for index in range(pager.count())] == [True] + [False] * (pager.count() - 2) + [True]
    qtbot.waitUntil(lambda: pager.is_built(1))  # the first card, before anyone touches the welcome screen
    assert not pager.is_built(2)
    mouse_drag(kiosk.window, QPoint(900, 400), QPoint(200, 400))  # a real swipe to the first card
    assert kiosk.window.current_index() == 1
    qtbot.waitUntil(lambda: pager.is_built(2))  # the next one is ready before the next swipe
    assert [pager.is_built(index) for index in range(3, 8)] == [False] * 5


def test_start_up_reads_the_first_language_only_and_a_tap_on_another_brings_it(make_kiosk):
    kiosk = make_kiosk()
    assert kiosk.state.pending == {"es"} and kiosk.state.cards("es") == ()
    assert kiosk.window.visit_bar.language_buttons["es"].isVisible()
    kiosk.window.go_to(2)
    slug = kiosk.window.pager.current_page().card.slug
    tap(kiosk, kiosk.window.visit_bar.language_buttons["es"])
    assert kiosk.language == "es" and kiosk.state.pending == frozenset()
    assert kiosk.window.pager.current_page().card.slug == slug and kiosk.window.pager.current_page().card.path.parent.name == "es"


def test_the_running_kiosk_reads_the_other_languages_in_the_background(make_kiosk, qtbot, content):
    kiosk = make_kiosk(content, timing=WATCHING, watch=True)
    qtbot.waitUntil(lambda: not kiosk.state.pending, timeout=10_000)
    assert [card.slug for card in kiosk.state.cards("es")] == [card.slug for card in kiosk.state.cards("en")]
