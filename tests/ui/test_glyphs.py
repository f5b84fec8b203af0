"""Icons drawn from the Font Awesome fonts without qtawesome on the start-up path."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from PySide6.QtGui import QColor

from kiosk.ui.glyphs import glyph_pixmap


def ink(pixmap) -> int:
    image = pixmap.toImage()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).alpha() > 0)


def test_a_glyph_is_drawn_in_its_colour(qapp):
    pixmap = glyph_pixmap("fa5s.capsules", "#0B5C6B", 64)
    assert (pixmap.width(), pixmap.height()) == (64, 64)
    assert ink(pixmap) > 200
    image = pixmap.toImage()
    opaque = [image.pixelColor(x, y) for y in range(64) for x in range(64) if image.pixelColor(x, y).alpha() == 255]
    assert opaque and all(c.rgb() == QColor("#0B5C6B").rgb() for c in opaque)


def test_same_request_gives_the_same_pixmap(qapp):
    """Qt's pixmap cache stops growing only when labels get the very same pixmap again."""
    first = glyph_pixmap("fa5s.brain", "#000000", 48)
    assert glyph_pixmap("fa5s.brain", "#000000", 48).cacheKey() == first.cacheKey()


def test_unknown_name_draws_the_default_icon(qapp):
    assert glyph_pixmap("fa5s.no-such-icon", "#000000", 48).toImage() == glyph_pixmap("fa5s.info-circle", "#000000", 48).toImage()


def test_the_kiosk_starts_without_importing_qtawesome():
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from pathlib import Path; from kiosk.app import KioskApp; from kiosk.core.tuning import Timing; from kiosk.ui.theme import Metrics;"
        "k = KioskApp(Path('content'), Metrics(800), timing=Timing(animation_ms=0)); k.window.show(); app.processEvents();"
        "print('qtawesome' in sys.modules, 'segno' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.stdout.split() == ["False", "False"], result.stderr  # QR codes are encoded on first paint
