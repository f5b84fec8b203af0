"""Staff PIN hashes: scrypt with its parameters in the value (RFC 7914 vectors), the legacy SHA-256, bad values."""

from __future__ import annotations

import hashlib
import time

import pytest

from kiosk.core.pin import (
    DEMO_PIN, SCRYPT_N, SCRYPT_P, SCRYPT_R, ScryptHash, hash_pin, is_demo_pin, legacy_sha256, parse_scrypt, pin_matches,
    pin_problem,
)

HASH_2468 = "a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972"
# RFC 7914 section 12, vectors 2 and 3 (the third uses the kiosk's own parameters).
RFC_NACL = (
    "scrypt$1024$8$16$" + b"NaCl".hex() + "$fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
    "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
)
RFC_SODIUM = (
    "scrypt$16384$8$1$" + b"SodiumChloride".hex() + "$7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
    "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"
)


def test_known_answer_vectors_from_rfc_7914():
    assert pin_matches("password", RFC_NACL)
    assert pin_matches("pleaseletmein", RFC_SODIUM)
    assert not pin_matches("pleaseletmeiN", RFC_SODIUM)
    assert (SCRYPT_N, SCRYPT_R, SCRYPT_P) == (16384, 8, 1)


def test_hash_pin_is_salted_self_describing_scrypt():
    salt = bytes(range(16))
    value = hash_pin("2468", salt=salt)
    expected = hashlib.scrypt(b"2468", salt=salt, n=16384, r=8, p=1, dklen=32).hex()
    assert value == f"scrypt$16384$8$1${salt.hex()}${expected}"
    assert hash_pin("2468") != hash_pin("2468"), "a fresh salt each time"
    assert pin_matches("2468", value) and pin_matches("2468", value.upper())
    assert not pin_matches("2469", value)
    assert not pin_matches("", value)


def test_the_legacy_sha256_still_matches():
    assert legacy_sha256("2468") == HASH_2468
    assert pin_matches("2468", HASH_2468) and pin_matches("2468", HASH_2468.upper())
    assert not pin_matches("2469", HASH_2468)


@pytest.mark.parametrize("stored", [None, "", "2468", "scrypt$16384$8$1$00$", "sha256$" + HASH_2468])
def test_nothing_else_ever_matches(stored):
    assert not pin_matches("2468", stored)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2468", "must look like scrypt$N$r$p$salt$key as made by `kiosk pin`"),
        ("scrypt$16384$8$1$abc$" + "00" * 32, "must look like"),  # odd hex
        ("scrypt$16384$8$1$" + "00" * 16, "must look like"),
        ("scrypt$1000$8$1$" + "00" * 16 + "$" + "00" * 32, "must have N a power of two (it is 1000)"),
        ("scrypt$1048576$8$1$" + "00" * 16 + "$" + "00" * 32, "must have parameters a kiosk can check in well under a second"),
        ("scrypt$16384$8$64$" + "00" * 16 + "$" + "00" * 32, "N=16384, r=8, p=64 is too much"),
        ("scrypt$16384$0$1$" + "00" * 16 + "$" + "00" * 32, "must have parameters"),
        ("scrypt$16384$8$1$" + "00" * 16 + "$" + "00" * 8, "must have a key of 16 to 64 bytes"),
    ],
)
def test_malformed_values_say_what_is_wrong(value, reason):
    parsed = parse_scrypt(value)
    assert isinstance(parsed, str) and reason in parsed
    assert not pin_matches("2468", value)


def test_parse_reads_back_what_hash_pin_wrote():
    parsed = parse_scrypt(hash_pin("2468", salt=b"s" * 16))
    assert isinstance(parsed, ScryptHash) and (parsed.n, parsed.r, parsed.p, parsed.salt) == (16384, 8, 1, b"s" * 16)


def test_demo_pin_is_recognised_in_either_form():
    assert is_demo_pin(hash_pin(DEMO_PIN)) and is_demo_pin(legacy_sha256(DEMO_PIN))
    assert not is_demo_pin(hash_pin("2468"))


def test_one_check_costs_tens_of_milliseconds_not_microseconds():
    """The point of scrypt: a guess costs real work (how long, a person measures; no timed test)."""
    value = hash_pin("2468")
    started = time.perf_counter()
    pin_matches("0000", value)
    assert time.perf_counter() - started > 0.01


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("2468", None),
        ("123456789012", None),
        ("123", "a PIN has 4 to 12 digits"),
        ("1234567890123", "a PIN has 4 to 12 digits"),
        ("", "a PIN is digits only"),
        ("24a8", "a PIN is digits only"),
        (" 2468", "a PIN is digits only"),
        ("２４６８", "a PIN is digits only"),  # full-width digits: isdigit() but not ASCII
    ],
)
def test_pin_problem(pin, problem):
    assert pin_problem(pin) == problem


def test_every_check_goes_through_the_constant_time_comparison(monkeypatch):
    import hmac

    compared = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: compared.append(1) or real(a, b))
    value = hash_pin("9876", salt=b"s" * 16)
    assert [pin_matches(pin, value) for pin in ("9876", "0000")] == [True, False]
    assert [pin_matches(pin, HASH_2468) for pin in ("2468", "0000")] == [True, False]
    assert len(compared) == 4
