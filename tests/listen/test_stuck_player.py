"""Staff recordings with a sound server that accepts and never answers: the screen answers, Stop stops, SIGTERM ends it.

The real player helper (kiosk --player-helper: Qt Multimedia's PulseAudio backend inside it) against
tests/helpers/fake_pulse.py, where `QMediaDevices.defaultAudioOutput()` alone blocks for 30 s. Before
the player had a process of its own, that call ran on the kiosk's screen thread at a tap on Listen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA, REPO
from helpers.fake_pulse import SilentPulse
from helpers.gestures import touch_tap
from helpers.speech import alive
from PySide6.QtCore import QElapsedTimer, QTimer

from kiosk.core.tuning import PlayerTiming, Timing
from kiosk.listen.runtime.player_process import PlayerProcess

from .test_stuck_engine import SIGTERM_LIMIT_S, ended_within, read_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PulseAudio is Linux's sound server")
# The open deadline is the one under test: long enough that a loaded machine's pauses stand apart
# from a held screen thread, far shorter than Qt's own 30 s.
PLAYER = PlayerTiming(open_ms=2_000, retry_ms=50, retry_max_ms=200)
FAKE_PLAYER = Path(__file__).resolve().parents[1] / "helpers" / "fake_player_helper.py"


@pytest.fixture
def silent_pulse(monkeypatch) -> Iterator[SilentPulse]:
    """A stuck sound server that the helpers started from now on connect to."""
    with tempfile.TemporaryDirectory(prefix="kiosk-pa-") as folder:  # short: Unix socket paths are limited
        server = SilentPulse(Path(folder) / "pulse.sock")
        for name, value in server.env.items():
            monkeypatch.setenv(name, value)
        yield server
        server.close()


def recorded(content: Path) -> Path:
    """Every English card of `content` with a staff recording."""
    (content / "audio").mkdir(exist_ok=True)
    (content / "audio" / "staff.wav").write_bytes((DATA / "audio" / "tone.wav").read_bytes())
    for card in (content / "en").glob("*.md"):
        card.write_text(card.read_text(encoding="utf-8").replace("\n---\n", "\naudio: audio/staff.wav\n---\n", 1), encoding="utf-8")
    return content


def tap(kiosk, widget) -> None:
    touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def test_the_real_player_helper_stuck_on_the_sound_server_is_killed_and_reported(silent_pulse, qtbot):
    player = PlayerProcess(PLAYER)
    lost: list[tuple[str, bool]] = []
    player.lost.connect(lambda reason, retry: lost.append((reason, retry)))
    try:
        assert player.play(1, DATA / "audio" / "tone.wav", 0.5)
        qtbot.waitUntil(lambda: silent_pulse.connections > 0, timeout=30_000)  # inside Qt Multimedia, waiting
        assert player._process is not None
        pid = player._process.processId()
        qtbot.waitUntil(lambda: bool(lost), timeout=10_000)
        assert lost[0] == ("the sound output did not answer within 2 s (is the sound server stuck?)", True)
        qtbot.waitUntil(lambda: not alive(pid), timeout=5_000)
    finally:
        player.shutdown()


def test_the_real_player_helper_without_a_sound_server_says_so(monkeypatch, tmp_path, qtbot):
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'none.sock'}")
    player = PlayerProcess(PlayerTiming(retry_ms=60_000))
    lost: list[tuple[str, bool]] = []
    player.lost.connect(lambda reason, retry: lost.append((reason, retry)))
    try:
        player.start()
        qtbot.waitUntil(lambda: bool(lost), timeout=30_000)
        assert lost == [("the sound output cannot be used: there is none (is the sound server running?)", True)]
    finally:
        player.shutdown()


def test_taps_are_answered_while_the_player_is_stuck_and_stop_stops(make_kiosk, content, silent_pulse, qtbot):
    kiosk = make_kiosk(recorded(content), timing=Timing(animation_ms=0, player=PLAYER))  # no voice: KIOSK_SPEECH_ENGINE=none
    listening = kiosk.listening
    speaker, bar = listening.speaker, listening.bar
    listening.start_after_first_frame()
    kiosk.window.go_to(1)
    qtbot.waitUntil(lambda: silent_pulse.connections > 0, timeout=30_000)  # the recorded card started the player: stuck
    ticks, clock = [], QElapsedTimer()
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    clock.start()
    timer.start()
    assert bar.main.isVisible()
    tap(kiosk, bar.main)  # Listen: the recording waits for a player that never opens
    assert speaker.state.value == "speaking"
    tap(kiosk, bar.stop)  # answered at once
    assert speaker.state.value == "idle"
    tap(kiosk, bar.main)
    tap(kiosk, kiosk.window.navbar.next)  # a page change stops it too, at once
    assert kiosk.window.current_index() == 2 and speaker.state.value == "idle"
    qtbot.waitUntil(lambda: speaker.recordings.in_trouble, timeout=10_000)
    timer.stop()
    # A screen thread held by Qt Multimedia would show one gap of the whole open deadline (2 s) or
    # of Qt's own 30 s; a loaded machine only slows the 10 ms timer down.
    assert len(ticks) >= clock.elapsed() / 10 / 10 and max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 1000
    assert bar.isVisible() and bar.not_working.isVisible() and not bar.main.isVisible()  # no voice to read it instead
    assert ("Staff recordings (audio:) are not playing right now: the sound output did not answer within 2 s (is the sound "
            "server stuck?); the voice reads those cards where it works, and the kiosk keeps trying by itself") in kiosk.staff_info().problems


def test_a_lost_player_comes_back_by_itself(make_kiosk, content, qtbot, monkeypatch, tmp_path):
    """The sound server stuck, then answering again: Listen plays recordings again without a restart."""
    import kiosk.listen.runtime.player_process as player_process

    monkeypatch.setattr(player_process, "helper_command",
                        lambda *_argument: [sys.executable, str(FAKE_PLAYER), "hangs-on-open", str(tmp_path / "recovered")])
    kiosk = make_kiosk(recorded(content), timing=Timing(animation_ms=0, player=PlayerTiming(open_ms=300, retry_ms=50, retry_max_ms=200)))
    listening = kiosk.listening
    listening.start_after_first_frame()
    kiosk.window.go_to(1)
    qtbot.waitUntil(lambda: listening.speaker.recordings.in_trouble, timeout=10_000)
    qtbot.waitUntil(lambda: not listening.speaker.recordings.reason, timeout=10_000)
    assert listening.bar.main.isVisible() and not [line for line in kiosk.staff_info().problems if "recordings" in line]
    played: list[int] = []
    listening.speaker.recordings.player.playing.connect(played.append)
    with qtbot.waitSignal(listening.speaker.finished, timeout=10_000):
        listening.listen()  # as a tap on Listen does
    assert played == [1]  # the recording, not the voice (there is none here): the fake played it to its end


# A kiosk in a process of its own on a recorded card, its sound server stuck, so the test can send it SIGTERM.
KIOSK_STUB = """\
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kiosk.app import KioskApp
from kiosk.core.tuning import Timing
from kiosk.ops.runtime.shutdown import quit_on_signals
from kiosk.ui.theme import Metrics

app = QApplication(sys.argv[:1])
undo = quit_on_signals(app)
kiosk = KioskApp(Path(sys.argv[1]), Metrics.for_size(1280, 800), timing=Timing(animation_ms=0))
kiosk.window.show()
kiosk.window.go_to(1, animate=False)
kiosk.listening.start_after_first_frame()
speaker = kiosk.listening.speaker
speaker.state_changed.connect(lambda state: print(f"{state} {speaker.recordings.player._process.processId()}", flush=True))
app.processEvents()
kiosk.listening.listen()
code = app.exec()
undo()
print("clean exit", flush=True)
sys.exit(code)
"""


def test_sigterm_while_the_player_is_stuck_ends_the_kiosk_and_its_helper(silent_pulse, tmp_path, content, qtbot):
    process = subprocess.Popen([sys.executable, "-c", KIOSK_STUB, str(recorded(content))], cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_STATE_DIR": str(tmp_path / "state")})
    try:
        seen = read_until(process, "speaking ")
        helper = int(seen.split("speaking ")[1].split()[0])
        qtbot.waitUntil(lambda: silent_pulse.connections > 0, timeout=30_000)  # the helper is inside Qt Multimedia, stuck
        assert alive(helper)
        took, out = ended_within(process, SIGTERM_LIMIT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert took < SIGTERM_LIMIT_S and process.returncode == 0 and "clean exit" in out, out
    assert not alive(helper), "the player helper outlived the kiosk"


# In a fresh interpreter: a recorded card played through the player's helper (the fake, which plays
# it to its end), and Qt Multimedia never loads into the kiosk's own process.
PROBE = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import kiosk.listen.runtime.player_process as player_process
player_process.helper_command = lambda *_argument: [sys.executable, sys.argv[2], "works"]
from kiosk.app import KioskApp
from kiosk.core.tuning import Timing
from kiosk.ui.theme import Metrics
kiosk = KioskApp(Path(sys.argv[1]), Metrics.for_size(1280, 800), timing=Timing(animation_ms=0))
kiosk.window.show()
kiosk.window.go_to(1, animate=False)
speaker = kiosk.listening.speaker
played = []
speaker.recordings.player.playing.connect(played.append)
speaker.start()
kiosk.listening.listen()
while speaker.state.value != "idle":
    app.processEvents()
maps = Path("/proc/self/maps").read_text()
print("PROBE-RESULT " + json.dumps({"played": played, "reason": speaker.recordings.reason,
    "modules": sorted(name for name in sys.modules if name.startswith("PySide6.QtMultimedia")),
    "native": sorted({line.rsplit("/", 1)[-1] for line in maps.splitlines() if "Qt6Multimedia" in line})}))
kiosk.listening.shutdown()
"""


def test_the_kiosk_process_never_loads_qt_multimedia(content):
    done = subprocess.run([sys.executable, "-c", PROBE, str(recorded(content)), str(FAKE_PLAYER)], cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    [line] = [line for line in done.stdout.splitlines() if line.startswith("PROBE-RESULT ")]
    result = json.loads(line.removeprefix("PROBE-RESULT "))
    assert result["played"] == [1] and result["reason"] == ""  # played, through the helper
    assert result["modules"] == [] and result["native"] == []
