"""The staff's usage panel on a real kiosk: chart, lists, CSV export and handouts to a chosen folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT
from helpers.usage import visit
from helpers.gestures import touch_tap
from PySide6.QtWidgets import QApplication

from kiosk.core.store import ContentStore
from kiosk.usage.core.db import UsageDb
from kiosk.usage.runtime import UsageStore

NOW = datetime(2026, 11, 30, 15, 0)


class Chooser:
    """Stands in for the folder dialog: answers with a folder (or None, as Cancel does)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.asked = 0

    def ask(self, parent, title: str, chosen) -> None:
        self.asked += 1
        if self.folder is not None:
            chosen(self.folder)

    def is_open(self) -> bool:
        return False

    def close(self) -> None:
        pass


STATE = ContentStore(SAMPLE_CONTENT).reload()
FIRST, SECOND, THIRD = STATE.cards("en")[:3]


@pytest.fixture
def staff_kiosk(make_kiosk, tmp_path):
    path = tmp_path / "usage.sqlite3"
    db = UsageDb.open(path)
    for _ in range(9):  # 9 visits on Nov 30 (first and third card), 3 on Nov 26, 4 on Nov 10 (only in the 30 days)
        db.add(visit(2026113009, cards=((FIRST.slug, "en"), (THIRD.slug, "en"))))
    for _ in range(3):
        db.add(visit(2026112614, cards=((SECOND.slug, "en"),)))
    for _ in range(4):
        db.add(visit(2026111010, cards=((SECOND.slug, "en"),)))
    db.close()
    store = UsageStore(path, now=lambda: NOW)
    kiosk = make_kiosk(size=(1920, 1080), usage=store, now=lambda: NOW)
    yield kiosk
    store.stop()


def tap(kiosk, widget) -> None:
    touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def open_usage(kiosk):
    kiosk.staff.panel.set_info(kiosk.staff_info())
    kiosk.staff.panel.open()
    tap(kiosk, kiosk.staff.panel.usage_button)
    panel = kiosk.staff_usage.panel
    assert panel.isVisible()
    QApplication.processEvents()  # lay the panel out, as the event loop would before the next touch
    return panel


def test_last_7_and_30_days(staff_kiosk, tmp_path):
    panel = open_usage(staff_kiosk)
    bars = panel.chart.bars()
    assert len(bars) == 7 and [value for _label, value in bars] == [0, 0, 3, 0, 0, 0, 9]
    assert bars[-1][0] == "Mon"
    assert panel.totals.text().startswith("12 visits")
    assert panel.most.text().splitlines()[0] == f"{FIRST.title}: 9 · 100% helpful (9)"
    assert f"{SECOND.title}: 3 · 100% helpful (3)" in panel.most.text()
    assert panel.least.text().splitlines()[0].endswith(": 0")  # a card nobody opened comes first
    tap(staff_kiosk, panel.month_button)
    bars = panel.chart.bars()
    assert len(bars) == 30 and sum(value for _label, value in bars) == 16
    assert panel.totals.text().startswith("16 visits")
    QApplication.processEvents()
    assert not staff_kiosk.window.grab().isNull()


def test_export_csv_and_handouts_to_the_chosen_folder(staff_kiosk, tmp_path):
    panel = open_usage(staff_kiosk)
    stick = tmp_path / "stick"
    stick.mkdir()
    panel.chooser = Chooser(stick)  # the real folder dialog never runs in tests
    tap(staff_kiosk, panel.export_button)
    csv_file = stick / "kiosk-usage-2026-11-30.csv"
    assert csv_file.is_file() and "Saved" in panel.message.text()
    rows = csv_file.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("date,topic,card,title,language") and any(FIRST.title in row for row in rows)
    assert set(panel.handout_buttons) == {"en", "es"}
    assert panel.handout_buttons["es"].text() == "Handout (PDF): Español"
    tap(staff_kiosk, panel.handout_buttons["es"])
    pdf = stick / "handout-es-2026-11-30.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and str(pdf) in panel.message.text()


def test_cancel_and_a_failing_stick(staff_kiosk, tmp_path):
    panel = open_usage(staff_kiosk)
    panel.chooser = Chooser(None)
    tap(staff_kiosk, panel.export_button)
    assert panel.chooser.asked == 1 and panel.message.text() == ""
    panel.chooser = Chooser(tmp_path / "pulled-out")  # the stick was removed
    tap(staff_kiosk, panel.handout_buttons["en"])
    assert panel.message.text().startswith("Could not save:")


def test_counting_off_says_so(make_kiosk, content, tmp_path):
    toml = content / "kiosk.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("enabled = true", "enabled = false"), encoding="utf-8")
    store = UsageStore(tmp_path / "u.sqlite3", now=lambda: NOW)
    kiosk = make_kiosk(content, usage=store)
    try:
        panel = open_usage(kiosk)
        assert "Counting is off" in panel.status.text()
        assert panel.chart.bars() == [(day, 0) for day, _ in panel.chart.bars()]
    finally:
        store.stop()


def test_back_and_idle_reset_close_it(staff_kiosk):
    panel = open_usage(staff_kiosk)
    tap(staff_kiosk, panel.back_button)
    assert not panel.isVisible() and staff_kiosk.staff.panel.isVisible()
    panel = open_usage(staff_kiosk)
    staff_kiosk.reset_visit()
    assert not panel.isVisible() and not staff_kiosk.staff.is_open()


def test_a_folder_chooser_left_open_is_closed_by_the_idle_reset(make_kiosk, tmp_path, qtbot):
    from PySide6.QtWidgets import QFileDialog

    from kiosk.core.tuning import Timing

    store = UsageStore(tmp_path / "usage.sqlite3", now=lambda: NOW)
    kiosk = make_kiosk(size=(1920, 1080), usage=store, now=lambda: NOW, timing=Timing(animation_ms=0, idle_ms=400))
    try:
        panel = open_usage(kiosk)
        tap(kiosk, panel.export_button)  # the real dialog, opened without a nested event loop
        dialog = panel.chooser.dialog
        assert isinstance(dialog, QFileDialog) and dialog.isVisible()
        qtbot.mouseMove(dialog)  # staff move about in it: that is use, not idle
        qtbot.waitUntil(lambda: not panel.chooser.is_open(), timeout=5000)  # then walk away: the idle reset
        assert not any(isinstance(w, QFileDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
        assert not panel.isVisible() and not kiosk.staff.panel.isVisible()
        assert QApplication.activeModalWidget() is None  # the next patient's touches reach the kiosk
        assert kiosk.window.current_index() == 0
    finally:
        store.stop()


def test_a_library_shows_its_topics_first_and_each_card_under_its_topic(make_kiosk, tmp_path):
    from conftest import LIBRARY

    path = tmp_path / "usage.sqlite3"
    db = UsageDb.open(path)
    for _ in range(5):
        db.add(visit(2026113009, cards=(("10-first", "10-what.md", "en"),), topics=(("10-first", "en"),)))
    db.add(visit(2026113009, cards=(("30-english-only", "10-costs.md", "en"),), topics=(("30-english-only", "en"),)))
    db.close()
    store = UsageStore(path, now=lambda: NOW)
    try:
        kiosk = make_kiosk(LIBRARY, size=(1920, 1080), usage=store, now=lambda: NOW)
        staff = kiosk.staff_info()
        assert staff.topics[0] == "10-first: The basics; shown always; on now"
        kiosk.staff.panel.set_info(staff)
        kiosk.staff.panel.open()
        assert kiosk.staff.panel.topics.isVisible() and "20-mornings: Before your session" in kiosk.staff.panel.topics.text()
        panel = open_usage(kiosk)
        assert panel.topics.text().splitlines() == ["The basics: 5", "Paying for care: 1"]
        assert panel.most.text().splitlines()[0] == "The basics › What is it?: 5 · 100% helpful (5)"
    finally:
        store.stop()
