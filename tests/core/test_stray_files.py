"""Copies sync tools and file managers leave beside a card are left out and listed, never shown as cards."""

from __future__ import annotations

import shutil

import pytest

from kiosk.core.check import lint
from kiosk.core.store import ContentStore
from kiosk.core.stray_files import stray_copy

CARD = "10-what-is-ketamine.md"
# Names exactly as each tool writes them (Syncthing's has a date, time and device id).
COPIES = {
    "10-what-is-ketamine.sync-conflict-20260105-101500-ABCDEF7.md": "a Syncthing conflict copy",
    "10-what-is-ketamine (Ana's conflicted copy 2026-01-05).md": "a conflict copy from Dropbox or Nextcloud",
    "10-what-is-ketamine (conflicted copy 2026-01-05 101500).md": "a conflict copy from Dropbox or Nextcloud",
    "10-what-is-ketamine - Copy.md": "a copy Windows Explorer made",
    "10-what-is-ketamine - Copy (2).md": "a copy Windows Explorer made",
    "10-what-is-ketamine copy.md": "a copy the Mac Finder made",
    "10-what-is-ketamine copy 2.md": "a copy the Mac Finder made",
}


@pytest.mark.parametrize("name", ["10-what-is-ketamine.md", "20-copying-your-records.md", "30-copy-of-consent.md", "40-sync.md"])
def test_ordinary_card_names_are_cards(name):
    assert stray_copy(name) is None


def test_copies_are_left_out_of_the_deck_and_listed_by_check_with_their_names(content):
    for name in COPIES:
        shutil.copy(content / "en" / CARD, content / "en" / name)
    state = ContentStore(content).reload()
    assert len(state.cards("en")) == 9  # the sample's nine, not sixteen
    notes = {p.path.name: (p.line, p.severity.value, p.message) for p in lint(content) if p.path.parent == content / "en"}
    for name, kind in COPIES.items():
        assert notes[name] == (1, "note", f"{name} looks like {kind} of {CARD}, so patients do not see it: compare the two, "
                                          f"keep what you need in {CARD}, then delete the copy")


def test_the_staff_panel_lists_a_copy_too(make_kiosk, content):
    name = "50-risks-and-limits.sync-conflict-20260105-101500-ABCDEF7.md"
    shutil.copy(content / "en" / "50-risks-and-limits.md", content / "en" / name)
    kiosk = make_kiosk(content)
    assert kiosk.window.screens.count == 1 + 9 + 1  # welcome, nine cards, contact
    assert any(line.startswith(f"{content / 'en' / name}:1: note: {name} looks like a Syncthing conflict copy")
               for line in kiosk.staff_info().problems)
