"""Listen through the real engine: from a tap on Listen to the first sound a patient hears.

The real KioskApp on a Spanish card, with a real speech stack (tests/helpers/real_audio.py:
PulseAudio with a null sink, speech-dispatcher with espeak-ng, the sink's monitor read by parec), and
real touches on the Listen button. A tap's figure is the time until the first samples louder than
silence arrive at the sink's monitor: what a patient would hear. Then the same for a staff
recording (`audio:`), played by the kiosk's player helper (kiosk --player-helper), which starts when
the recorded card is shown, so the first tap may find it still starting. The target is 300 ms; the budget holds the
worst tap to 1.5 s, a margin wide enough that a busy machine does not fail it, while a Listen that
waits for a stuck engine, or says nothing, does.

It needs the Debian packages in scripts/perf-packages.txt (.ci/run installs them). Without them it
fails, naming them, so CI cannot pass it by leaving it out; KIOSK_PERF_NO_AUDIO=1 skips it instead,
on a machine where installing them is not wanted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.gestures import touch_tap
from helpers.real_audio import PACKAGE_LIST, RealAudio, missing_packages
from PySide6.QtWidgets import QWidget

pytestmark = pytest.mark.perf

TARGET_MS = 300.0
LIMIT_MS = 1500.0
TAPS = 5
CARD = "50-risks-and-limits.md"  # a Spanish card with a sentence of a usual length first
STARTS_MS = 10_000  # each daemon's socket appears within this, on a loaded machine too


@pytest.fixture(scope="session")
def audio_stack() -> Iterator[RealAudio]:
    """The speech stack, for the whole run (it takes seconds to start). Neither Qt's speech nor Qt
    Multimedia connects from this process: the kiosk's helpers do, and they end with the test's kiosk."""
    missing = missing_packages()
    if missing:
        if os.environ.get("KIOSK_PERF_NO_AUDIO") == "1":
            pytest.skip(f"KIOSK_PERF_NO_AUDIO=1, and {', '.join(missing)} missing")
        pytest.fail(f"Listen's budget needs a real speech stack: apt-get install -y --no-install-recommends {' '.join(missing)} "
                    f"(all of them: xargs -a {PACKAGE_LIST} apt-get install -y); KIOSK_PERF_NO_AUDIO=1 skips it")
    with tempfile.TemporaryDirectory(prefix="kiosk-audio-") as folder:  # short: Unix socket paths are limited
        Path(folder).chmod(0o700)
        audio = RealAudio(Path(folder))
        try:
            base = dict(os.environ)
            for name, socket, start in (("pulseaudio", audio.pulse_socket, audio.start_pulseaudio),
                                        ("speech-dispatcher", audio.speechd_socket, audio.start_speechd)):
                process = start(base)
                deadline = time.monotonic() + STARTS_MS / 1000
                while not socket.exists() and process.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.05)
                assert process.poll() is None, f"{name} ended at start with code {process.returncode} (its log: {folder})"
                assert socket.exists(), f"{name} made no socket within {STARTS_MS} ms (its log: {folder})"
            audio.start_monitor(base)
            yield audio
        finally:
            audio.close()


@pytest.fixture
def real_audio(audio_stack: RealAudio, monkeypatch) -> RealAudio:
    """The stack's addresses in this test's environment, for the speech helper the kiosk starts."""
    for name, value in audio_stack.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "speechd")
    return audio_stack


def tap_to_sound(qtbot, audio: RealAudio, tap: Callable[[], None], stop: Callable[[], None], reported: list[float]) -> tuple[list[float], list[float]]:
    """Tap Listen TAPS times, stopping each reading once heard: (tap -> first sound, tap -> the kiosk's own
    "started" report) in ms."""
    heard_ms: list[float] = []
    reported_ms: list[float] = []
    for number in range(TAPS):
        reported.clear()
        tapped = time.perf_counter()
        tap()
        try:
            qtbot.waitUntil(lambda tapped=tapped: audio.first_sound_after(tapped) is not None and bool(reported), timeout=10_000)
        except qtbot.TimeoutError:
            pytest.fail(f"tap {number + 1}: no sound reached the null sink within 10 s (reported started: {bool(reported)})")
        heard = audio.first_sound_after(tapped)
        assert heard is not None
        heard_ms.append((heard - tapped) * 1000)
        reported_ms.append((reported[0] - tapped) * 1000)
        stop()
        qtbot.waitUntil(lambda: audio.quiet_for(0.4), timeout=10_000)  # the reading stopped: silence before the next tap
    return heard_ms, reported_ms


def test_a_tap_on_listen_is_heard_within_the_budget(budgets, make_kiosk, content, real_audio, qtbot):
    recording = content / "audio" / "staff.wav"
    recording.parent.mkdir(exist_ok=True)
    subprocess.run(["espeak-ng", "-v", "es-419", "-w", str(recording), "Riesgos y desventajas. La ketamina tiene riesgos."], check=True)
    kiosk = make_kiosk(content, (1920, 1080))
    listening = kiosk.listening
    assert listening is not None
    speaker, bar, window = listening.speaker, listening.bar, kiosk.window
    speaker.wait_until_answered()
    assert speaker.engine_name == "speechd", f"speech-dispatcher did not answer: {speaker.engine_reason}"

    def touch(widget: QWidget) -> None:
        touch_tap(window, widget.mapTo(window, widget.rect().center()))

    touch(window.visit_bar.language_buttons["es"])
    qtbot.waitUntil(lambda: kiosk.language == "es")
    assert bar.isVisible(), f"Listen is hidden in Spanish: {speaker.unavailable_reason('es')}"
    window.go_to(next(i for i, screen in enumerate(window.screens.all()) if screen.slug == CARD), animate=False)

    def stop() -> None:
        touch(bar.stop)
        qtbot.waitUntil(lambda: speaker.state.value == "idle", timeout=5_000)

    started: list[float] = []
    speaker.block_changed.connect(lambda block: started.append(time.perf_counter()) if block >= 0 else None)
    voice_ms, engine_ms = tap_to_sound(qtbot, real_audio, lambda: touch(bar.main), stop, started)

    card = content / "es" / CARD
    card.write_text(card.read_text(encoding="utf-8").replace("\n---\n", "\naudio: audio/staff.wav\n---\n", 1), encoding="utf-8")
    kiosk.reload()
    qtbot.waitUntil(lambda: getattr(getattr(window.pager.current_page(), "card", None), "audio", None) is not None, timeout=10_000)
    playing: list[float] = []
    speaker.state_changed.connect(lambda state: playing.append(time.perf_counter()) if state == "speaking" else None)
    recorded_ms, _ = tap_to_sound(qtbot, real_audio, lambda: touch(bar.main), stop, playing)

    budgets.check(f"tap on Listen → first sound (speech-dispatcher + espeak-ng), worst of {TAPS}", max(voice_ms), LIMIT_MS, "ms",
                  f"real touches, a Spanish card, sound heard at a PulseAudio null sink; median {statistics.median(voice_ms):.0f} ms "
                  f"(target {TARGET_MS:.0f} ms); the engine reported its start after {statistics.median(engine_ms):.0f} ms (median)")
    budgets.check(f"tap on Listen → first sound of a staff recording, worst of {TAPS}", max(recorded_ms), LIMIT_MS, "ms",
                  f"the card's `audio:` WAV played by the kiosk's player helper; median {statistics.median(recorded_ms):.0f} ms, "
                  f"first tap {recorded_ms[0]:.0f} ms (the helper started when the card was shown) (target {TARGET_MS:.0f} ms)")
