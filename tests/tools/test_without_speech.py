"""The commands that picture or measure cards never start speech, so a stuck speech daemon cannot hold them.

A speech-dispatcher that accepts connections and never answers (what it does on a machine with no
sound output) is pointed at by SPEECHD_ADDRESS, with the speechd engine asked for by name: `kiosk
check`, `kiosk snapshot` and `kiosk preview` finish as usual and never even connect to it. Each
command also does its expensive start-up work once: one kiosk built per picture size, one scrypt
check of the staff PIN.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_CONTENT
from helpers.fake_speechd import FakeSpeechd

COMMAND_S = 120  # a generous bound for a loaded machine; a command waiting for the daemon never ends
# Runs a kiosk command in this process, counting the kiosks built and the scrypt derivations.
COUNTING = """
import hashlib, sys
import kiosk.app
counts = {"kiosks": 0, "scrypt": 0}
scrypt, init = hashlib.scrypt, kiosk.app.KioskApp.__init__
def counted_scrypt(*args, **kwargs):
    counts["scrypt"] += 1
    return scrypt(*args, **kwargs)
def counted_init(self, *args, **kwargs):
    counts["kiosks"] += 1
    init(self, *args, **kwargs)
hashlib.scrypt, kiosk.app.KioskApp.__init__ = counted_scrypt, counted_init
from kiosk.cli import main
code = main(sys.argv[1:])
print("counts", counts["kiosks"], counts["scrypt"], "PySide6.QtTextToSpeech" in sys.modules, file=sys.stderr)
sys.exit(code)
"""


@pytest.fixture
def silent_daemon(monkeypatch) -> Iterator[FakeSpeechd]:
    with tempfile.TemporaryDirectory(prefix="kiosk-sd-") as folder:  # a Unix socket path must be short
        daemon = FakeSpeechd(Path(folder) / "speechd.sock", "silent")
        monkeypatch.setenv("SPEECHD_ADDRESS", daemon.address)
        monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "speechd")
        try:
            yield daemon
        finally:
            daemon.close()


def run_counting(*args: str) -> tuple[subprocess.CompletedProcess[str], tuple[int, int, bool]]:
    """`kiosk ARGS` in a fresh process: its result, and (kiosks built, scrypt checks, speech module loaded)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", COUNTING, *args], capture_output=True, text=True, timeout=COMMAND_S, cwd=REPO, env=env)
    line = next(line for line in done.stderr.splitlines() if line.startswith("counts "))
    kiosks, scrypt, speech = line.split()[1:]
    return done, (int(kiosks), int(scrypt), speech == "True")


def test_check_never_connects_to_the_speech_daemon_and_checks_the_pin_once(silent_daemon):
    done, (kiosks, scrypt, speech) = run_counting("check", str(SAMPLE_CONTENT))
    assert done.returncode == 0, done.stderr
    assert "Listen" not in done.stdout
    assert silent_daemon.connections == 0
    assert not speech, "kiosk check loaded Qt's speech module"
    assert kiosks == 2  # one per screen of [check] screens, for the fit check
    assert scrypt == 1  # the demo-PIN warning: one scrypt check for every load of kiosk.toml


def test_snapshot_builds_one_kiosk_never_connects_to_the_speech_daemon_and_checks_the_pin_once(silent_daemon, tmp_path):
    done, (kiosks, scrypt, speech) = run_counting("snapshot", "--content", str(SAMPLE_CONTENT), "--out", str(tmp_path), "--screen", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(tmp_path / "01-key-points.png")]
    assert silent_daemon.connections == 0
    assert not speech
    assert (kiosks, scrypt) == (1, 1)


def test_snapshot_listen_gives_a_hung_daemon_a_few_seconds_then_pictures_without_listen(silent_daemon, tmp_path):
    done, (kiosks, _scrypt, speech) = run_counting("snapshot", "--listen", "--content", str(SAMPLE_CONTENT), "--out", str(tmp_path), "--screen", "1")
    assert done.returncode == 0, done.stderr
    assert silent_daemon.connections >= 1, "--listen must start the speech engine"
    assert not speech, "the engine runs in the speech helper process, never in the kiosk's"
    assert kiosks == 1 and done.stdout.splitlines() == [str(tmp_path / "01-key-points.png")]  # and it ended: run_counting's timeout


def test_preview_builds_its_kiosk_without_listen(qapp, silent_daemon, content):
    from kiosk.tools.preview import Preview

    preview = Preview(content)
    try:
        assert preview.kiosk.listening is None
        assert preview.kiosk.state is not None and preview.window.picture().width() == 1920
        preview.set_shape("1080x1920")
        assert preview.kiosk.listening is None
        assert silent_daemon.connections == 0
    finally:
        preview.close()
