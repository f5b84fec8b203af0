"""`kiosk run` as a process: signals (SIGHUP reloads, ending signals logged) and one kiosk per display."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


class Kiosk:
    """A real `kiosk run --windowed` offscreen, with its own state and log folders."""

    def __init__(self, tmp_path: Path, content: Path, **extra_env: str) -> None:
        self.log_file = tmp_path / "log" / "kiosk.log"
        self.env = {
            **os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_STATE_DIR": str(tmp_path / "state"),
            "KIOSK_LOG_DIR": str(tmp_path / "log"), **extra_env,
        }
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.command = [sys.executable, "-m", "kiosk", "run", "--windowed", "--content", str(content)]
        self.process = subprocess.Popen(self.command, cwd=REPO, env=self.env, stderr=subprocess.PIPE)
        self.err = b""

    def wait_for(self, text: str, timeout: float = 30) -> None:
        """Read stderr until `text` shows up (the kiosk logs to stderr as well as the file)."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.err:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{text!r} not seen; stderr so far: {self.err.decode(errors='replace')}"
            readable, _, _ = select.select([self.process.stderr], [], [], remaining)
            if readable:
                chunk = os.read(self.process.stderr.fileno(), 4096)
                assert chunk, f"kiosk ended before {text!r}; stderr: {self.err.decode(errors='replace')}"
                self.err += chunk

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=10)


@pytest.fixture
def running(tmp_path, content):
    kiosk = Kiosk(tmp_path, content)
    try:
        kiosk.wait_for("kiosk started with content from")
        yield kiosk
    finally:
        kiosk.stop()


def test_sighup_reloads_and_sigterm_is_logged_before_the_end(running, content):
    (content / "en" / "15-new.md").write_text("---\ntitle: Added by the test\n---\nHello.\n", encoding="utf-8")
    running.process.send_signal(signal.SIGHUP)
    running.wait_for("reloaded on SIGHUP")
    assert running.process.poll() is None, "SIGHUP must not end the kiosk"
    running.process.send_signal(signal.SIGTERM)
    out, err = running.process.communicate(timeout=15)
    running.err += err
    assert running.process.returncode == 0
    log = running.log_file.read_text(encoding="utf-8")
    assert "INFO kiosk: SIGHUP: reloading content and settings" in log
    assert log.index("stopping on SIGTERM") < log.index("kiosk stopped")


@pytest.mark.parametrize("number", [signal.SIGUSR1, signal.SIGQUIT], ids=["SIGUSR1", "SIGQUIT"])
def test_other_ending_signals_are_logged_too(running, number):
    running.process.send_signal(number)
    _, err = running.process.communicate(timeout=15)
    log = running.log_file.read_text(encoding="utf-8")
    # Not reproduced (55 runs at load 8-14, the signal 0-200 ms after start-up): if it fails again, say how it ended.
    said = f"exit code {running.process.returncode}; log:\n{log[-2000:]}\nstderr:\n{(running.err + err).decode(errors='replace')[-2000:]}"
    assert f"stopping on {number.name}" in log, said
    assert running.process.returncode == 0, said


def test_a_second_kiosk_on_the_same_display_says_why_and_leaves_the_first_alone(running, tmp_path, content):
    second = subprocess.run(running.command, cwd=REPO, env=running.env, capture_output=True, timeout=30)
    assert second.returncode == 3
    message = second.stderr.decode()
    assert f"another kiosk is already running on this display (console) (pid {running.process.pid}" in message
    assert "Traceback" not in message
    assert running.process.poll() is None
    log = running.log_file.read_text(encoding="utf-8")
    assert log.count("kiosk started with content from") == 1, "the second kiosk must not write the first one's log"
    running.process.send_signal(signal.SIGTERM)
    running.process.communicate(timeout=15)
    assert running.process.returncode == 0


def metrics(path: Path) -> dict[str, float]:
    from prometheus_client.parser import text_string_to_metric_families

    return {
        sample.name + "".join(f",{k}={v}" for k, v in sorted(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(path.read_text(encoding="utf-8")) for sample in family.samples
    }


def test_under_systemd_it_says_ready_pings_the_watchdog_and_keeps_status_and_metrics_files(tmp_path, content):
    import json
    import socket

    from kiosk.ops.core.content_version import content_digest

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(30)
    prom = tmp_path / "textfiles" / "kiosk.prom"
    kiosk = Kiosk(tmp_path, content, NOTIFY_SOCKET=str(tmp_path / "notify"), WATCHDOG_USEC="200000", KIOSK_METRICS_FILE=str(prom))
    try:
        messages = [sock.recv(4096).decode() for _ in range(3)]
        assert messages[0].startswith("READY=1\n") and messages[1:] == ["WATCHDOG=1", "WATCHDOG=1"]
        status = json.loads((tmp_path / "state" / "status.json").read_text(encoding="utf-8"))
        assert status["running"] is True and status["restarts"] == 0 and status["previous_end"] == "first start"
        assert status["content_warnings"] >= 1  # the sample's demo PIN
        running = metrics(prom)  # written right after READY, at KIOSK_METRICS_FILE
        assert running["kiosk_up"] == 1 and running["kiosk_ready"] == 1 and running["kiosk_watchdog_enabled"] == 1
        assert running["kiosk_content_problems,severity=warning"] >= 1 and running["kiosk_cards_shown,language=en"] >= 1
        assert running["kiosk_process_resident_memory_bytes"] > 30e6
        kiosk.process.send_signal(signal.SIGTERM)
        kiosk.process.communicate(timeout=15)
        sock.settimeout(0)
        rest = []
        while True:
            try:
                rest.append(sock.recv(4096).decode())
            except BlockingIOError:
                break
        assert rest[-1] == "STOPPING=1"
        status = json.loads((tmp_path / "state" / "status.json").read_text(encoding="utf-8"))
        assert status["running"] is False
        stopped = metrics(prom)
        assert stopped["kiosk_up"] == 0 and stopped["kiosk_watchdog_pings_total"] >= 2
        assert stopped[f"kiosk_content_info,commit=,digest={content_digest(content)}"] == 1
    finally:
        kiosk.stop()
        sock.close()


def test_a_journal_that_stops_reading_stderr_never_holds_the_screen(tmp_path, content):
    """systemd's journal reads the kiosk's stderr through a pipe; a journal that stops reading fills the
    pipe (64 KB) and a write then waits. 600 broken cards log a line each at start-up, far past that."""
    from helpers.processes import Notifications

    for number in range(600):
        (content / "en" / f"{900 + number}-broken.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    notifications = Notifications(tmp_path / "notify")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_STATE_DIR": str(tmp_path / "state"),
           "KIOSK_LOG_DIR": str(tmp_path / "log"), "NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": "200000"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed", "--content", str(content)], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # the pipe is never read
    try:
        notifications.wait_for("READY=1", started, 60)
        pings = notifications.count("WATCHDOG=1", 2.0)
        assert pings >= 10, f"{pings} watchdog pings in 2 s (20 expected): the screen's thread is held"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()
        notifications.close()
    log = (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert "stopping on SIGTERM" in log and "kiosk stopped" in log  # the file was written all along
