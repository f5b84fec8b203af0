"""The real speech helper (Qt's speechd plugin and libspeechd inside it) against a fake speech-dispatcher.

A daemon that accepts and never answers, one that answers the handshake and dies, one that answers
slowly, and one that takes a sentence and then hangs (no sound output): the kiosk's side stays
responsive, Listen is lost and comes back, stop always silences. Needs Debian's libspeechd2
(deploy/debian-packages.txt), which Qt's speechd plugin links.
"""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys

import pytest
from helpers.speech import Recorder, alive
from PySide6.QtCore import QElapsedTimer, QTimer

from kiosk.core.tuning import SpeechTiming
from kiosk.listen.runtime.speech_helper import HELPER_ARGUMENT, helper_command
from kiosk.listen.runtime.speech_process import SpeechProcess

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="speech-dispatcher is Linux's engine")
# Generous deadlines (a helper on a loaded machine can be seconds late) except the one a test is
# about, which it shortens; the waits between tries stay short.
TIMING = SpeechTiming(launch_ms=30_000, open_ms=10_000, reply_ms=10_000, start_ms=10_000, sentence_ms=10_000, sentence_char_ms=0,
                      retry_ms=50, retry_max_ms=200)
TICK_MS = 10


@pytest.fixture(autouse=True)
def _needs_libspeechd():
    if ctypes.util.find_library("speechd") is None:
        pytest.fail("libspeechd is missing: apt-get install libspeechd2 (deploy/debian-packages.txt lists it)")



@pytest.fixture
def speech(qtbot):
    made: list[SpeechProcess] = []

    def make(**timing: int) -> Recorder:
        process = SpeechProcess(SpeechTiming(**{**TIMING.__dict__, **timing}))
        made.append(process)
        recorder = Recorder(process)
        process.start()
        return recorder

    yield make
    for process in made:
        process.shutdown()


def helper_pid(recorder: Recorder) -> int:
    process = recorder.process._process
    assert process is not None
    return process.processId()


def test_a_working_daemon_speaks_through_the_real_helper(speechd, speech, qtbot):
    speechd("works")
    helper = speech()
    qtbot.waitUntil(lambda: bool(helper.opened), timeout=30_000)
    name, locales = helper.opened[0]
    assert name == "speechd" and {"en_US", "es_ES"} <= set(locales)
    helper.process.set_locale("es_ES")
    helper.process.say(1, "Hola.")
    qtbot.waitUntil(lambda: (1, "ready") in helper.states, timeout=5_000)
    assert helper.states == [(1, "speaking"), (1, "ready")] and helper.process.values == {"locale": "es_ES"}


def test_a_daemon_that_never_answers_cannot_hold_the_screen_and_listen_comes_back(speechd, speech, qtbot):
    daemon = speechd("silent")
    helper = speech(open_ms=2_000)  # long enough that a loaded machine's pauses (a few hundred ms) stand apart from a held thread
    qtbot.waitUntil(lambda: daemon.connections > 0, timeout=30_000)  # the helper is inside libspeechd now
    ticks, clock = [], QElapsedTimer()
    timer = QTimer(interval=TICK_MS)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    clock.start()
    timer.start()
    qtbot.waitUntil(lambda: bool(helper.lost), timeout=10_000)
    timer.stop()
    stuck_ms = clock.elapsed()
    assert helper.lost[0] == ("the speech engine did not answer within 2 s (is speech-dispatcher stuck?)", True)
    # The kiosk's thread kept turning while the engine call was stuck: the timer fired at its rate. A
    # thread held by the call would show one gap as long as the deadline and almost no ticks.
    # (At a tenth of its rate: a starved test process was seen ticking at a sixth.)
    assert stuck_ms > 1000 and len(ticks) >= stuck_ms / TICK_MS / 10, (stuck_ms, len(ticks))
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 1000
    daemon.mode = "works"  # the daemon answers again: the next helper opens it
    qtbot.waitUntil(lambda: bool(helper.opened), timeout=30_000)
    assert helper.opened[0][0] == "speechd" and helper.process.restarts == 1


def test_a_daemon_that_dies_after_the_handshake(speechd, speech, qtbot):
    speechd("dies", handshake=3)
    helper = speech()
    qtbot.waitUntil(lambda: bool(helper.lost), timeout=30_000)
    reason, retry = helper.lost[0]
    assert retry and reason.startswith("the speech engine cannot be used: 'speechd': "), reason  # Qt: "Found no modules ..."
    speechd("works")  # speech-dispatcher started again (a new socket: the helper after the back-off finds it)
    qtbot.waitUntil(lambda: bool(helper.opened), timeout=30_000)


def test_a_daemon_killed_between_sentences(speechd, speech, qtbot):
    """speech-dispatcher killed (or crashed) while the kiosk was idle: the next sentence fails, and a new
    helper finds the new daemon (the real libspeechd starts one by itself; here the test does)."""
    speechd("killed")
    helper = speech()
    qtbot.waitUntil(lambda: bool(helper.opened), timeout=30_000)
    helper.process.say(1, "Uno.")
    qtbot.waitUntil(lambda: (1, "ready") in helper.states, timeout=5_000)
    speechd("works")
    helper.process.say(2, "Dos.")
    qtbot.waitUntil(lambda: bool(helper.lost), timeout=10_000)
    assert helper.lost[0] == ("the speech engine reported an error (did speech-dispatcher stop?)", True)
    qtbot.waitUntil(lambda: len(helper.opened) == 2, timeout=30_000)
    helper.process.say(3, "Tres.")
    qtbot.waitUntil(lambda: (3, "ready") in helper.states, timeout=5_000)


def test_a_slow_daemon_is_waited_for(speechd, speech, qtbot):
    speechd("slow", delay=0.02)  # ~30 requests to open: about 0.6 s
    helper = speech()
    qtbot.waitUntil(lambda: bool(helper.opened), timeout=30_000)
    helper.process.say(1, "Slowly.")
    qtbot.waitUntil(lambda: (1, "ready") in helper.states, timeout=5_000)
    assert helper.lost == []


def test_no_sound_output_a_stuck_sentence_and_stop_kills_the_helper(speechd, speech, qtbot):
    """speech-dispatcher without sound: the first sentence begins and never ends; stop still silences."""
    daemon = speechd("no-sound")
    helper = speech(open_ms=1_000, reply_ms=500, sentence_ms=60_000)  # the next helper's open is what times out last
    qtbot.waitUntil(lambda: bool(helper.opened), timeout=30_000)
    helper.process.say(1, "Nobody hears this.")
    qtbot.waitUntil(lambda: (1, "speaking") in helper.states, timeout=5_000)
    assert daemon.hung
    pid = helper_pid(helper)
    helper.process.stop()  # the engine's cancel goes to a daemon that no longer answers
    qtbot.waitUntil(lambda: bool(helper.lost), timeout=5_000)
    assert helper.lost[0] == ("the speech engine did not answer a request (stop) within 0.5 s", True)
    qtbot.waitUntil(lambda: not alive(pid))
    qtbot.waitUntil(lambda: len(helper.lost) >= 2, timeout=30_000)  # the next helper cannot open it either
    assert "did not answer within 1 s" in helper.lost[1][0]


def test_the_built_kiosk_starts_itself_as_the_helper(monkeypatch):
    """PyInstaller's build has no `python -m`: the `kiosk` executable takes a hidden argument instead."""
    assert helper_command() == [sys.executable, "-m", "kiosk", HELPER_ARGUMENT]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert helper_command() == [sys.executable, HELPER_ARGUMENT]


def test_the_helper_answers_what_it_was_sent_before_its_input_closed():
    """The kiosk gone (or a script's input used up): the helper handles what it has, then ends by itself."""
    requests = '{"op": "open", "seq": 1}\n{"op": "locale", "value": "fi_FI", "seq": 2}\n'
    done = subprocess.run(helper_command(), input=requests, capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "KIOSK_SPEECH_ENGINE": "mock"})
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stderr
    assert events[0] == {"event": "hello"} and events[1]["event"] == "opened" and events[1]["engine"] == "mock"
    assert events[2:] == [{"event": "ack", "seq": 1, "value": None}, {"event": "ack", "seq": 2, "value": "fi_FI"}]
