"""Staff PIN hashing and checking; the PIN itself is never stored, only its SHA-256."""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Callable
from enum import Enum

MIN_DIGITS = 4
MAX_DIGITS = 12
# The sample kiosk.toml ships this PIN so a new install can be tried; `kiosk check` warns while it is in use.
DEMO_PIN = "2580"


class PinResult(Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


def hash_pin(pin: str) -> str:
    return hashlib.sha256(pin.encode("utf-8")).hexdigest()


def pin_problem(pin: str) -> str | None:
    if not pin.isdigit() or not pin.isascii():
        return "a PIN is digits only"
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"a PIN has {MIN_DIGITS} to {MAX_DIGITS} digits"
    return None


def pin_matches(pin: str, expected_sha256: str | None) -> bool:
    """Constant-time comparison, so timing never hints at how close a guess was."""
    if not expected_sha256:
        return False
    return hmac.compare_digest(hash_pin(pin), expected_sha256.lower())


class PinGuard:
    """Checks PINs against the configured hash and locks the pad after too many wrong tries."""

    def __init__(
        self,
        expected_sha256: str | None,
        *,
        max_attempts: int = 5,
        lockout_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.expected = expected_sha256
        self.max_attempts = max_attempts
        self.lockout_s = lockout_s
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    @property
    def enabled(self) -> bool:
        return bool(self.expected)

    def locked_for(self) -> int:
        """Whole seconds until the pad accepts PINs again (0 when it does now)."""
        return max(0, math.ceil(self._locked_until - self._clock()))

    def check(self, pin: str) -> PinResult:
        if self.locked_for():
            return PinResult.LOCKED
        if pin_matches(pin, self.expected):
            self._failures = 0
            return PinResult.OK
        self._failures += 1
        if self._failures >= self.max_attempts:
            self._failures = 0
            self._locked_until = self._clock() + self.lockout_s
            return PinResult.LOCKED
        return PinResult.WRONG
