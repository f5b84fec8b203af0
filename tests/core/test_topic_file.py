"""topic.toml: a tile per language, a show window, every key declared once and every mistake named by line."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from kiosk.core.topic_file import LANGUAGE_KEYS, SETTINGS, load_topic


def topic(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "10-basics" / "topic.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(result) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity.value, p.message) for p in result.problems]


def test_a_full_topic_file_reads_every_key_and_the_language_table(tmp_path):
    result = load_topic(topic(tmp_path, """\
title = "The basics"
summary = "What it is"
icon = "fa5s.info-circle"
show_from = 2026-10-01
show_until = "2027-03-31"
days = ["Mon", "tue", "wednesday"]
hours = "08:00-12:30"
qr = "https://example.org/basics"
qr_label = "Read it at home"
[es]
title = "Lo básico"
summary = "Qué es"
"""))
    assert messages(result) == []
    info = result.info
    assert (info.title, info.summary, info.icon, info.qr, info.qr_label) == (
        "The basics", "What it is", "fa5s.info-circle", "https://example.org/basics", "Read it at home")
    assert info.window.show_from == date(2026, 10, 1) and info.window.show_until == date(2027, 3, 31)
    assert info.window.days == (0, 1, 2) and info.window.hours == (time(8), time(12, 30))
    spanish = info.for_language("es")
    assert (spanish.title, spanish.summary, spanish.icon, spanish.qr_label) == ("Lo básico", "Qué es", "fa5s.info-circle", "Read it at home")
    assert info.for_language("fr").title == "The basics"
    assert info.has_language("es") and not info.has_language("fr")


def test_typos_and_unknown_tables_are_warnings_naming_their_lines(tmp_path):
    result = load_topic(topic(tmp_path, 'title = "T"\ntitel = "x"\nsumary = "y"\n[es]\ntitle = "t"\nhours = "08:00-09:00"\ncolour = 1\n[Extra]\na = 1\n'))
    assert result.info is not None
    assert messages(result) == [
        (2, "warning", "unknown key 'titel' (did you mean 'title'?); it is ignored"),
        (3, "warning", "unknown key 'sumary' (did you mean 'summary'?); it is ignored"),
        (6, "warning", "'hours' belongs at the top of topic.toml, not in [es]: one window for every language; it is ignored"),
        (7, "warning", f"unknown key 'colour' in [es] (known keys: {', '.join(LANGUAGE_KEYS)}); it is ignored"),
        (8, "warning", "unknown section [Extra]; a table here is a language, such as [es]"),
    ]


def test_bad_values_fall_back_one_by_one(tmp_path):
    result = load_topic(topic(tmp_path, 'title = "T"\nicon = "fa5s.nope"\nqr = "ftp://x.org"\nsummary = 3\n'))
    assert result.info is not None
    assert (result.info.icon, result.info.qr, result.info.summary) == (None, None, "")
    assert [(line, severity) for line, severity, _ in messages(result)] == [(2, "warning"), (3, "warning"), (4, "warning")]
    assert "the tile shows the default icon" in messages(result)[0][2]


@pytest.mark.parametrize(("text", "line", "message"), [
    ('summary = "x"\n', 1, "topic.toml has no 'title' (the topic's name on its tile); the topic is not shown"),
    ('title = " "\n', 1, "'title' is empty; the topic is not shown"),
    ('title = "T"\nhours = "8 to 12"\n', 2, 'hours must be a span of the day such as "08:00-12:00" (24-hour clock); the topic is not shown until it is fixed'),
    ('title = "T"\nhours = "12:00-08:00"\n', 2, 'hours must end after it starts, on the same day (such as "08:00-12:00"); the topic is not shown until it is fixed'),
    ('title = "T"\ndays = ["someday"]\n', 2, 'days must be a list of days such as ["mon", "tue", "wed"]; the topic is not shown until it is fixed'),
    ('title = "T"\nshow_until = 2027-02-30\n', 2, "not valid TOML: Invalid date or datetime"),
    ('title = "T"\nshow_until = "March"\n', 2, "show_until must be a date written year-month-day, such as 2027-03-31; the topic is not shown until it is fixed"),
    ('title = "T\n', 1, "not valid TOML: Illegal character '\\n'"),
])
def test_what_cannot_be_decided_makes_the_file_unusable(tmp_path, text, line, message):
    result = load_topic(topic(tmp_path, text))
    assert result.info is None
    assert (line, "error", message) in messages(result)


def test_a_missing_file_names_the_topic(tmp_path):
    (tmp_path / "10-basics").mkdir()
    result = load_topic(tmp_path / "10-basics" / "topic.toml")
    assert result.info is None
    assert messages(result) == [(1, "error", "the topic 10-basics/ has no topic.toml (its title, summary and icon); the topic is not shown")]


def test_a_window_that_never_opens_and_a_label_without_a_code_are_warned_about(tmp_path):
    result = load_topic(topic(tmp_path, 'title = "T"\nshow_from = 2027-01-01\nshow_until = 2026-01-01\nqr_label = "x"\n[es]\nqr_label = "y"\n'))
    assert result.info is not None
    assert messages(result) == [
        (3, "warning", "'show_until' is before 'show_from': the topic is never shown"),
        (4, "warning", "qr_label without qr: there is no QR code to label; it is ignored"),
        (6, "warning", "qr_label in [es] without qr: there is no QR code to label; it is ignored"),
    ]


def test_every_key_is_declared_once_with_its_help():
    assert set(SETTINGS) == {"title", "summary", "icon", "qr", "qr_label", "show_from", "show_until", "days", "hours"}
    assert all(spec.help for spec in SETTINGS.values())
