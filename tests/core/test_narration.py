"""A card's `audio:` recording: played when it is a WAV inside content/, a clear warning otherwise."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, write_card

from kiosk.core.cards import load_card
from kiosk.core.narration import card_audio

AUDIO = DATA / "audio"


@pytest.fixture
def root(tmp_path):
    (tmp_path / "audio").mkdir()
    shutil.copy(AUDIO / "tone.wav", tmp_path / "audio" / "10-what.wav")
    shutil.copy(AUDIO / "8bit.wav", tmp_path / "audio" / "8bit.wav")
    (tmp_path / "audio" / "10-what.ogg").write_bytes(b"OggS")
    (tmp_path / "audio" / "broken.wav").write_bytes(b"RIFF....nope")
    return tmp_path


def test_a_wav_inside_content_is_played(root):
    assert card_audio(root, "audio/10-what.wav") == ((root / "audio" / "10-what.wav").resolve(), "")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("audio/10-what.ogg", "is OGG; the kiosk plays WAV only (16-bit PCM): convert it"),
        ("audio/missing.wav", "the file does not exist"),
        ("../outside.wav", "outside the content folder"),
        ("https://example.org/a.wav", "never ones from the internet"),
        ("audio/8bit.wav", "must be 16-bit PCM WAV"),
        ("audio/broken.wav", "is not a readable WAV file"),
        ("audio/notes.txt", "is not a recording the kiosk plays"),
    ],
)
def test_what_cannot_be_played_says_why(root, value, reason):
    path, problem = card_audio(root, value)
    assert path is None and reason in problem


def test_card_header_audio_is_a_warning_and_the_voice_reads_instead(root):
    good = load_card(write_card(root, "10-a.md", "---\ntitle: A\naudio: audio/10-what.wav\n---\nText.\n"), root)
    assert good.card is not None and good.card.audio == (root / "audio" / "10-what.wav").resolve()
    assert good.problems == ()
    ogg = load_card(write_card(root, "20-b.md", "---\ntitle: B\naudio: audio/10-what.ogg\n---\nText.\n"), root)
    assert ogg.card is not None and ogg.card.audio is None
    [problem] = ogg.problems
    assert (problem.line, problem.is_error) == (3, False)
    assert problem.message.endswith("; Listen reads the card with the voice instead")
