"""Staff-recorded narration: a card's `audio:` header, checked the way the kiosk will play it.

A recording of a person reading the card is played instead of the synthetic voice (ADA §707.5
counts recorded human speech as speech output). The kiosk plays uncompressed WAV (16-bit PCM)
itself; Ogg or MP3 would need Qt's FFmpeg backend, about 21 MB more than the 110 MB the build may
weigh, so those files are reported and the card is read by the synthetic voice instead.
"""

from __future__ import annotations

import wave
from pathlib import Path

from kiosk.core.content_files import AUDIO_SUFFIXES, resolve_content_file

PLAYABLE = ".wav"
MAX_AUDIO_BYTES = 50 * 1024 * 1024  # about 20 minutes of mono speech at 22 kHz


def card_audio(content_root: Path, value: object, topic: Path | None = None) -> tuple[Path | None, str]:
    """The recording to play for a card, or None and the reason (a warning: the voice reads instead)."""
    if not isinstance(value, str) or not value.strip():
        return None, "'audio' must be a file name such as audio/10-what-is-ketamine.wav"
    path, reason = resolve_content_file(content_root, value.strip(), AUDIO_SUFFIXES, topic)
    if path is None:
        if "picture type" in reason:
            reason = f"'{Path(value).suffix or value}' is not a recording the kiosk plays (save it as .wav)"
        return None, f"audio '{value.strip()[:60]}' cannot be played: {reason.replace('picture', 'recording')}"
    if path.suffix.lower() != PLAYABLE:
        return None, f"audio '{value.strip()[:60]}' is {path.suffix[1:].upper()}; the kiosk plays WAV only (16-bit PCM): convert it, for example with `ffmpeg -i {path.name} {path.stem}.wav`"
    if path.stat().st_size > MAX_AUDIO_BYTES:
        return None, f"audio '{value.strip()[:60]}' is larger than {MAX_AUDIO_BYTES // (1024 * 1024)} MB"
    try:
        with wave.open(str(path), "rb") as recording:
            if recording.getsampwidth() != 2 or recording.getnchannels() not in (1, 2) or recording.getcomptype() != "NONE":
                return None, f"audio '{value.strip()[:60]}' must be 16-bit PCM WAV, mono or stereo"
    except (wave.Error, EOFError, OSError) as exc:
        return None, f"audio '{value.strip()[:60]}' is not a readable WAV file ({exc})"
    return path, ""
