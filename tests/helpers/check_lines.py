"""`kiosk check` output minus the sign-off warning every card without `approved_by` gets, for
tests about other problems (tests/core/test_governance.py tests that warning itself)."""

from __future__ import annotations

from typing import TypeVar

from kiosk.core.governance import NOT_SIGNED_OFF
from kiosk.core.problems import Problem

T = TypeVar("T", str, Problem)


def without_sign_off(found: list[T]) -> list[T]:
    """`kiosk check` lines or Problems, leaving out "not signed off" warnings."""
    return [item for item in found if NOT_SIGNED_OFF not in (item if isinstance(item, str) else item.message)]
