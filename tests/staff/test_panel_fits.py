"""The staff panel on a full day (many problems, many reviews due, wrong PIN attempts): nothing is cut.

"Running for" was cut in half on such a day: the rows of facts were squeezed below one line to make
room. Now the middle of the panel scrolls instead, at every screen shape."""

from __future__ import annotations

from dataclasses import replace
import re
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

NOW = datetime(2026, 12, 7, 10, 0)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 1024)])
def test_every_fact_keeps_its_full_line_on_a_full_panel(make_kiosk, content, size):
    for path in sorted((content / "en").glob("*.md")) + sorted((content / "es").glob("*.md")):
        text = re.sub(r"(?m)^review_by:.*\n", "", path.read_text(encoding="utf-8"))
        path.write_text(text.replace("title:", "review_by: 2026-12-20\ntitle:", 1), encoding="utf-8")
    kiosk = make_kiosk(content, size=size, now=lambda: NOW)
    panel = kiosk.staff.panel
    panel.set_info(replace(kiosk.staff_info(), pin_attempts="12 wrong PIN attempts since 2026-11-01 10:00"))
    panel.open()
    QApplication.processEvents()
    reviews = kiosk.staff_info().reviews
    assert len(reviews) >= 18
    for name, value in panel._fact_labels.values():
        for label in (name, value):
            needed = label.heightForWidth(label.width()) if label.hasHeightForWidth() else label.sizeHint().height()
            assert label.height() >= needed, f"{label.text()!r} is cut at {size}"
        assert name.width() >= name.sizeHint().width()
    assert panel.reviews.text().splitlines()[-1] == f"…and {len(reviews) - 5} more: kiosk check lists every one"
    for button in (panel.reload_button, panel.exit_button, panel.back_button):
        assert panel.rect().contains(button.geometry().translated(button.parentWidget().mapTo(panel, button.pos()) - button.pos()))
