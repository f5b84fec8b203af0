"""Single header values of a card, read the way staff meant them: keys it does not know, the title,
the icon, the take-home QR code and its caption, yes-or-no switches such as `crisis: true`, and
text quoted back in a problem. Each reader adds its problems, with their line, to the card's list."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from kiosk.core.coverage import undrawable, undrawable_message
from kiosk.core.hidden_text import hidden_text_problems
from kiosk.core.icons import icon_exists
from kiosk.core.problems import Problem, error, warning
from kiosk.core.qr import url_problem
from kiosk.core.sfnt import Ranges

MAX_TITLE_CHARS = 200
MAX_QR_LABEL_CHARS = 80  # a caption of two short lines under the code
LineOf = Callable[[str], int]  # a header key's line in the file


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


def unknown_keys(path: Path, data: dict, known: tuple[str, ...], line_of: LineOf) -> list[Problem]:
    """A warning for each key the card format does not have, with the nearest known one as a hint."""
    problems = []
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(known)})"
            problems.append(warning(path, line_of(key), f"unknown front matter key {quoted(key)}{hint}; it is ignored"))
    return problems


def title_problems(path: Path, data: dict, line_of: LineOf, fonts: Ranges) -> list[Problem]:
    """A card must have a title of text that fits; characters the fonts lack or hidden text are warnings."""
    title = data.get("title")
    problems = []
    if "title" not in data:
        problems.append(error(path, 1, "front matter has no 'title'"))
    elif title is None or (isinstance(title, str) and not title.strip()):
        problems.append(error(path, line_of("title"), "'title' is empty"))
    elif not isinstance(title, str):
        problems.append(error(path, line_of("title"), "'title' must be text"))
    elif len(title.strip()) > MAX_TITLE_CHARS:
        problems.append(error(path, line_of("title"), f"'title' is {len(title.strip())} characters; at most {MAX_TITLE_CHARS} fit on the screen"))
    elif chars := undrawable(title, fonts):
        problems.append(warning(path, line_of("title"), f"title: {undrawable_message(chars)}"))
    if isinstance(title, str):
        problems.extend(warning(path, line_of("title"), f"title: {message}") for message in hidden_text_problems(title))
    return problems


def read_icon(path: Path, data: dict, line: int, problems: list[Problem]) -> str | None:
    """The card's icon name; an empty one is none, an unknown one a warning (the default icon shows)."""
    icon = data.get("icon") or None
    if icon is not None and not (isinstance(icon, str) and icon_exists(icon)):
        problems.append(warning(path, line, f"unknown icon {quoted(icon)}; showing the default icon (names look like fa5s.capsules)"))
        return None
    return icon


def read_qr(path: Path, data: dict, line_of: LineOf, problems: list[Problem], fonts: Ranges) -> tuple[str | None, str | None]:
    """The take-home QR code's address and caption; a bad address means no code on the card (a warning)."""
    qr = data.get("qr")
    if qr is not None and (reason := url_problem(qr)):
        problems.append(warning(path, line_of("qr"), f"qr {reason}; no QR code is shown on this card"))
        qr = None
    label = read_qr_label(path, data, line_of("qr_label"), problems, fonts) if qr is not None else None
    if "qr_label" in data and "qr" not in data:
        problems.append(warning(path, line_of("qr_label"), "qr_label without qr: there is no QR code to label; it is ignored"))
    return qr, label
