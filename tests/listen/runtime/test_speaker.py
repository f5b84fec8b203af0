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

import kiosk.listen.runtime.recordings as recordings_module
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


@pytest.fixture
def fake_player(monkeypatch):
    """The recording player's helper replaced by tests/helpers/speech.py's fake (no process, no sound)."""
    monkeypatch.setattr(recordings_module, "PlayerProcess", FakeRecordingPlayer)


def test_recording_is_played_instead_of_the_voice(qtbot, fake_player):
    speaker = Speaker()  # never started: no engine
    said = []
    speaker.said.connect(said.append)
    assert speaker.speak(speech("10-what.wav"))  # no engine needed for a recording
    player = speaker.recordings.player
    assert player.calls == ["play 10-what.wav"] and said == [] and speaker.is_reading()
    speaker.set_volume(40)
    assert player.volume == 0.4
    speaker.pause()
    speaker.resume()
    with qtbot.waitSignal(speaker.finished, timeout=1000):
        speaker.stop()
    assert player.calls == ["play 10-what.wav", "pause", "resume", "stop"]
    assert speaker.state.value == "idle"


def test_the_end_of_the_recording_ends_the_reading(qtbot, fake_player):
    speaker = Speaker()  # never started: no engine
    speaker.speak(speech("10-what.wav"))
    with qtbot.waitSignal(speaker.finished, timeout=1000):
        speaker.recordings.player.finish()  # as the player reports when the last sample has played
    assert speaker.state.value == "idle"
    speaker.recordings.player.finish()  # a late report about it changes nothing
    assert speaker.state.value == "idle" and not speaker.recordings.reason


def test_an_unplayable_recording_without_a_voice_ends_the_reading(qtbot, fake_player):
    speaker = Speaker()  # never started: no engine
    assert speaker.speak(speech("unplayable.wav"))  # the player reads the file: it says it cannot be played later
    with qtbot.waitSignal(speaker.finished, timeout=1000):
        pass
    assert speaker.state.value == "idle" and not speaker.recordings.reason  # the player itself still works


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


def test_an_unplayable_recording_is_read_by_the_voice(speaker_with, qtbot, fake_player):
    speaker = speaker_with("works")
    speaker.wait_until_answered(10_000)
    said = []
    speaker.said.connect(said.append)
    assert speaker.speak(speech("unplayable.wav"))
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        pass
    assert said == ["The title."]


def test_a_lost_player_hands_the_card_to_the_voice_until_it_works_again(speaker_with, qtbot, fake_player):
    """The player's helper killed mid-recording (a stuck sound server): the voice reads that card and the
    next recorded ones; once a new helper opens the sound output, recordings play again."""
    speaker = speaker_with("works")
    speaker.wait_until_answered(10_000)
    said, changes = [], []
    speaker.said.connect(said.append)
    speaker.availability_changed.connect(lambda: changes.append(speaker.recordings.reason))
    assert speaker.speak(speech("10-what.wav"))
    player = speaker.recordings.player
    player.lost.emit("the sound output did not answer a request (stop) within 2 s", True)
    assert speaker.recordings.in_trouble and changes == ["the sound output did not answer a request (stop) within 2 s"]
    assert speaker.state.value == "speaking" and said == ["The title."]  # the voice took over the same card
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        pass
    speaker.speak(speech("10-what.wav"))
    assert player.calls == ["play 10-what.wav"] and said == ["The title.", "The title."]  # not tried while it does not work
    speaker.stop()
    player.opened.emit("Fake Output")
    assert not speaker.recordings.reason and not speaker.recordings.in_trouble and changes[-1] == ""
    speaker.speak(speech("10-what.wav"))
    assert player.calls[-1] == "play 10-what.wav" and len(said) == 2
