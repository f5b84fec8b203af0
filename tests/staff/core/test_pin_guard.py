"""PinGuard: escalating lockouts kept across restarts, a corrupt record fails safe, attempts counted and logged."""

from __future__ import annotations

import json
import logging

import pytest

from kiosk.staff.core.pin_guard import LOCKOUT_STEPS_S, PinGuard, PinResult


class Clock:
    """The wall clock and the monotonic one: time passing (`now += s`) moves both; `wall` alone is the
    wall clock being set (NTP, a dead RTC, someone at the BIOS)."""

    def __init__(self) -> None:
        self.wall = 1_800_000_000.0
        self.elapsed = 5_000.0

    @property
    def now(self) -> float:
        return self.wall

    @now.setter
    def now(self, value: float) -> None:
        self.elapsed += value - self.wall
        self.wall = value

    def __call__(self) -> float:
        return self.wall

    def monotonic(self) -> float:
        return self.elapsed


def five_wrong(guard: PinGuard) -> list[PinResult]:
    return [guard.record_wrong() for _ in range(5)]


def test_five_wrong_lock_for_a_minute_then_five_minutes_fifteen_and_an_hour(tmp_path):
    clock = Clock()
    guard = PinGuard(tmp_path / "pin.json", clock=clock, monotonic=clock.monotonic)
    assert LOCKOUT_STEPS_S == (60, 300, 900, 3600)
    assert five_wrong(guard) == [PinResult.WRONG] * 4 + [PinResult.LOCKED]
    for step in (300, 900, 3600, 3600):
        clock.now += guard.locked_for()
        assert guard.locked_for() == 0
        assert five_wrong(guard)[-1] is PinResult.LOCKED
        assert guard.locked_for() == step


def test_a_restart_keeps_the_lockout_and_its_escalation(tmp_path):
    clock = Clock()
    path = tmp_path / "state" / "pin-lockout.json"
    five_wrong(PinGuard(path, clock=clock, monotonic=clock.monotonic))
    clock.now += 30
    restarted = PinGuard(path, clock=clock, monotonic=clock.monotonic)
    assert restarted.locked_for() == 30, "a restart must not unlock the pad"
    clock.now += 30
    assert restarted.locked_for() == 0
    assert five_wrong(restarted)[-1] is PinResult.LOCKED
    assert PinGuard(path, clock=clock, monotonic=clock.monotonic).locked_for() == 300, "the second lockout is longer, restart or not"


def test_a_good_pin_clears_lockouts_and_reports_attempts_since_the_last_good_one(tmp_path):
    clock = Clock()
    path = tmp_path / "pin.json"
    guard = PinGuard(path, clock=clock, monotonic=clock.monotonic)
    started = clock.now
    five_wrong(guard)
    clock.now += 60
    guard.record_wrong()
    guard.record_wrong()
    assert PinGuard(path, clock=clock, monotonic=clock.monotonic).record_ok() == (7, started)
    after = PinGuard(path, clock=clock, monotonic=clock.monotonic)
    assert after.record.wrong_since_ok == 0 and after.record.since == clock.now
    assert five_wrong(after)[-1] is PinResult.LOCKED and after.locked_for() == 60, "escalation starts over"


@pytest.mark.parametrize(
    "text",
    ["{not json", "[]", '{"failures": 0}', json.dumps({"failures": "x", "lockouts": 0, "locked_until": 0, "wrong_since_ok": 0, "since": 0}),
     json.dumps({"failures": -1, "lockouts": 0, "locked_until": 0, "wrong_since_ok": 0, "since": 0}), "\udcff"],
)
def test_a_corrupt_record_fails_safe_locked_with_a_log_line(tmp_path, caplog, text):
    path = tmp_path / "pin-lockout.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    clock = Clock()
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        guard = PinGuard(path, clock=clock, monotonic=clock.monotonic)
    assert guard.locked_for() == 60
    (record,) = caplog.records
    assert record.getMessage().startswith(f"staff PIN lockout record {path} cannot be read (")
    assert "the PIN pad stays locked for 60 s to be safe" in record.getMessage()
    assert PinGuard(path, clock=clock, monotonic=clock.monotonic).locked_for() == 60, "the safe state is written back"


def test_a_clock_set_back_cannot_stretch_a_lockout(tmp_path):
    clock = Clock()
    path = tmp_path / "pin.json"
    five_wrong(PinGuard(path, clock=clock, monotonic=clock.monotonic))
    clock.wall -= 10 * 86400  # set back while the kiosk was off
    assert PinGuard(path, clock=clock, monotonic=clock.monotonic).locked_for() == 60


@pytest.mark.parametrize("step", [-86400, +86400])
def test_a_wall_clock_step_while_running_neither_stretches_nor_ends_a_lockout(tmp_path, step):
    clock = Clock()
    guard = PinGuard(tmp_path / "pin.json", clock=clock, monotonic=clock.monotonic)
    five_wrong(guard)
    clock.now += 20
    clock.wall += step  # a day back (was: "Try again in 1441 minutes") or a day ahead
    assert guard.locked_for() == 40
    clock.now += 40
    assert guard.locked_for() == 0
    assert guard.record_ok()[0] == 5  # the right PIN is taken, without a restart


def test_attempts_and_lockouts_are_logged_without_the_digits(tmp_path, caplog):
    guard = PinGuard(tmp_path / "pin.json", clock=Clock())
    with caplog.at_level(logging.INFO, logger="kiosk"):
        five_wrong(guard)
        guard.record_ok()
    messages = [r.getMessage() for r in caplog.records]
    assert messages[0].startswith("wrong staff PIN (1 in a row; 1 since ")
    assert messages[4] == "wrong staff PIN (5 in a row): PIN pad locked for 60 s (lockout 1 since the last good PIN)"
    assert messages[5].startswith("staff PIN accepted (5 wrong attempts since ")


def test_an_unwritable_state_folder_still_locks_in_memory_and_says_so_once(tmp_path, caplog, monkeypatch):
    from kiosk.staff.core import pin_guard

    def disk_full(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pin_guard, "write_atomically", disk_full)
    guard = PinGuard(tmp_path / "pin.json", clock=Clock())
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        assert five_wrong(guard)[-1] is PinResult.LOCKED
    assert guard.locked_for() == 60
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [f"cannot keep the staff PIN lockout record in {tmp_path / 'pin.json'} (No space left on device): a restart would forget it"]


def test_a_state_folder_that_cannot_be_read_fails_safe_too(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        assert PinGuard(blocker / "pin.json", clock=Clock()).locked_for() == 60
    assert "cannot be read" in caplog.records[0].getMessage()
