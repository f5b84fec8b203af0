"""Icon names are checked from qtawesome's charmap files, without importing qtawesome (it loads Qt)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

from kiosk.core.icons import FONT_AWESOME_5, OTHER_SETS, icon_exists


def test_icon_sets_match_the_qtawesome_this_kiosk_pins():
    import qtawesome

    bundled = {prefix: charmap for prefix, _ttf, charmap in qtawesome._BUNDLED_FONTS}
    ours = {**{prefix: files[1] for prefix, files in FONT_AWESOME_5.items()}, **OTHER_SETS}
    assert ours == bundled


def test_names_from_every_kind_of_set_are_known_and_typos_are_not():
    assert icon_exists("fa5s.syringe")
    assert icon_exists("mdi6.pill")
    assert icon_exists("ph.heart")
    assert not icon_exists("fa5s.syringe-typo")
    assert not icon_exists("nosuchset.heart")
    assert not icon_exists("fa5s")


def test_checking_an_icon_from_another_set_does_not_load_qt():
    code = "import sys; from kiosk.core.icons import icon_exists; assert icon_exists('mdi6.pill'); print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'qtawesome'))))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
