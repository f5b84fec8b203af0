"""Single header values of a card, read the way staff meant them: text quoted back in a problem,
the take-home QR code's caption, and yes-or-no switches such as `crisis: true`."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.coverage import undrawable, undrawable_message
from kiosk.core.problems import Problem, warning
from kiosk.core.sfnt import Ranges

MAX_QR_LABEL_CHARS = 80  # a caption of two short lines under the code


def quoted(value: object, limit: int = 60) -> str:
    """A staff-written value quoted for a one-line problem: escaped, shortened, never expanded."""
    if not isinstance(value, str):
        return f"(a {'list' if isinstance(value, list) else 'group of settings' if isinstance(value, dict) else 'value'}, not text)"
    text = value.encode("unicode_escape").decode("ascii")
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def read_qr_label(path: Path, data: dict, line: int, problems: list[Problem], fonts: Ranges) -> str | None:
    """The card's caption for its QR code; a bad one is a warning and the interface default is shown."""
    label = data.get("qr_label")
    if label is None or (isinstance(label, str) and not label.strip()):
        return None
    if not isinstance(label, str):
        problems.append(warning(path, line, "'qr_label' must be text, such as 'Scan to visit our website'; showing the default caption"))
        return None
    label = " ".join(label.split())
    if len(label) > MAX_QR_LABEL_CHARS:
        problems.append(warning(path, line, f"'qr_label' is {len(label)} characters; at most {MAX_QR_LABEL_CHARS} fit under the QR code; showing the default caption"))
        return None
    if chars := undrawable(label, fonts):
        problems.append(warning(path, line, f"qr_label: {undrawable_message(chars)}"))
    return label


def flag(path: Path, data: dict, key: str, line: int, problems: list[Problem]) -> bool:
    """A yes-or-no header value: true or yes, false or no (any case); anything else is a warning and no."""
    value = data.get(key)
    if value is None or (isinstance(value, str) and value.strip().lower() in ("false", "no", "")):
        return False
    if isinstance(value, str) and value.strip().lower() in ("true", "yes"):
        return True
    problems.append(warning(path, line, f"'{key}' must be true or false (not {quoted(value)}); it is taken as false"))
    return False
