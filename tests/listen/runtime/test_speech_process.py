"""The kiosk's side of the speech helper, against a fake helper that hangs, dies or answers late.

The fake (tests/helpers/fake_speech_helper.py) speaks the real protocol in a few milliseconds, so
every deadline here is small and the state machine is tested without Qt's speech engine at all.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.speech import FAKE_HELPER, Recorder, alive

from kiosk.core.tuning import SpeechTiming
from kiosk.listen.runtime.speech_process import SpeechProcess

# Every deadline is generous (a helper on a loaded machine can be seconds late) except the one a test
# is about, which the test shortens: a working helper that answers late must not fail a test of
# something else. The waits between tries stay short.
FAST = SpeechTiming(launch_ms=20_000, open_ms=10_000, reply_ms=10_000, start_ms=10_000, sentence_ms=10_000, sentence_char_ms=0,
                    retry_ms=50, retry_max_ms=200)


@pytest.fixture
def pids(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "pids"
    monkeypatch.setenv("FAKE_HELPER_PIDS", str(path))
    return path


def started(pids: Path) -> list[int]:
    return [int(line) for line in pids.read_text().split()] if pids.exists() else []


@pytest.fixture
def helper(qtbot, tmp_path, pids):
    made: list[SpeechProcess] = []

    def make(mode: str, *, recovers: bool = False, **timing: int) -> Recorder:
        command = [sys.executable, str(FAKE_HELPER), mode, *([str(tmp_path / "recovered")] if recovers else [])]
        process = SpeechProcess(replace(FAST, **timing), command)
        made.append(process)
        recorder = Recorder(process)
        process.start()
        return recorder

    yield make
    for process in made:
        process.shutdown()


def test_a_working_helper_opens_speaks_and_confirms_settings(helper, qtbot):
    fake = helper("works")
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    assert fake.opened == [("fake", ["en_US", "es_ES"])] and fake.process.is_open
    fake.process.set_locale("es_ES")
    fake.process.set_volume(0.4)
    fake.process.say(1, "Hola a todos.")
    qtbot.waitUntil(lambda: (1, "ready") in fake.states)
    assert fake.states == [(1, "speaking"), (1, "ready")] and fake.words == ["Hola", "a", "todos."]
    assert fake.process.values == {"locale": "es_ES", "volume": 0.4}
    assert fake.lost == []


def test_a_helper_that_never_opens_is_killed_and_tried_again(helper, qtbot, pids):
    fake = helper("hangs-on-open", open_ms=300)
    qtbot.waitUntil(lambda: bool(fake.lost), timeout=10_000)
    assert fake.lost[0] == ("the speech engine did not answer within 0.3 s (is speech-dispatcher stuck?)", True)
    first = started(pids)[0]
    qtbot.waitUntil(lambda: not alive(first))
    qtbot.waitUntil(lambda: len(started(pids)) >= 2, timeout=10_000)  # a new helper, after the back-off


def test_a_helper_that_never_starts_is_killed(helper, qtbot, pids):
    fake = helper("never-starts", launch_ms=300)
    qtbot.waitUntil(lambda: bool(fake.lost), timeout=10_000)
    assert fake.lost[0] == ("the speech helper did not start within 0.3 s", True)
    qtbot.waitUntil(lambda: not any(alive(pid) for pid in started(pids)))  # killed, perhaps before it wrote its pid


def test_listen_is_lost_then_comes_back_by_itself(helper, qtbot, pids):
    fake = helper("hangs-on-open", recovers=True, open_ms=1000)  # the first never answers; the second must, even when slow
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    assert [retry for _reason, retry in fake.lost] == [True] and fake.process.restarts == 1
    assert len(started(pids)) == 2


def test_stop_while_the_engine_is_stuck_kills_the_helper(helper, qtbot, pids):
    """What the patient hears comes from the helper: killing it is a stop that always works."""
    fake = helper("hangs-on-say", reply_ms=300)
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    fake.process.say(1, "This sentence is never said.")
    fake.process.stop()
    qtbot.waitUntil(lambda: bool(fake.lost))
    assert fake.lost[0][0] == "the speech engine did not answer a request (say) within 0.3 s"
    qtbot.waitUntil(lambda: not any(alive(pid) for pid in started(pids)))  # killed, perhaps before it wrote its pid


def test_a_stop_that_never_comes_back_kills_the_helper(helper, qtbot, pids):
    fake = helper("hangs-on-stop", reply_ms=300)
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    fake.process.say(1, "Still talking.")
    qtbot.waitUntil(lambda: (1, "speaking") in fake.states)
    fake.process.stop()
    qtbot.waitUntil(lambda: bool(fake.lost))
    assert fake.lost[0][0] == "the speech engine did not answer a request (stop) within 0.3 s"
    qtbot.waitUntil(lambda: not any(alive(pid) for pid in started(pids)))  # killed, perhaps before it wrote its pid


def test_a_sentence_that_never_ends_counts_as_a_stuck_engine(helper, qtbot):
    fake = helper("never-ends", sentence_ms=300)
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    fake.process.say(1, "No sound output.")
    qtbot.waitUntil(lambda: bool(fake.lost))
    assert fake.lost[0] == ("the speech engine did not finish a sentence in time (is the sound output working?)", True)


def test_a_pause_does_not_count_against_the_sentence(helper, qtbot):
    fake = helper("never-ends", sentence_ms=100)
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    # Paused the moment the sentence begins (its 100 ms start then): a test polling for "speaking"
    # could, on a loaded machine, see it only after the deadline had passed.
    fake.process.reported.connect(lambda _utterance, state: fake.process.pause() if state == "speaking" else None)
    fake.process.say(1, "Paused.")
    qtbot.waitUntil(lambda: (1, "speaking") in fake.states)
    qtbot.wait(300)  # well past the sentence's deadline, while paused
    assert fake.lost == []
    fake.process.resume()
    qtbot.waitUntil(lambda: bool(fake.lost))


def test_a_helper_that_dies_is_started_again(helper, qtbot, pids):
    fake = helper("dies-on-say", recovers=True)
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    fake.process.say(1, "Goodbye.")
    qtbot.waitUntil(lambda: bool(fake.lost))
    assert fake.lost[0] == ("the speech helper ended by itself (exit code 3)", True)
    qtbot.waitUntil(lambda: len(fake.opened) == 2, timeout=10_000)
    fake.process.say(2, "Hello again.")
    qtbot.waitUntil(lambda: (2, "ready") in fake.states)


def test_an_answer_within_the_deadline_is_just_slow(helper, qtbot):
    fake = helper("late-open:150", open_ms=5_000)
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    assert fake.lost == []


def test_no_engine_on_this_computer_is_not_retried(helper, qtbot, pids):
    fake = helper("no-engine")
    qtbot.waitUntil(lambda: bool(fake.lost), timeout=10_000)
    assert fake.lost == [("the speech engine cannot be used: no speech engine in this test", False)]
    assert not fake.process._retry_timer.isActive() and len(started(pids)) == 1


def test_a_helper_that_cannot_start_is_tried_again_later(qtbot, tmp_path):
    process = SpeechProcess(FAST, [str(tmp_path / "no-such-program")])
    recorder = Recorder(process)
    process.start()
    qtbot.waitUntil(lambda: bool(recorder.lost))
    assert recorder.lost[0][0].startswith("the speech helper could not be started (") and recorder.lost[0][1]
    process.shutdown()


def test_the_wait_doubles_while_it_keeps_failing_and_is_capped(helper, qtbot):
    fake = helper("hangs-on-open", open_ms=50, retry_ms=20, retry_max_ms=70)
    waits = []
    fake.process.lost.connect(lambda *_: waits.append(fake.process._retry_timer.interval()))
    qtbot.waitUntil(lambda: len(waits) >= 4, timeout=20_000)
    assert waits[:4] == [20, 40, 70, 70]


def test_requests_without_a_working_helper_are_dropped(qtbot):
    process = SpeechProcess(FAST, [sys.executable, str(FAKE_HELPER), "works"])  # never started
    process.say(1, "Nobody hears this.")
    process.stop()
    assert not process._reply_timer.isActive() and not process._start_timer.isActive()


def test_an_engine_error_restarts_the_helper(helper, qtbot):
    """Qt's speechd engine reports an error on every sentence once speech-dispatcher is gone; a new helper reconnects."""
    fake = helper("error-on-say", recovers=True)
    qtbot.waitUntil(lambda: bool(fake.opened), timeout=10_000)
    fake.process.say(1, "Anyone there?")
    qtbot.waitUntil(lambda: bool(fake.lost))
    assert fake.lost[0] == ("the speech engine reported an error (did speech-dispatcher stop?)", True)
    assert (1, "error") not in fake.states
    qtbot.waitUntil(lambda: len(fake.opened) == 2, timeout=10_000)
