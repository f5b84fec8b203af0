"""The fit check of `kiosk check`: a card that needs scrolling names the first line below the fold."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers.check_lines import without_sign_off

from kiosk.tools.fit import fit_problems

CONFIG = """[clinic]
name = "Test clinic"
phone = "(301) 828-9513"
website = "https://calliope.health/"

[kiosk]
languages = ["en"]
staff_pin = "scrypt$16384$8$1$00112233445566778899aabbccddeeff$f9e3f4915303b2269ab1d8c2017b630f2e7b8d557ec3264dd028464f3cdca09b"

[check]
screens = [{screens}]
"""
SHORT = "---\ntitle: Short\n---\nKetamine is a medicine.\n\nAsk your care team: is it right for me?\n"
ITEMS = [f"Item number {number}: something to bring to the visit." for number in range(1, 15)]
LONG = "---\ntitle: What to bring\n---\nBring these things.\n\n" + "".join(f"- {item}\n" for item in ITEMS)
MEDIUM = "---\ntitle: Medium\n---\n" + "".join(f"Sentence {n} of a card that fits at the usual size.\n\n" for n in range(1, 7))  # six: fits at 1920x1080 normal, not at the largest


@pytest.fixture
def deck(tmp_path):
    def make(screens: str = '"1920x1080"', **cards: str):
        root = tmp_path / "content"
        (root / "en").mkdir(parents=True)
        (root / "kiosk.toml").write_text(CONFIG.format(screens=screens), encoding="utf-8")
        for name, text in cards.items():
            (root / "en" / f"{name}.md").write_text(text, encoding="utf-8")
        return root

    return make


def lines_of(problems):
    return [(p.path.name, p.line, p.severity.value) for p in problems]


def test_a_long_list_warns_at_the_first_item_below_the_fold_and_a_short_card_does_not(qapp, deck):
    root = deck(**{"10-short": SHORT, "20-long": LONG})
    [problem] = fit_problems(root)
    assert problem.path == root / "en" / "20-long.md"
    assert problem.severity.value == "warning"
    assert problem.message == ("needs scrolling on a 1920x1080 screen at the normal text size: patients must drag up "
                               "to read from this line on (shorten the card or split it in two)")
    first_hidden = problem.line - 6  # line 6 is the first item
    assert 0 < first_hidden < len(ITEMS)
    assert_below_the_fold(root, ITEMS[first_hidden], ITEMS[first_hidden - 1])


def assert_below_the_fold(root, hidden: str, shown: str) -> None:
    """Independently of the check: on the kiosk's own card, `shown` ends inside the text area and `hidden` does not."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.visit import Kind, Screen
    from kiosk.tools.snapshot import offscreen_kiosk

    with offscreen_kiosk(root, (1920, 1080)) as kiosk:
        kiosk.window.go_to(kiosk.window.screens.index_of(Screen(Kind.CARD, "20-long.md")), animate=False)
        QApplication.processEvents()
        body = kiosk.views["20-long.md"].body
        document, room = body.document(), body.viewport().height()
        bottoms = {}
        block = document.begin()
        while block.isValid():
            rect = document.documentLayout().blockBoundingRect(block)
            bottoms[block.text()] = rect.bottom()
            block = block.next()
        assert bottoms[shown] <= room < bottoms[hidden]


def test_a_card_that_fits_only_at_the_usual_size_gets_a_note_for_the_largest(qapp, deck):
    root = deck(**{"10-medium": MEDIUM})
    [problem] = fit_problems(root)
    assert problem.severity.value == "note"
    assert problem.line in (6, 8, 10, 12)  # the line of sentence 2 to 5, whichever is first to fall below
    assert problem.message == "at the largest text size patients scroll from about this line on (1920x1080)"


def test_no_screens_means_no_fit_check(qapp, deck):
    assert fit_problems(deck(screens="", **{"20-long": LONG})) == []


def test_cards_outside_their_show_dates_are_checked_too(qapp, deck):
    root = deck(**{"20-long": LONG.replace("title: What to bring\n", "title: What to bring\nshow_from: 2999-01-01\n")})
    assert [p.path.name for p in fit_problems(root)] == ["20-long.md"]


def test_kiosk_check_needs_no_display(deck):
    root = deck(**{"20-long": LONG})
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "kiosk", "check", str(root)], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    [line] = without_sign_off(done.stdout.splitlines())
    assert line.startswith(f"{root / 'en' / '20-long.md'}:") and ": warning: needs scrolling on a 1920x1080 screen" in line


def test_in_a_library_each_topic_s_cards_are_checked_in_their_topic(tmp_path, qapp):
    root = tmp_path / "content"
    for topic, name, text in (("10-one", "10-short", SHORT), ("20-two", "10-long", LONG)):
        (root / "topics" / topic / "en").mkdir(parents=True)
        (root / "topics" / topic / "topic.toml").write_text(f'title = "{topic}"\nshow_until = 2001-01-01\n', encoding="utf-8")
        (root / "topics" / topic / "en" / f"{name}.md").write_text(text, encoding="utf-8")
    (root / "kiosk.toml").write_text(CONFIG.format(screens='"1920x1080"'), encoding="utf-8")
    problems = fit_problems(root)  # topics off the grid too: staff are preparing them
    assert [(p.path.relative_to(root).as_posix(), p.severity.value) for p in problems] == [("topics/20-two/en/10-long.md", "warning")]
