"""The whole kiosk with a speech-dispatcher that hangs: the screen answers, SIGTERM ends it, Qt's speech stays out.

The real speech helper runs against the fake daemon of tests/helpers/fake_speechd.py (Linux: Qt's
speechd plugin needs libspeechd2, listed in deploy/debian-packages.txt).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO
from helpers.gestures import touch_tap
from helpers.speech import alive
from PySide6.QtCore import QElapsedTimer, QTimer

from kiosk.core.tuning import SpeechTiming, Timing

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="speech-dispatcher is Linux's engine")
# The open deadline is the one under test: long enough that a loaded machine's pauses (a few hundred
# ms) stand apart from a held screen thread. The other deadlines are the kiosk's own, generous ones.
TIMING = Timing(animation_ms=0, speech=SpeechTiming(open_ms=2_000, retry_ms=50, retry_max_ms=200))
SIGTERM_LIMIT_S = 5.0



def tap(kiosk, widget) -> None:
    touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def test_taps_are_answered_while_the_engine_is_stuck_and_listen_comes_back(make_kiosk, speechd, qtbot):
    daemon = speechd("silent")
    kiosk = make_kiosk(timing=TIMING)
    kiosk.window.go_to(1)
    kiosk.listening.speaker.start()
    qtbot.waitUntil(lambda: daemon.connections > 0, timeout=30_000)  # the helper is inside libspeechd, stuck
    ticks, clock = [], QElapsedTimer()
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    clock.start()
    timer.start()
    tap(kiosk, kiosk.window.navbar.next)  # a real touch, answered at once
    assert kiosk.window.current_index() == 2
    qtbot.waitUntil(lambda: kiosk.listening.speaker.in_trouble, timeout=10_000)
    timer.stop()
    bar = kiosk.listening.bar
    assert bar.isVisible() and bar.not_working.isVisible() and not bar.main.isVisible()  # said, not a dead button
    # A screen thread held by the engine call would show one gap as long as the open deadline (2 s) and
    # almost no ticks; a loaded machine (load 15 on 2 cores) only slows the 10 ms timer down.
    assert len(ticks) >= clock.elapsed() / 10 / 10 and max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 1000
    problems = kiosk.staff_info().problems
    assert ("Listen (read aloud) is not working right now: the speech engine did not answer within 2 s "
            "(is speech-dispatcher stuck?); the kiosk keeps trying by itself") in problems
    daemon.mode = "works"
    qtbot.waitUntil(bar.main.isVisible, timeout=30_000)
    assert not kiosk.listening.speaker.in_trouble and not bar.not_working.isVisible()
    assert not [line for line in kiosk.staff_info().problems if line.startswith("Listen")]


# A kiosk in a process of its own, Listen tapped by code, so the test can send it SIGTERM mid-sentence.
KIOSK_STUB = """\
import logging, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kiosk.app import KioskApp
from kiosk.core.tuning import SpeechTiming, Timing
from kiosk.ops.runtime.shutdown import quit_on_signals
from kiosk.ui.theme import Metrics

logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
app = QApplication(sys.argv[:1])
undo = quit_on_signals(app)
kiosk = KioskApp(Path(sys.argv[1]), Metrics.for_size(1280, 800), timing=Timing(animation_ms=0, speech=SpeechTiming(sentence_ms=60_000)))
kiosk.window.show()
kiosk.window.go_to(1, animate=False)
speaker = kiosk.listening.speaker
speaker.availability_changed.connect(lambda: kiosk.listening.listen() if speaker.available("en") else None)
speaker.block_changed.connect(lambda block: print(f"speaking {speaker.process._process.processId()}", flush=True) if block >= 0 else None)
kiosk.listening.start_after_first_frame()
code = app.exec()
undo()
print("clean exit", flush=True)
sys.exit(code)
"""


def read_until(process: subprocess.Popen, text: str, timeout: float = 30) -> str:
    seen, deadline = "", time.monotonic() + timeout
    while text not in seen:
        assert time.monotonic() < deadline, f"{text!r} not seen; output: {seen}"
        readable, _, _ = select.select([process.stdout], [], [], 0.5)
        if readable:
            chunk = os.read(process.stdout.fileno(), 4096).decode()
            assert chunk, f"ended before {text!r}; output: {seen}"
            seen += chunk
    return seen


def ended_within(process: subprocess.Popen, seconds: float) -> tuple[float, str]:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        out, _ = process.communicate(timeout=seconds + 5)
    finally:
        if process.poll() is None:
            process.kill()
    return time.monotonic() - started, out.decode(errors="replace")


def test_sigterm_mid_sentence_with_a_hung_daemon_ends_the_kiosk_and_its_helper(speechd, tmp_path, content):
    """speech-dispatcher without sound: the sentence begins and never ends, the daemon answers nothing more."""
    daemon = speechd("no-sound")
    process = subprocess.Popen([sys.executable, "-c", KIOSK_STUB, str(content)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_STATE_DIR": str(tmp_path / "state")})
    try:
        seen = read_until(process, "speaking ")
        helper = int(seen.split("speaking ")[1].split()[0])
        assert daemon.hung and alive(helper)
        took, out = ended_within(process, SIGTERM_LIMIT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert took < SIGTERM_LIMIT_S and process.returncode == 0 and "clean exit" in out, out
    assert not alive(helper), "the speech helper outlived the kiosk"


def test_sigterm_while_the_engine_is_stuck_opening_ends_kiosk_run(speechd, tmp_path, content):
    """The real `kiosk run`: its helper stuck inside libspeechd's connect; SIGTERM still ends it in time."""
    daemon = speechd("silent")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_STATE_DIR": str(tmp_path / "state"), "KIOSK_LOG_DIR": str(tmp_path / "log")}
    process = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed", "--content", str(content)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        read_until(process, "kiosk started with content from")
        deadline = time.monotonic() + 30
        while daemon.connections == 0:  # the helper is started after the first frame, then connects
            assert time.monotonic() < deadline and process.poll() is None, "the helper never reached speech-dispatcher"
            time.sleep(0.05)
        took, out = ended_within(process, SIGTERM_LIMIT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert took < SIGTERM_LIMIT_S and process.returncode == 0, out
    assert "kiosk stopped" in (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")


# In a fresh interpreter: the kiosk speaks through the helper, and Qt's speech (and network) library
# never loads into the kiosk's own process.
PROBE = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.app import KioskApp
from kiosk.core.tuning import Timing
from kiosk.ui.theme import Metrics
kiosk = KioskApp(Path(sys.argv[1]), Metrics.for_size(1280, 800), timing=Timing(animation_ms=0))
kiosk.window.show()
kiosk.window.go_to(1, animate=False)
speaker = kiosk.listening.speaker
speaker.wait_until_answered(30_000)
said = []
speaker.said.connect(said.append)
if speaker.available("en"):
    kiosk.listening.listen()
    while speaker.state.value != "idle" and len(said) < 2:
        app.processEvents()
speaker.stop()
maps = Path("/proc/self/maps").read_text()
print("PROBE-RESULT " + json.dumps({"engine": speaker.engine_name, "said": said,
    "modules": sorted(name for name in sys.modules if name.startswith(("PySide6.QtTextToSpeech", "PySide6.QtNetwork"))),
    "native": sorted({line.rsplit("/", 1)[-1] for line in maps.splitlines() if "Qt6TextToSpeech" in line or "Qt6Network" in line})}))
kiosk.listening.shutdown()
"""


def test_the_kiosk_process_never_loads_qt_speech(content):
    done = subprocess.run([sys.executable, "-c", PROBE, str(content)], cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_SPEECH_ENGINE": "mock"})
    assert done.returncode == 0, done.stderr
    [line] = [line for line in done.stdout.splitlines() if line.startswith("PROBE-RESULT ")]
    result = json.loads(line.removeprefix("PROBE-RESULT "))
    assert result["engine"] == "mock" and len(result["said"]) >= 1  # it spoke, through the helper
    assert result["modules"] == [] and result["native"] == []

