"""What the staff panel shows: plain facts about the running kiosk, gathered by kiosk.app when staff open it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StaffInfo:
    content_folder: str
    version: str
    uptime: str
    last_reload: str
    problems: tuple[str, ...]  # the same lines `kiosk check` prints
    reviews: tuple[str, ...] = ()  # cards due for review within 30 days or overdue, soonest first
    pin_attempts: str = ""  # "N wrong PIN attempts since <date>", filled in by the staff access
