"""How the handout attaches to the kiosk: kiosk.app hands `save_handout` to the staff panel's button.

The handout itself (its page layout, Qt's PDF writer and page sizes) loads when staff first ask for
one: a start-up that never prints does not pay the ~5 ms of it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.store import ContentState


def save_handout(state: ContentState, language: str, today: date, folder: Path) -> Path:
    """kiosk.handout.runtime.save_handout, loaded on first use."""
    from kiosk.handout.runtime import save_handout as save

    return save(state, language, today, folder)
