"""Interface text: a language whose file is missing or broken falls back to English, and the log says so once."""

from __future__ import annotations

import logging

import pytest

from kiosk.core import strings
from kiosk.core.strings import english, strings_for


@pytest.fixture
def i18n(tmp_path, monkeypatch):
    """An i18n folder of the test's own, with a fresh cache before and after."""
    folder = tmp_path / "i18n"
    folder.mkdir()
    (folder / "en.toml").write_text('touch_to_start = "Touch to start"\n', encoding="utf-8")
    monkeypatch.setattr(strings, "resource_path", lambda name: tmp_path / name)
    strings._load.cache_clear()
    yield folder
    strings._load.cache_clear()


def test_a_missing_language_file_shows_english_and_is_logged_once(i18n, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.core.strings"):
        first = strings_for("fr")
        again = strings_for("fr")
    assert first["touch_to_start"] == again["touch_to_start"] == "Touch to start"
    said = [record for record in caplog.records if "'fr'" in record.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.WARNING
    assert "fr.toml is missing" in said[0].getMessage() and "shown in English" in said[0].getMessage()


def test_a_broken_language_file_shows_english_and_is_logged_once_as_an_error(i18n, caplog):
    (i18n / "es.toml").write_text('touch_to_start = "Toque para empezar\n', encoding="utf-8")  # the quote never closes
    with caplog.at_level(logging.WARNING, logger="kiosk.core.strings"):
        assert strings_for("es")["touch_to_start"] == "Touch to start"
        assert strings_for("es")["touch_to_start"] == "Touch to start"
    said = [record for record in caplog.records if "'es'" in record.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.ERROR
    assert "es.toml" in said[0].getMessage() and "cannot be read" in said[0].getMessage()


def test_a_good_language_file_is_not_logged(i18n, caplog):
    (i18n / "es.toml").write_text('touch_to_start = "Toque para empezar"\n', encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="kiosk.core.strings"):
        assert strings_for("es")["touch_to_start"] == "Toque para empezar"
        assert english()["touch_to_start"] == "Touch to start"
    assert caplog.records == []
