"""Contact facts a listener can write down: digits one by one, websites as words, no abbreviations."""

from __future__ import annotations

import pytest

from kiosk.listen.core.spoken_facts import spoken_address, spoken_phone, spoken_website
from kiosk.core.strings import strings_for

EN, ES = strings_for("en"), strings_for("es")


@pytest.mark.parametrize(
    ("phone", "spoken"),
    [
        ("(301) 828-9513", "3 0 1, 8 2 8, 9 5 1 3"),
        ("301.828.9513", "3 0 1, 8 2 8, 9 5 1 3"),
        ("+1 301 828 9513", "plus 1, 3 0 1, 8 2 8, 9 5 1 3"),
        ("none", "none"),
    ],
)
def test_phone_digit_by_digit_in_its_groups(phone, spoken):
    assert spoken_phone(phone, EN) == spoken


@pytest.mark.parametrize(
    ("url", "en", "es"),
    [
        ("https://calliope.health/", "calliope dot health", "calliope punto health"),
        ("https://www.my-clinic.org/ketamine", "my dash clinic dot org slash ketamine", "my guion clinic punto org barra ketamine"),
        ("http://clinic24.com", "clinic 2 4 dot com", "clinic 2 4 punto com"),
    ],
)
def test_website_as_the_words_a_patient_types(url, en, es):
    assert spoken_website(url, EN) == en
    assert spoken_website(url, ES) == es


def test_address_abbreviations_written_out_and_zip_digit_by_digit():
    assert spoken_address("4300 Montgomery Ave Suite 304, Bethesda, MD 20814, United States") == (
        "4300 Montgomery Avenue Suite 304, Bethesda, Maryland 2 0 8 1 4, United States"
    )
    assert spoken_address("12 N Main St., Ste 5, Salem, OR 97301-1234") == (
        "12 North Main Street, Suite 5, Salem, Oregon 9 7 3 0 1, 1 2 3 4"
    )


def test_state_codes_only_after_the_street():
    assert spoken_address("1 MD Plaza, Miami, FL") == "1 MD Plaza, Miami, Florida"
