"""The kiosk's side of the recording player's helper, against a fake helper that hangs, fails or plays.

The fake (tests/helpers/fake_player_helper.py) speaks the real protocol in a few milliseconds, so
the deadline under test is small and every other one generous.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.speech import alive

from kiosk.core.tuning import PlayerTiming
from kiosk.listen.runtime.player_process import PlayerProcess

FAKE_PLAYER = Path(__file__).resolve().parents[2] / "helpers" / "fake_player_helper.py"
FAST = PlayerTiming(launch_ms=20_000, open_ms=10_000, reply_ms=10_000, play_ms=10_000, end_margin_ms=10_000, retry_ms=50, retry_max_ms=200)
WAV = Path("/nowhere/10-what.wav")  # the fake never reads it


class Reports:
    def __init__(self, process: PlayerProcess) -> None:
        self.process = process
        self.opened: list[str] = []
        self.lost: list[tuple[str, bool]] = []
        self.playing: list[int] = []
        self.ended: list[tuple[int, str]] = []
        process.opened.connect(self.opened.append)
        process.lost.connect(lambda reason, retry: self.lost.append((reason, retry)))
        process.playing.connect(self.playing.append)
        process.ended.connect(lambda recording, reason: self.ended.append((recording, reason)))

    def pid(self) -> int:
        assert self.process._process is not None
        return self.process._process.processId()


@pytest.fixture
def player(qtbot, tmp_path):
    made: list[PlayerProcess] = []

    def make(mode: str, *, recovers: bool = False, **timing: int) -> Reports:
        command = [sys.executable, str(FAKE_PLAYER), mode, *([str(tmp_path / "recovered")] if recovers else [])]
        process = PlayerProcess(replace(FAST, **timing), command)
        made.append(process)
        return Reports(process)

    yield make
    for process in made:
        process.shutdown()


def test_the_first_play_starts_the_helper_and_plays_once_it_is_open(player, qtbot):
    fake = player("works")
    assert not fake.process.is_running()  # nothing starts before it is needed
    assert fake.process.play(1, WAV, 0.5)
    qtbot.waitUntil(lambda: fake.ended == [(1, "")], timeout=10_000)
    assert fake.opened == ["Fake Output"] and fake.playing == [1] and fake.lost == []
    assert fake.process.play(2, WAV, 0.5)  # the same helper, already open
    qtbot.waitUntil(lambda: (2, "") in fake.ended, timeout=10_000)
    assert fake.process.restarts == 0


def test_a_sound_server_that_never_answers_costs_the_helper_only(player, qtbot):
    fake = player("hangs-on-open", recovers=True, open_ms=300)
    fake.process.play(1, WAV, 0.5)
    pid = fake.pid()
    qtbot.waitUntil(lambda: bool(fake.lost), timeout=10_000)
    assert fake.lost[0] == ("the sound output did not answer within 0.3 s (is the sound server stuck?)", True)
    qtbot.waitUntil(lambda: not alive(pid), timeout=5_000)  # killed
    assert not fake.process.play(2, WAV, 0.5)  # between tries: the caller lets the voice read
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)  # a new helper, by itself: the server answers again
    assert fake.process.restarts == 1 and fake.process.play(3, WAV, 0.5)
    qtbot.waitUntil(lambda: (3, "") in fake.ended, timeout=10_000)


def test_a_stop_that_is_not_confirmed_kills_the_helper(player, qtbot):
    fake = player("hangs-on-stop", reply_ms=300)
    fake.process.play(1, WAV, 0.5)
    qtbot.waitUntil(lambda: fake.playing == [1], timeout=10_000)
    pid = fake.pid()
    fake.process.stop()
    qtbot.waitUntil(lambda: bool(fake.lost), timeout=10_000)
    assert fake.lost[0] == ("the sound output did not answer a request (stop) within 0.3 s", True)
    qtbot.waitUntil(lambda: not alive(pid), timeout=5_000)  # killing it is the stop: nothing plays any more


def test_a_play_that_is_not_answered_in_time_kills_the_helper(player, qtbot):
    fake = player("hangs-on-play", play_ms=300)
    fake.process.play(1, WAV, 0.5)
    qtbot.waitUntil(lambda: bool(fake.lost), timeout=10_000)
    assert fake.lost[0] == ("the sound output did not answer a request (play) within 0.3 s", True)


def test_a_recording_that_never_ends_is_stopped_by_killing(player, qtbot):
    fake = player("never-ends", end_margin_ms=300)
    fake.process.play(1, WAV, 0.5)
    qtbot.waitUntil(lambda: bool(fake.lost), timeout=10_000)
    assert fake.playing == [1] and fake.lost[0] == ("a recording did not end in time (is the sound output stuck?)", True)


def test_a_pause_holds_the_end_deadline(player, qtbot):
    fake = player("never-ends", end_margin_ms=300)
    fake.process.play(1, WAV, 0.5)
    fake.process.pause()  # asked before the helper was open: it pauses as soon as it plays
    qtbot.waitUntil(lambda: fake.playing == [1], timeout=10_000)
    qtbot.wait(600)
    assert fake.lost == []
    fake.process.resume()
    qtbot.waitUntil(lambda: bool(fake.lost), timeout=10_000)


def test_unplayable_files_and_failed_outputs_are_told_apart(player, qtbot):
    unplayable = player("unplayable")
    unplayable.process.play(1, WAV, 0.5)
    qtbot.waitUntil(lambda: bool(unplayable.ended), timeout=10_000)
    assert unplayable.ended == [(1, "cannot be read (test)")] and unplayable.lost == []  # the file, not the player
    failing = player("error-on-play")
    failing.process.play(1, WAV, 0.5)
    qtbot.waitUntil(lambda: bool(failing.lost), timeout=10_000)
    assert failing.lost[0] == ("the sound output failed: it is gone (did the sound server stop?)", True)


def test_no_sound_module_is_not_retried_no_output_is(player, qtbot):
    missing = player("no-multimedia")
    missing.process.play(1, WAV, 0.5)
    qtbot.waitUntil(lambda: bool(missing.lost), timeout=10_000)
    assert missing.lost == [("the sound output cannot be used: Qt's sound module cannot be loaded (test)", False)]
    no_output = player("no-output")
    no_output.process.play(1, WAV, 0.5)
    qtbot.waitUntil(lambda: bool(no_output.lost), timeout=10_000)
    assert no_output.lost[0] == ("the sound output cannot be used: there is none (is the sound server running?)", True)
