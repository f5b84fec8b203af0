"""Reads a topic's `topic.toml`: its tile (title, one-line summary, icon), its show window, its QR.

It follows kiosk.toml's `[welcome]` / `[welcome.es]` convention: the values at the top are in the
first language, and a table per other language (`[es]`) gives that language's title, summary,
icon, qr and qr_label. Each key is declared once below with `setting(...)`, as kiosk.toml's are, so
a typo (`titel`) is reported with its file and line and a bad value falls back on its own.

What cannot be decided makes the file unusable (an error; the kiosk keeps the topic's last good
version, or leaves a new topic out): no title, or a show window that cannot be read.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path
from typing import Any

from kiosk.core.coverage import undrawable, undrawable_message
from kiosk.core.icons import icon_exists
from kiosk.core.problems import Problem, error, warning
from kiosk.core.qr import url_problem
from kiosk.core.settings import LANGUAGE_CODE, Invalid, declared, fallback_message, optional_text, setting, text
from kiosk.core.text_lines import key_line
from kiosk.core.toml_file import read_toml
from kiosk.core.topic_window import DATE, DAYS, HOURS, ShowWindow

TOPIC_FILE = "topic.toml"
MAX_TOPIC_BYTES = 16 * 1024
MAX_TITLE_CHARS = 60  # two lines of a tile at the largest text
MAX_SUMMARY_CHARS = 90  # "one line": two short lines of a tile at the largest text
MAX_QR_LABEL_CHARS = 80
WINDOW_KEYS = ("show_from", "show_until", "days", "hours")


def _icon_problem(name: str) -> str | None:
    return None if icon_exists(name) else f"'{name[:40]}' is not a known icon (names look like fa5s.capsules)"


def _length(limit: int) -> Any:
    return lambda value: f"is {len(value)} characters; at most {limit} fit on a tile" if len(value) > limit else None


@dataclass(frozen=True)
class TopicInfo:
    """One topic's `topic.toml`; `translations` are its `[<language>]` tables, by language."""

    title: str = setting("", text("text in quotes", _length(MAX_TITLE_CHARS)), "the topic's name, on its tile (required)")
    summary: str = setting(
        "", text("text in quotes", _length(MAX_SUMMARY_CHARS)), "one line under the title: what the topic tells",
        fallback="the tile shows the title alone",
    )
    icon: str | None = setting(
        None, optional_text("an icon name such as fa5s.info-circle", _icon_problem), "the tile's icon",
        fallback="the tile shows the default icon",
    )
    qr: str | None = setting(
        None, optional_text("a web address such as https://example.org/topic", url_problem),
        "a web page for this topic: the contact screen at its end shows its QR code instead of the clinic's website",
        fallback="the contact screen shows the clinic's website",
    )
    qr_label: str | None = setting(
        None, optional_text("text in quotes", _length(MAX_QR_LABEL_CHARS)), "the caption under that QR code",
        fallback="the usual caption is shown",
    )
    # setting() makes a dataclass field (an immutable default), which ruff cannot see for a date.
    show_from: date | None = setting(None, DATE, "the first day the topic is on the grid")  # noqa: RUF009
    show_until: date | None = setting(None, DATE, "the last day the topic is on the grid")  # noqa: RUF009
    days: tuple[int, ...] = setting((), DAYS, 'the days of the week it is on the grid, such as ["mon", "tue"]')
    hours: tuple[time, time] | None = setting(None, HOURS, 'the hours of the day it is on the grid, such as "08:00-12:00"')
    translations: tuple[tuple[str, TopicInfo], ...] = ()

    @property
    def window(self) -> ShowWindow:
        return ShowWindow(self.show_from, self.show_until, self.days, self.hours)

    def for_language(self, language: str) -> TopicInfo:
        """The tile in `language`: what `[<language>]` gives replaces the first language's text."""
        for code, other in self.translations:
            if code == language:
                given = {name: getattr(other, name) for name in LANGUAGE_KEYS if getattr(other, name)}
                return replace(self, **given, translations=())
        return self

    def has_language(self, language: str) -> bool:
        return any(code == language for code, _ in self.translations)


SETTINGS = {item.name: spec for item, spec in declared(TopicInfo)}
DEFAULTS = {item.name: item.default for item, _ in declared(TopicInfo)}
LANGUAGE_KEYS = ("title", "summary", "icon", "qr", "qr_label")  # what a [<language>] table may give


@dataclass(frozen=True)
class TopicResult:
    """`info` is None when the file cannot be used (missing, not TOML, no title, unreadable window)."""

    info: TopicInfo | None
    problems: tuple[Problem, ...]


def load_topic(path: Path) -> TopicResult:
    """Read `path` (a topic's topic.toml); every problem names it and its line."""
    file = read_toml(path, MAX_TOPIC_BYTES)
    if file.data is None:
        assert file.problem is not None
        problem = file.problem
        if file.missing:
            problem = error(path, 1, f"the topic {path.parent.name}/ has no {TOPIC_FILE} (its title, summary and icon); the topic is not shown")
        return TopicResult(None, (problem,))
    problems: list[Problem] = []
    info = _parse(path, file.text, file.data, problems)
    usable = not any(problem.is_error for problem in problems)
    return TopicResult(info if usable else None, tuple(sorted(problems, key=lambda problem: problem.line)))


def _parse(path: Path, source: str, data: dict[str, Any], problems: list[Problem]) -> TopicInfo:
    def complain(table: str, key: str | None, message: str, *, is_error: bool = False) -> None:
        problems.append((error if is_error else warning)(path, key_line(source, table, key), message))

    values = _values("", data, complain)
    translations = []
    for key, value in data.items():
        if isinstance(value, dict):
            if not LANGUAGE_CODE.fullmatch(key):
                complain(key, None, f"unknown section [{key}]; a table here is a language, such as [es]")
                continue
            translations.append((key, TopicInfo(**_values(key, value, complain))))
    if "title" not in data:
        complain("", None, f"{TOPIC_FILE} has no 'title' (the topic's name on its tile); the topic is not shown", is_error=True)
    elif "title" in values and not values["title"]:
        complain("", "title", "'title' is empty; the topic is not shown", is_error=True)
    info = TopicInfo(**values, translations=tuple(translations))
    if info.show_from and info.show_until and info.show_until < info.show_from:
        complain("", "show_until", "'show_until' is before 'show_from': the topic is never shown")
    for code, other in (("", info), *translations):
        if other.qr_label and not (other.qr or info.qr):
            complain(code, "qr_label", f"qr_label{f' in [{code}]' if code else ''} without qr: there is no QR code to label; it is ignored")
    return info


def _values(table: str, data: dict[str, Any], complain: Any) -> dict[str, Any]:
    """The settings of the top of the file (`table` "") or of one language table, each checked alone."""
    values: dict[str, Any] = {}
    where = f" in [{table}]" if table else ""
    for key, value in data.items():
        if isinstance(value, dict) and not table:
            continue  # a language table, read on its own
        if key in WINDOW_KEYS and table:
            complain(table, key, f"'{key}' belongs at the top of {TOPIC_FILE}, not in [{table}]: one window for every language; it is ignored")
            continue
        spec = SETTINGS.get(key) if key != "translations" else None
        if spec is None or (table and key not in LANGUAGE_KEYS):
            known = LANGUAGE_KEYS if table else tuple(SETTINGS)
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(known)})"
            complain(table, key, f"unknown key '{str(key)[:40]}'{where}{hint}; it is ignored")
            continue
        try:
            values[key] = spec.kind.parse(value)
        except Invalid as exc:
            unusable = key in WINDOW_KEYS or (key == "title" and not table)
            message = f"{key} {exc.reason}; the topic is not shown until it is fixed" if unusable else fallback_message(key, spec, DEFAULTS[key], exc.reason)
            complain(table, key, message, is_error=unusable)
            continue
        if isinstance(values[key], str) and (chars := undrawable(values[key])):
            complain(table, key, f"{key}: {undrawable_message(chars)}")
    return values
