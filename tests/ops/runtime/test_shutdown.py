"""quit_on_signals: SIGTERM and SIGINT end a kiosk that sits idle in Qt's event loop, and undo puts things back."""

from __future__ import annotations

import logging
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from PySide6.QtCore import QObject

from kiosk.ops.runtime.shutdown import quit_on_signals

needs_posix_signals = pytest.mark.skipif(sys.platform == "win32", reason="Windows cannot send SIGTERM/SIGINT to another process")

KIOSK_STUB = """\
import logging, os, signal, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kiosk.ops.runtime.shutdown import quit_on_signals

logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
app = QApplication(sys.argv[:1])
undo = quit_on_signals(app)
if sys.argv[1] == "locked-down":
    from PySide6.QtWidgets import QWidget
    from kiosk.ops.runtime.lockdown import Lockdown
    window = QWidget()
    window.show()
    Lockdown(window).engage()  # refuses close requests, which Qt 6's quit() would send
if sys.argv[1] == "signal-before-exec":
    os.kill(os.getpid(), signal.SIGTERM)
    print("ready", flush=True)
else:
    # Said from inside the event loop, so the test's signal surely finds Qt waiting in C++.
    QTimer.singleShot(0, lambda: print("ready", flush=True))
code = app.exec()
undo()
print("clean exit", flush=True)
sys.exit(code)
"""


def start_kiosk_stub(tmp_path: Path, mode: str) -> subprocess.Popen[bytes]:
    script = tmp_path / "kiosk_stub.py"
    script.write_text(KIOSK_STUB, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), mode], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def wait_for_ready(process: subprocess.Popen[bytes]) -> bytes:
    """Read stdout up to "ready"; returns what came after it (communicate() would not see it again)."""
    seen = b""
    while b"ready\n" not in seen:
        readable, _, _ = select.select([process.stdout], [], [], 10)
        assert readable, f"the stub kiosk did not say ready within 10 s; stdout so far: {seen!r}"
        chunk = os.read(process.stdout.fileno(), 1024)
        assert chunk, f"the stub kiosk ended before it was ready; stderr: {process.stderr.read()!r}"
        seen += chunk
    return seen.split(b"ready\n", 1)[1]


def finish(process: subprocess.Popen[bytes], early_out: bytes) -> tuple[str, str]:
    try:
        out, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate(timeout=10)
        pytest.fail(f"the kiosk did not stop within 10 s; stdout: {out!r}; stderr: {err!r}")
    return (early_out + out).decode(), err.decode()


@needs_posix_signals
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_ends_an_idle_event_loop_cleanly(tmp_path, number):
    with start_kiosk_stub(tmp_path, "idle") as process:
        early_out = wait_for_ready(process)
        process.send_signal(number)
        out, err = finish(process, early_out)
    assert process.returncode == 0, err
    assert out == "clean exit\n"
    assert f"kiosk: stopping on {number.name}" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


@needs_posix_signals
def test_sigterm_ends_a_locked_down_kiosk(tmp_path):
    with start_kiosk_stub(tmp_path, "locked-down") as process:
        early_out = wait_for_ready(process)
        process.send_signal(signal.SIGTERM)
        out, err = finish(process, early_out)
    assert process.returncode == 0, err
    assert out == "clean exit\n"


@needs_posix_signals
def test_signal_before_the_event_loop_starts_still_ends_it(tmp_path):
    with start_kiosk_stub(tmp_path, "signal-before-exec") as process:
        out, err = finish(process, wait_for_ready(process))
    assert process.returncode == 0, err
    assert out == "clean exit\n"
    assert "kiosk: stopping on SIGTERM" in err


def current_wakeup_fd() -> int:
    fd = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(fd)
    return fd


class FakeApp(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.quits = 0

    def exit(self, code: int = 0) -> None:
        self.quits += 1
        self.code = code


@pytest.fixture
def saved_signals():
    saved = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    wakeup_fd = current_wakeup_fd()
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)
    signal.set_wakeup_fd(wakeup_fd)


def test_undo_restores_the_previous_handlers_and_wakeup_fd(qapp, saved_signals):
    def previous_term(number, frame):
        pass

    def previous_int(number, frame):
        pass

    signal.signal(signal.SIGTERM, previous_term)
    signal.signal(signal.SIGINT, previous_int)
    wakeup_fd = current_wakeup_fd()
    app = FakeApp()
    undo = quit_on_signals(app)
    assert signal.getsignal(signal.SIGTERM) is not previous_term
    assert signal.getsignal(signal.SIGINT) is not previous_int
    assert current_wakeup_fd() not in (wakeup_fd, -1)
    undo()
    assert signal.getsignal(signal.SIGTERM) is previous_term
    assert signal.getsignal(signal.SIGINT) is previous_int
    assert current_wakeup_fd() == wakeup_fd
    undo()
    assert signal.getsignal(signal.SIGTERM) is previous_term


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_logs_and_quits_through_the_event_loop(qapp, qtbot, caplog, saved_signals, number):
    app = FakeApp()
    undo = quit_on_signals(app)
    try:
        with caplog.at_level(logging.INFO, logger="kiosk"):
            signal.raise_signal(number)
            assert app.quits == 0, "quit must wait for the event loop"
            qtbot.waitUntil(lambda: app.quits == 1, timeout=5000)
    finally:
        undo()
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [("kiosk", "INFO", f"stopping on {number.name}")]


def test_signals_that_cannot_be_handled_are_skipped(qapp, saved_signals):
    before = signal.getsignal(signal.SIGTERM)
    undo = quit_on_signals(FakeApp(), (getattr(signal, "SIGKILL", signal.NSIG + 1), signal.NSIG + 10))
    undo()
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")
def test_sighup_calls_the_reload_from_the_event_loop_and_does_not_quit(qapp, qtbot, caplog, saved_signals):
    saved_hup = signal.getsignal(signal.SIGHUP)
    app = FakeApp()
    reloads: list[int] = []
    undo = quit_on_signals(app, on_hangup=lambda: reloads.append(1))
    try:
        with caplog.at_level(logging.INFO, logger="kiosk"):
            signal.raise_signal(signal.SIGHUP)
            assert reloads == [], "the reload must wait for the event loop"
            qtbot.waitUntil(lambda: reloads == [1], timeout=5000)
    finally:
        undo()
    assert app.quits == 0
    assert signal.getsignal(signal.SIGHUP) == saved_hup
    assert [r.getMessage() for r in caplog.records] == ["SIGHUP: reloading content and settings"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="real-time signals are Linux")
def test_every_catchable_ending_signal_is_handled_and_named(qapp, qtbot, caplog, saved_signals):
    from kiosk.ops.runtime.shutdown import ENDING_SIGNALS, signal_name

    assert {signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2,
            signal.SIGALRM, signal.SIGRTMIN, signal.SIGRTMAX} <= set(ENDING_SIGNALS)
    assert signal_name(signal.SIGRTMIN + 3) == "SIGRTMIN+3"
    saved = {number: signal.getsignal(number) for number in ENDING_SIGNALS}
    app = FakeApp()
    undo = quit_on_signals(app)
    try:
        with caplog.at_level(logging.INFO, logger="kiosk"):
            signal.raise_signal(signal.SIGRTMIN + 3)
            qtbot.waitUntil(lambda: app.quits == 1, timeout=5000)
    finally:
        undo()
    assert [r.getMessage() for r in caplog.records] == ["stopping on SIGRTMIN+3"]
    assert {number: signal.getsignal(number) for number in ENDING_SIGNALS} == saved
