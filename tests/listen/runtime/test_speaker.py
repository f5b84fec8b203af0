"""The speaker: a staff recording instead of the voice, and a voice whose helper hangs, dies or comes back.

The speech helper here is the fake (tests/helpers/fake_speech_helper.py): the same protocol as the
real one, in milliseconds, so the deadlines are small.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.speech import FAKE_HELPER, FakeRecordingPlayer

import kiosk.listen.runtime.speaker as speech_module
from kiosk.core.tuning import SpeechTiming
from kiosk.listen.core.spoken import ScreenSpeech, SpokenBlock
from kiosk.listen.runtime.speaker import Speaker

# Generous deadlines (a helper on a loaded machine can be seconds late) except the one a test is
# about, which it shortens; the waits between tries stay short.
FAST = SpeechTiming(launch_ms=20_000, open_ms=10_000, reply_ms=10_000, start_ms=10_000, sentence_ms=10_000, sentence_char_ms=0,
                    retry_ms=50, retry_max_ms=200)
TWO_SENTENCES = ScreenSpeech("en", (SpokenBlock(("First one.", "Second one.")),))


def speech(audio: str) -> ScreenSpeech:
    return ScreenSpeech("en", (SpokenBlock(("The title.",), "title"),), Path(audio))


def test_recording_is_played_instead_of_the_voice(qtbot, monkeypatch):
    monkeypatch.setattr(speech_module, "NarrationPlayer", FakeRecordingPlayer)
    speaker = Speaker()  # never started: no engine
    said = []
    speaker.said.connect(said.append)
    assert speaker.speak(speech("10-what.wav"))  # no engine needed for a recording
    player = speaker._narration
    assert player.calls == ["play 10-what.wav"] and said == [] and speaker.is_reading()
    speaker.set_volume(40)
    assert player.volume == 0.4
    speaker.pause()
    speaker.resume()
    with qtbot.waitSignal(speaker.finished, timeout=1000):
        speaker.stop()
    assert player.calls == ["play 10-what.wav", "pause", "resume", "stop"]
    assert speaker.state.value == "idle"


def test_the_end_of_the_recording_ends_the_reading(qtbot, monkeypatch):
    monkeypatch.setattr(speech_module, "NarrationPlayer", FakeRecordingPlayer)
    speaker = Speaker()  # never started: no engine
    speaker.speak(speech("10-what.wav"))
    with qtbot.waitSignal(speaker.finished, timeout=1000):
        speaker._narration.finished.emit()  # as the player does when the last sample has played
    assert speaker.state.value == "idle"


def test_an_unplayable_recording_falls_back_to_the_voice(monkeypatch):
    monkeypatch.setattr(speech_module, "NarrationPlayer", FakeRecordingPlayer)
    speaker = Speaker()  # never started: no engine
    assert not speaker.speak(speech("unplayable.wav"))  # and with no engine either, nothing is said
    assert speaker.state.value == "idle"


@pytest.fixture
def speaker_with(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_SPEECH_ENGINE")  # the tests' default is "none"; the fake helper needs no engine
    made: list[Speaker] = []

    def make(mode: str, *, recovers: bool = False, **timing: int) -> Speaker:
        command = [sys.executable, str(FAKE_HELPER), mode, *([str(tmp_path / "recovered")] if recovers else [])]
        speaker = Speaker(timing=replace(FAST, **timing), command=command)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.shutdown()


def test_nothing_starts_until_asked(speaker_with):
    speaker = speaker_with("works")
    assert speaker.unavailable_reason("en") == "speech has not been started (the kiosk starts it after its first frame)"
    assert speaker.process._process is None


def test_an_engine_that_never_answers_is_not_working_then_comes_back(speaker_with, qtbot):
    """speech-dispatcher stuck: Listen is 'not working' (not hidden for good) until a new helper answers."""
    speaker = speaker_with("hangs-on-open", recovers=True, open_ms=1_000)  # the first never answers; the second must, even when slow
    speaker.start()
    assert speaker.unavailable_reason("en") == "the speech engine is starting"
    qtbot.waitUntil(lambda: speaker.in_trouble, timeout=10_000)
    assert speaker.unavailable_reason("en") == "the speech engine did not answer within 1 s (is speech-dispatcher stuck?)"
    qtbot.waitUntil(lambda: speaker.available("en"), timeout=10_000)
    assert not speaker.in_trouble and speaker.engine_name == "fake"


def test_a_sentence_the_engine_never_takes_stops_the_reading(speaker_with, qtbot):
    speaker = speaker_with("hangs-on-say", reply_ms=300)
    speaker.wait_until_answered(10_000)
    assert speaker.speak(TWO_SENTENCES)
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        pass
    assert speaker.state.value == "idle" and speaker.in_trouble
    assert speaker.unavailable_reason("en") == "the speech engine did not answer a request (say) within 0.3 s"


def test_no_engine_here_hides_listen_for_good(speaker_with, qtbot):
    speaker = speaker_with("no-engine")
    speaker.wait_until_answered(10_000)
    assert not speaker.in_trouble and speaker.unavailable_reason("en") == "the speech engine cannot be used: no speech engine in this test"


def test_a_pause_before_the_sentence_begins_says_it_on_resume(speaker_with, qtbot):
    speaker = speaker_with("works")
    speaker.wait_until_answered(10_000)
    said = []
    speaker.said.connect(said.append)
    speaker.speak(TWO_SENTENCES)
    speaker.pause()  # the engine has not reported beginning it: nothing to pause, so it is taken back
    assert speaker.state.value == "paused"
    speaker.resume()
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        pass
    assert said == ["First one.", "First one.", "Second one."]


def test_switched_off_starts_nothing(speaker_with, monkeypatch):
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "none")
    speaker = speaker_with("works")
    speaker.start()
    assert speaker.process._process is None and speaker.has_answered()
    assert speaker.unavailable_reason("en") == "speech is switched off on this computer (KIOSK_SPEECH_ENGINE=none)"
