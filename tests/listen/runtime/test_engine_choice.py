"""Choosing the engine and a voice: never Qt's mock by itself, never a near-miss voice silently."""

from __future__ import annotations

import pytest

from kiosk.listen.runtime.engine_choice import ENGINE_ENV, choose_engine, find_locale

SPEECHD_LOCALES = ["en_US", "en_GB", "es_419", "es_ES", "fr_FR"]


@pytest.mark.parametrize(
    ("wanted", "found"),
    [("es_419", "es_419"), ("es-419", "es_419"), ("es", "es_ES"), ("en_GB", "en_GB"), ("fr", "fr_FR")],
)
def test_voice_found_by_locale_or_bare_language(wanted, found):
    assert find_locale(SPEECHD_LOCALES, wanted) == (found, "")


def test_a_near_miss_is_reported_with_what_the_engine_has():
    assert find_locale(SPEECHD_LOCALES, "es_MX") == (None, "no voice 'es_MX' (this engine has es_419, es_ES)")
    assert find_locale(SPEECHD_LOCALES, "de") == (None, "no voice 'de' (this engine has no German voice)")


def test_switched_off_unknown_and_mock_engines():
    assert choose_engine({ENGINE_ENV: "none"}).name is None
    assert "switched off" in choose_engine({ENGINE_ENV: "none"}).reason
    unknown = choose_engine({ENGINE_ENV: "nosuch"})
    assert unknown.name is None and "'nosuch'" in unknown.reason and "mock" in unknown.reason
    assert choose_engine({ENGINE_ENV: "mock"}).name == "mock"
    # Left to itself the kiosk never picks the test engine, even where it is the only one installed.
    assert choose_engine({}, platform="plan9").name is None
