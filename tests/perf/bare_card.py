"""The floor for `kiosk snapshot --screen 1`: a bare PySide6 program doing the same job.

One QTextBrowser at 1920x1080 showing the card's HTML (title + body, already rendered from Markdown),
in the kiosk's font, grabbed to PNG. No kiosk code is imported.

    .venv/bin/python tests/perf/bare_card.py --html CARD.html --out card.png [--size 1920x1080]

tests/perf/test_startup.py writes CARD.html (the first card of the sample deck, the one `snapshot
--screen 1` pictures) and times this program against the kiosk.
"""

import argparse
import os
import sys
from pathlib import Path

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--html", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication, QTextBrowser

    app = QApplication(sys.argv[:1])
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(FONTS / name))
    browser = QTextBrowser()
    font = QFont("Noto Sans")
    font.setPixelSize(round(34 * height / 1080))
    browser.setFont(font)
    browser.setStyleSheet("QTextBrowser { background: #FAF7F2; color: #1B1B1B; border: none; padding: 48px 64px; }")
    browser.setHtml(Path(args.html).read_text(encoding="utf-8"))
    browser.resize(width, height)
    browser.show()
    app.processEvents()
    ok = browser.grab().save(args.out)
    print(args.out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
