"""Writes resources/fonts/coverage.txt: the code points the kiosk's bundled text fonts can draw.

Run after adding or updating a font in resources/fonts/ (and listing it in kiosk/core/coverage.py):

    .venv/bin/python scripts/font_coverage.py

`kiosk check` reads the table to warn about characters no bundled font has; tests/core/test_coverage.py
fails while the table does not match the fonts. Needs fontTools (in the `test` and `build` extras).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.core.coverage import COVERAGE_FILE, FONT_FILES  # noqa: E402
from kiosk.core.paths import resource_path  # noqa: E402
from kiosk.core.sfnt import to_ranges  # noqa: E402


def code_points(path: Path) -> set[int]:
    font = TTFont(str(path), lazy=True)
    try:
        return set(font.getBestCmap() or {})
    finally:
        font.close()


def coverage_text() -> str:
    """The table for the fonts as they are now (what the file must contain)."""
    lines = ["# Code points the kiosk's bundled text fonts can draw (START-END, hex), made by",
             "# scripts/font_coverage.py from these fonts' cmaps; do not edit by hand:"]
    points: set[int] = set()
    for name in FONT_FILES:
        path = resource_path(name)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        found = code_points(path)
        points |= found
        lines.append(f"#   {name} ({len(found)} code points, sha256 {digest}…)")
    lines += [f"{first:X}-{last:X}" for first, last in to_ranges(points)]
    return "\n".join(lines) + "\n"


def main() -> None:
    target = resource_path(COVERAGE_FILE)
    target.write_text(coverage_text(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
