"""Staff PIN hashing and checking; the PIN itself is never stored, only its SHA-256."""

from __future__ import annotations

import hashlib
import hmac

MIN_DIGITS = 4
MAX_DIGITS = 12


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
