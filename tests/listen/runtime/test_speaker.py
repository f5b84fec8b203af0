"""The speaker plays a staff recording instead of the voice, and its controls reach the recording."""

from __future__ import annotations

from pathlib import Path

from helpers.speech import FakeRecordingPlayer

import kiosk.listen.runtime.speaker as speech_module
from kiosk.listen.core.spoken import ScreenSpeech, SpokenBlock
from kiosk.listen.runtime.speaker import Speaker
from kiosk.listen.runtime.engine_choice import EngineChoice


def speech(audio: str) -> ScreenSpeech:
    return ScreenSpeech("en", (SpokenBlock(("The title.",), "title"),), Path(audio))


def test_recording_is_played_instead_of_the_voice(qtbot, monkeypatch):
    monkeypatch.setattr(speech_module, "NarrationPlayer", FakeRecordingPlayer)
    speaker = Speaker(choice=EngineChoice(None, "no engine in this test"))
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
    speaker = Speaker(choice=EngineChoice(None, "no engine in this test"))
    speaker.speak(speech("10-what.wav"))
    with qtbot.waitSignal(speaker.finished, timeout=1000):
        speaker._narration.finished.emit()  # as the player does when the last sample has played
    assert speaker.state.value == "idle"


def test_an_unplayable_recording_falls_back_to_the_voice(monkeypatch):
    monkeypatch.setattr(speech_module, "NarrationPlayer", FakeRecordingPlayer)
    speaker = Speaker(choice=EngineChoice(None, "no engine in this test"))
    assert not speaker.speak(speech("unplayable.wav"))  # and with no engine either, nothing is said
    assert speaker.state.value == "idle"


def test_an_engine_that_never_answers_hides_listen_and_says_why(qtbot, monkeypatch):
    """speech-dispatcher stuck (seen when its audio output failed): the screen goes on, Listen stays hidden."""
    import kiosk.listen.runtime.speech_worker as worker_module

    monkeypatch.setattr(speech_module, "OPEN_TIMEOUT_MS", 50)
    monkeypatch.setattr(worker_module.EngineWorker, "open", lambda self, name: None)  # never answers
    speaker = Speaker(choice=EngineChoice("mock"))
    assert "is starting" in speaker.unavailable_reason("en")
    with qtbot.waitSignal(speaker.availability_changed, timeout=2000):
        pass
    assert speaker.unavailable_reason("en") == "the speech engine 'mock' did not answer within 0 s (is speech-dispatcher stuck?)"
    speaker.shutdown()


def test_a_sentence_the_engine_never_starts_stops_the_reading(qtbot, monkeypatch):
    import kiosk.listen.runtime.speech_worker as worker_module

    monkeypatch.setattr(speech_module, "SAY_TIMEOUT_MS", 100)
    monkeypatch.setattr(worker_module.EngineWorker, "say", lambda self, utterance, text: None)  # swallowed
    speaker = Speaker(choice=EngineChoice("mock"))
    speaker.wait_until_answered(5000)
    assert speaker.speak(ScreenSpeech("en", (SpokenBlock(("Hello there.",)),)))
    with qtbot.waitSignal(speaker.finished, timeout=2000):
        pass
    assert speaker.state.value == "idle"
    speaker.shutdown()
