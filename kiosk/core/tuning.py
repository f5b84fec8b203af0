"""The numbers the kiosk is tuned by, each in one place.

Widgets and services take these as defaults and accept overrides (tests run with millisecond
timings); nothing else spells them out again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Text sizes a patient can pick, by the names kiosk.toml uses, with their scale over "normal".
TEXT_SCALES: dict[str, float] = {"normal": 1.0, "large": 1.25, "largest": 1.5}
TEXT_SIZES: tuple[str, ...] = tuple(TEXT_SCALES)

IDLE_SECONDS = 90  # kiosk.toml's default for [kiosk] idle_seconds
MIN_IDLE_SECONDS = 10
# A press that moves less than this (a share of the pager's width, at least 10 px) is a tap, not a swipe.
TAP_SLOP_SHARE = 0.015
TAP_SLOP_MIN_PX = 10.0
# A file whose time is less than this old may still change within the same tick of its clock
# (FAT's file times are 2 s apart): what was read from it is not trusted to stay true.
RACY_NS = 3_000_000_000
TOPICS_PER_PAGE = 8  # tiles on one page of the topics grid; a ninth topic starts a second page
WATCH_BATCH = 200  # content files and folders the watcher adds per turn of the event loop (a 2,000-card drop)
PREPARE_NEIGHBOURS_MS = 60  # after a page change settles, before the pages beside it are built


@dataclass(frozen=True)
class SpeechTiming:
    """Deadlines for the speech helper process (kiosk/listen/runtime/speech_process.py).

    A helper that misses one is killed (which also silences it) and started again after `retry_ms`,
    doubling up to `retry_max_ms` while it keeps failing; Listen shows as not working meanwhile.
    """

    launch_ms: int = 20_000  # the helper process started to its Python and Qt loaded (a busy machine is slow)
    open_ms: int = 15_000  # then to "the engine works": speech-dispatcher may take seconds to start (6-7 s at load 15)
    reply_ms: int = 2_000  # any request (say, stop, pause, voice, volume) handed to the engine and back
    start_ms: int = 5_000  # a sentence handed over to the engine saying it has begun it
    sentence_ms: int = 10_000  # a sentence begun to its end: this much ...
    sentence_char_ms: int = 150  # ... plus this per character (the slowest rate says ~8 characters a second)
    retry_ms: int = 2_000  # first wait before starting a failed helper again
    retry_max_ms: int = 5 * 60 * 1000  # the longest wait, while it keeps failing

    def sentence_limit_ms(self, text: str) -> int:
        return self.sentence_ms + self.sentence_char_ms * len(text)


@dataclass(frozen=True)
class PlayerTiming:
    """Deadlines for the recording player's helper process (kiosk/listen/runtime/player_process.py).

    Qt's own wait for a sound server that accepts and never answers is 30 s: far longer than these.
    A helper that misses one is killed and started again after `retry_ms`, doubling up to
    `retry_max_ms`; meanwhile the voice reads recorded cards.
    """

    launch_ms: int = 20_000  # the helper process started to its Python and Qt loaded (a busy machine is slow)
    open_ms: int = 5_000  # then to "the sound output works": a working sound server answers in milliseconds
    reply_ms: int = 2_000  # pause, resume, stop, volume handed to the sound output and back
    play_ms: int = 5_000  # a play request: reading the WAV (up to 50 MB) and starting the sound output
    end_margin_ms: int = 5_000  # a recording's own length plus this, from its start (or a resume) to its end
    retry_ms: int = 2_000  # first wait before starting a failed helper again
    retry_max_ms: int = 5 * 60 * 1000  # the longest wait, while it keeps failing


@dataclass(frozen=True)
class Timing:
    """Every delay the kiosk uses, injectable so tests run in milliseconds."""

    animation_ms: int = 250  # a page sliding into place
    idle_ms: int | None = None  # None: idle_seconds from kiosk.toml
    countdown_s: int = 30  # the "Still reading?" prompt; WCAG 2.2.1 asks for at least 20 s to answer
    tick_ms: int = 1000  # the prompt's countdown step
    hold_ms: int = 3000  # the staff long press in the corner
    attract_ms: int = 4000  # the welcome screen's topic carousel
    debounce_ms: int = 200  # quiet time after a save before content reloads (tests/perf/test_reload.py: edit on screen in <= 300 ms)
    rescan_ms: int = 1000  # while content/ is missing, how often the watcher looks for it again
    load_rest_ms: int = 300  # start-up shows the first language, then reads the others after this
    # Start-up waits this long for the content folder (a network share may not answer), then shows the
    # window without content and the content when it comes; None: waits (the commands that picture cards).
    first_read_ms: int | None = 5000
    day_check_ms: int = 15 * 60 * 1000  # longest wait between looks at the date (show dates change at midnight)
    speech: SpeechTiming = field(default_factory=SpeechTiming)
    player: PlayerTiming = field(default_factory=PlayerTiming)


DEFAULT_TIMING = Timing()

# Pictures: the most pixels one may have (an 8000x8000 scan; a 48-megapixel phone photo) and the
# largest file read. Each is decoded only once its header is within the limit, and Qt's decoder is
# held to the memory that many pixels need (kiosk/runtime/pictures.py).
MAX_PICTURE_PIXELS = 64_000_000
MAX_PICTURE_FILE_BYTES = 64 * 1024 * 1024
PICTURE_CACHE_BYTES = 96 * 1024 * 1024  # decoded pictures, already scaled to the size shown, kept for reuse
# The parse cache in the state folder (kiosk/core/parse_cache.py): read whole at start-up, so kept
# to what reads in a fraction of the parsing it saves (about 2,000 cards of the sample's size).
MAX_PARSE_CACHE_BYTES = 16 * 1024 * 1024
