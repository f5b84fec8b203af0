"""Copies that sync tools and file managers leave beside a card, recognised by their names.

Syncthing keeps both sides of a conflict as `10-risks.sync-conflict-20260105-101500-ABCDEFG.md`,
Dropbox as `10-risks (Ana's conflicted copy 2026-01-05).md`, Windows Explorer makes
`10-risks - Copy.md` and the Mac Finder `10-risks copy.md`. Each ends in .md and would show as a
card with old text (the sample deck went from 10 to 13 pages). They are left out, and `kiosk
check` and the staff panel list them by name so staff can merge what they need and delete them.
"""

from __future__ import annotations

import re

# (pattern, what made it): a match's "stem" group is the original card's name without ".md".
_COPIES = (
    (re.compile(r"(?P<stem>.+?)\.sync-conflict-[0-9A-Za-z-]+\.md", re.IGNORECASE), "a Syncthing conflict copy"),
    (re.compile(r"(?P<stem>.+?) \([^()]*conflicted copy[^()]*\)\.md", re.IGNORECASE), "a conflict copy from Dropbox or Nextcloud"),
    (re.compile(r"(?P<stem>.+?) - (?:Copy|Kopie|Copie|Copia)(?: \(\d+\))?\.md", re.IGNORECASE), "a copy Windows Explorer made"),
    (re.compile(r"(?P<stem>.+?) copy(?: \d+)?\.md"), "a copy the Mac Finder made"),
)


def stray_copy(name: str) -> tuple[str, str] | None:
    """(what made it, the original card's file name) when `name` is a copy left by a tool, else None."""
    for pattern, kind in _COPIES:
        match = pattern.fullmatch(name)
        if match:
            return kind, match.group("stem") + ".md"
    return None


def stray_message(name: str) -> str:
    """The note for staff about the copy `name` (which must be one)."""
    found = stray_copy(name)
    assert found is not None
    kind, original = found
    return (f"{name} looks like {kind} of {original}, so patients do not see it: compare the two, keep what "
            f"you need in {original}, then delete the copy")
