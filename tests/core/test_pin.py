"""Staff PIN: only its SHA-256 is stored; checks are exact, and the pad locks after repeated wrong tries."""

from __future__ import annotations

import pytest

from kiosk.core.pin import PinGuard, PinResult, hash_pin, pin_matches, pin_problem

HASH_2468 = "a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972"


def test_hash_pin_is_hex_sha256():
    assert hash_pin("2468") == HASH_2468
    assert hash_pin("2469") != HASH_2468


def test_pin_matches_right_wrong_and_missing_hash():
    assert pin_matches("2468", HASH_2468) is True
    assert pin_matches("2468", HASH_2468.upper()) is True
    assert pin_matches("2469", HASH_2468) is False
    assert pin_matches("", HASH_2468) is False
    assert pin_matches("2468", None) is False
    assert pin_matches("2468", "") is False


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


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_guard_locks_after_too_many_wrong_tries_and_unlocks_later():
    clock = FakeClock()
    guard = PinGuard(HASH_2468, max_attempts=3, lockout_s=60, clock=clock)
    assert [guard.check("0000") for _ in range(3)] == [PinResult.WRONG, PinResult.WRONG, PinResult.LOCKED]
    assert guard.locked_for() == 60
    assert guard.check("2468") is PinResult.LOCKED
    clock.now += 59.5
    assert guard.locked_for() == 1
    clock.now += 0.5
    assert guard.locked_for() == 0
    assert guard.check("2468") is PinResult.OK


def test_guard_without_a_hash_is_disabled_and_never_accepts():
    guard = PinGuard(None, clock=FakeClock())
    assert guard.enabled is False
    assert guard.check("2468") is PinResult.WRONG
