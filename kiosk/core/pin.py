"""The staff PIN's stored form: a salted scrypt hash that names its own parameters.

Content (kiosk.toml included) is synced between kiosks with git or Syncthing, so the hash travels
and must not give the PIN away. The old unsalted SHA-256 of 4-12 digits fell to a laptop in well
under a second. A `staff_pin` made by `kiosk pin` looks like

    scrypt$16384$8$1$<salt: 16 bytes, hex>$<key: 32 bytes, hex>

(N, r, p, then salt and key). N=2^14, r=8, p=1 needs 16 MiB and takes about 50-120 ms on the CI
machine this project measures on (2 cores of an AMD EPYC VM, loaded), inside the 50-100 ms that
keeps a staff member waiting no longer than a tap. That makes every guess at a copied hash cost the
same, but it cannot make a short PIN long: trying all 10,000 four-digit PINs costs about 17 minutes
of one core, all million six-digit ones about a day, so `kiosk pin` asks for 6 digits or more.
Parameters stay in the value, so stronger ones later still read old values. `staff_pin_sha256`
keeps working (with a `kiosk check` warning saying how to upgrade).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

MIN_DIGITS = 4
MAX_DIGITS = 12
RECOMMENDED_DIGITS = 6
# The sample kiosk.toml ships this PIN so a new install can be tried; `kiosk check` warns while it is in use.
DEMO_PIN = "2580"

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
# A value in kiosk.toml must not be able to make the kiosk hang or run out of memory: at most 64 MiB
# (128 * r * N) and 32 times the default's work (N * r * p).
MAX_MEMORY = 64 * 1024 * 1024
MAX_WORK = 32 * SCRYPT_N * SCRYPT_R * SCRYPT_P
FORMAT_HELP = "scrypt$N$r$p$salt$key as made by `kiosk pin`"
KEPT_VERDICTS = 8  # demo-PIN answers remembered, by hash

_demo_verdicts: dict[str, bool] = {}

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_SCRYPT = re.compile(r"scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$((?:[0-9a-f]{2})+)\$((?:[0-9a-f]{2})+)")


@dataclass(frozen=True)
class ScryptHash:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    def __str__(self) -> str:
        return f"scrypt${self.n}${self.r}${self.p}${self.salt.hex()}${self.key.hex()}"


def _derive(pin: str, n: int, r: int, p: int, salt: bytes, length: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAX_MEMORY + 1024 * 1024, dklen=length)


def hash_pin(pin: str, *, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """The `staff_pin` value for `pin` (a fresh random salt unless one is given)."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    return str(ScryptHash(n, r, p, salt, _derive(pin, n, r, p, salt, KEY_BYTES)))


def legacy_sha256(pin: str) -> str:
    """The old `staff_pin_sha256` value: hex SHA-256 of the digits, unsalted."""
    return hashlib.sha256(pin.encode("utf-8")).hexdigest()


def parse_scrypt(value: str) -> ScryptHash | str:
    """The parsed hash, or the reason (words after "must ...") it is not one the kiosk can check."""
    match = _SCRYPT.fullmatch(value.strip().lower())
    if not match:
        return f"must look like {FORMAT_HELP}"
    n, r, p = (int(group) for group in match.groups()[:3])
    salt, key = bytes.fromhex(match.group(4)), bytes.fromhex(match.group(5))
    if n < 2 or n & (n - 1):
        return f"must have N a power of two (it is {n})"
    if not (r >= 1 and p >= 1) or 128 * r * n > MAX_MEMORY or n * r * p > MAX_WORK:
        return f"must have parameters a kiosk can check in well under a second (N={n}, r={r}, p={p} is too much)"
    if not 16 <= len(key) <= 64:
        return "must have a key of 16 to 64 bytes"
    return ScryptHash(n, r, p, salt, key)


def pin_hash_problem(value: str) -> str | None:
    """Why `value` is not a usable `staff_pin` (None when it is)."""
    parsed = parse_scrypt(value)
    return parsed if isinstance(parsed, str) else None


def legacy_hash_problem(value: str) -> str | None:
    return None if _SHA256_HEX.fullmatch(value.lower()) else "must be 64 hex digits (make a staff_pin with `kiosk pin` instead)"


def pin_problem(pin: str) -> str | None:
    if not pin.isdigit() or not pin.isascii():
        return "a PIN is digits only"
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"a PIN has {MIN_DIGITS} to {MAX_DIGITS} digits"
    return None


def pin_matches(pin: str, stored: str | None) -> bool:
    """True when `pin` is the one behind `stored` (a scrypt value or a legacy SHA-256); constant-time."""
    if not stored:
        return False
    parsed = parse_scrypt(stored)
    if isinstance(parsed, ScryptHash):
        derived = _derive(pin, parsed.n, parsed.r, parsed.p, parsed.salt, len(parsed.key))
        return hmac.compare_digest(derived, parsed.key)
    if _SHA256_HEX.fullmatch(stored.lower()):
        return hmac.compare_digest(legacy_sha256(pin), stored.lower())
    return False


def is_demo_pin(stored: str) -> bool:
    """Whether `stored` is the demo PIN's hash. Remembered per hash, since every reload of kiosk.toml
    asks and scrypt costs ~50 ms; the parse cache (kiosk.core.parse_cache) keeps the answers for the
    next start, which takes them back with remember_demo_pin_verdicts."""
    verdict = _demo_verdicts.get(stored)
    if verdict is None:
        verdict = pin_matches(DEMO_PIN, stored)
        _remember(stored, verdict)
    return verdict


def remember_demo_pin_verdicts(verdicts: Mapping[str, bool]) -> None:
    """Answers an earlier run of this same code worked out for these hashes."""
    for stored, verdict in verdicts.items():
        _remember(stored, verdict)


def demo_pin_verdicts() -> dict[str, bool]:
    """The answers so far, for the parse cache."""
    return dict(_demo_verdicts)


def _remember(stored: str, verdict: bool) -> None:
    _demo_verdicts[stored] = verdict
    while len(_demo_verdicts) > KEPT_VERDICTS:  # the oldest first: a kiosk.toml has one hash at a time
        del _demo_verdicts[next(iter(_demo_verdicts))]


def check_pin_settings(
    staff_pin: str | None, staff_pin_sha256: str | None, table: dict[str, Any], complain: Callable[..., None]
) -> tuple[str | None, str | None]:
    """Which PIN hash counts (staff_pin, staff_pin_sha256), and the warnings staff need: none, old form,
    both, or the demo PIN."""
    staff_pin, staff_pin_sha256 = staff_pin and staff_pin.lower(), staff_pin_sha256 and staff_pin_sha256.lower()
    if "staff_pin" in table and staff_pin is None:
        # A broken staff_pin never falls back to an older line: staff meant to replace it.
        return None, None
    if staff_pin is not None and staff_pin_sha256 is not None:
        complain("kiosk", "staff_pin_sha256", "staff_pin_sha256 is ignored because staff_pin is set; delete this line", is_error=False)
        staff_pin_sha256 = None
    elif staff_pin_sha256 is not None:
        complain("kiosk", "staff_pin_sha256", (
            "staff_pin_sha256 is an unsalted SHA-256 that anyone who sees this file can turn back into the PIN "
            "in under a second: run `kiosk pin` and replace this line with the staff_pin line it prints"
        ), is_error=False)
    stored = staff_pin or staff_pin_sha256
    if stored is None:
        if "staff_pin" not in table and "staff_pin_sha256" not in table:
            complain("kiosk", None, "no staff_pin: staff exit is disabled (make one with `kiosk pin`)", is_error=False)
    elif is_demo_pin(stored):
        key = "staff_pin" if staff_pin else "staff_pin_sha256"
        complain("kiosk", key, f"staff PIN is the demo PIN {DEMO_PIN}: change it before deploying (`kiosk pin`)", is_error=False)
    return staff_pin, staff_pin_sha256
