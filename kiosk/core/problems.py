"""Content problems as data, so `kiosk check`, the log and the staff panel all say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    """An error leaves the item out (or keeps its last good version); a warning shows it with a fallback.

    A note changes nothing on screen: it tells staff something worth knowing (a card due for review
    soon, a card hidden by its show dates) without asking them to fix anything.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Problem:
    """One thing staff should fix, pointing at the file and line where it is."""

    path: Path
    line: int
    severity: Severity
    message: str

    def format(self) -> str:
        """`PATH:LINE: error: MESSAGE`, the line `kiosk check` prints and the log and staff panel show."""
        return f"{self.path}:{self.line}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, Severity.ERROR, message)


def warning(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, Severity.WARNING, message)


def note(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, Severity.NOTE, message)
