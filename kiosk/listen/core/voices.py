"""What `kiosk check` can say about Listen's voices without asking a speech engine.

Whether a computer has a voice for a language only its engine knows (`kiosk check --voices`, run
on the kiosk). What kiosk.toml and the cards say is known anywhere: a language whose voice staff
switched off (`[speech] voice.am = "none"`, for a voice too poor to help a patient) is read aloud
only on the cards that carry a staff recording (`audio:`), and staff should know how many do.
"""

from __future__ import annotations

import re

from kiosk.core.config import CONFIG_NAME, MAX_CONFIG_BYTES, NO_VOICE
from kiosk.core.files import FileUnreadable, read_regular
from kiosk.core.problems import Problem, note
from kiosk.core.store import ContentState


def _voice_line(text: str, language: str) -> int:
    pattern = re.compile(rf"\s*voice\.{re.escape(language)}\s*=")
    return next((number for number, line in enumerate(text.split("\n"), start=1) if pattern.match(line)), 1)


def voice_notes(state: ContentState) -> list[Problem]:
    """A note for each language whose voice is switched off: how many of its cards still speak."""
    path = state.root / CONFIG_NAME
    try:
        text = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8-sig", errors="replace")
    except FileUnreadable:
        text = ""
    notes = []
    for language in state.config.kiosk.languages:
        if state.config.speech.voice_for(language) != NO_VOICE:
            continue
        cards = [card for topic in state.topics for card in topic.cards(language)]
        recorded = sum(1 for card in cards if card.audio is not None)
        notes.append(note(path, _voice_line(text, language), (
            f"Listen is switched off in '{language}' (voice.{language} = \"{NO_VOICE}\"): {recorded} of {len(cards)} cards have a "
            "staff recording (audio:) and are still read aloud; the others show no Listen button")))
    return notes
