"""Helpers shared by the bench scripts: process figures, verdicts, a private content copy, Xvfb, a null sink, the kiosk.

Nothing here is kiosk code; it only builds the real KioskApp the way the launcher and the tests do.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO / "content"
TESTS = REPO / "tests"
PYTHON = sys.executable


# --- process figures -----------------------------------------------------------------------------


def rss_mb() -> float:
    """Resident set size of this process (VmRSS from /proc/self/status), in MiB (reported as MB)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def cpu_s() -> float:
    """CPU time (user + system, all threads) this process has used, in seconds."""
    return time.process_time()


def median(values) -> float:
    return statistics.median(values)


def verdict(value: float, target: float, *, higher_is_better: bool = False, unit: str = "") -> str:
    """'OK' or 'MISSED by X' (X in the figure's unit and as a percentage of the target)."""
    ok = value >= target if higher_is_better else value <= target
    if ok:
        return "OK"
    gap = (target - value) if higher_is_better else (value - target)
    pct = f" ({gap / target * 100:.0f}%)" if target else ""
    return f"MISSED by {gap:.3g}{unit}{pct}"


def figure(label: str, value: float, unit: str, target: float, *, higher_is_better: bool = False, fmt: str = ".1f") -> str:
    sign = ">=" if higher_is_better else "<="
    line = f"{label:<52} {value:{fmt}} {unit:<6} target {sign} {target:g} {unit:<6} {verdict(value, target, higher_is_better=higher_is_better, unit=' ' + unit if unit else '')}"
    print(line, flush=True)
    return line


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        import PySide6

        qt = f"PySide6 {PySide6.__version__}"
    except ImportError:
        qt = "PySide6 ?"
    return f"nproc={os.cpu_count()}, CPU={model}, RAM={mem}, Python {platform.python_version()}, {qt}"


def load() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average ?"


def header(title: str) -> None:
    print(f"== {title} ==", flush=True)
    print(f"machine: {machine()}; {load()} at start (other jobs on this machine skew wall times)", flush=True)


# --- content -------------------------------------------------------------------------------------


def private_content(prefix: str = "kiosk-bench-") -> tuple[tempfile.TemporaryDirectory, Path]:
    """A throwaway copy of the sample content/ that the bench may edit freely: its topics' cards as
    one deck (content/en/*.md, content/es/*.md), as the tests' SAMPLE_CONTENT, so a script pages
    through every card without choosing a topic first."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    root = Path(tmp.name) / "content"
    shutil.copytree(SAMPLE_CONTENT, root, ignore=shutil.ignore_patterns("topics"))
    for topic in sorted(path for path in (SAMPLE_CONTENT / "topics").iterdir() if path.is_dir()):
        for deck in sorted(path for path in topic.iterdir() if path.is_dir()):
            (root / deck.name).mkdir(exist_ok=True)
            for card in deck.glob("*.md"):
                shutil.copy2(card, root / deck.name / card.name)
    return tmp, root


# --- display -------------------------------------------------------------------------------------


def start_xvfb(display: str = ":97", screen: str = "1920x1080x24") -> subprocess.Popen:
    """Start `Xvfb DISPLAY -screen 0 SCREEN` and point Qt at it (QT_QPA_PLATFORM=xcb)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit("Xvfb is not installed: apt-get install -y xvfb")
    lock = Path(f"/tmp/.X{display.lstrip(':')}-lock")
    if lock.exists():
        try:
            pid = int(lock.read_text().strip())
            os.kill(pid, 0)
            sys.exit(f"display {display} is already in use (pid {pid}); pick another with --display")
        except (ValueError, ProcessLookupError, PermissionError):
            lock.unlink(missing_ok=True)
    proc = subprocess.Popen([xvfb, display, "-screen", "0", screen, "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{display.lstrip(':')}")
    deadline = time.monotonic() + 10
    while not socket.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"Xvfb {display} did not start")
        time.sleep(0.05)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return proc


def stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


def use_offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_IGNORED_QT_MESSAGES = ("does not support propagateSizeHints",)
_handler = None


def quiet_qt_logs() -> None:
    """Drop the offscreen plugin's "does not support propagateSizeHints" line (printed on every show)."""
    global _handler
    from PySide6.QtCore import qInstallMessageHandler

    def handler(kind, context, message: str) -> None:
        if not any(text in message for text in _IGNORED_QT_MESSAGES):
            print(message, file=sys.stderr)

    _handler = handler
    qInstallMessageHandler(handler)


# --- the kiosk -----------------------------------------------------------------------------------


def make_kiosk(root: Path, size: tuple[int, int] = (1920, 1080), *, watch: bool = False, show: bool = True, usage=None, **timing):
    """The real KioskApp on `root`, its window at `size` and shown, first frame painted (`usage`: a UsageStore)."""
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskApp
    from kiosk.core.tuning import Timing
    from kiosk.ui.theme import Metrics

    app = QApplication.instance() or QApplication([sys.argv[0]])
    kiosk = KioskApp(root, Metrics.for_size(*size), timing=Timing(**timing), watch=watch, usage=usage)
    if show:
        kiosk.window.resize(*size)
        kiosk.window.move(0, 0)
        kiosk.window.show()
        app.processEvents()
        kiosk.window.repaint()  # the first frame, synchronously
        app.processEvents()
    return app, kiosk


def drain_deferred_deletes() -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def gestures():
    """tests/helpers/gestures.py: mouse events through QApplication.sendEvent, touches through QTest.touchEvent."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    from helpers import gestures as module

    return module


def start_real_audio(folder: Path):
    """PulseAudio with a null sink and speech-dispatcher on private sockets in `folder`, as
    tests/perf/test_listen.py has them (tests/helpers/real_audio.py), so speech-dispatcher really speaks
    on a machine without a sound card; this process's environment points the kiosk at them. The
    RealAudio to close() at the end, or None (said why) when the packages are missing."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    from helpers import real_audio

    missing = real_audio.missing_packages()
    if missing:
        print(f"no null sink of its own: {', '.join(missing)} missing (xargs -a {real_audio.PACKAGE_LIST} apt-get install -y); "
              "Listen uses the machine's own speech and audio", flush=True)
        return None
    audio = real_audio.RealAudio(folder)
    for name, start, socket in (("pulseaudio", audio.start_pulseaudio, audio.pulse_socket),
                                ("speech-dispatcher", audio.start_speechd, audio.speechd_socket)):
        process = start(dict(os.environ))
        deadline = time.monotonic() + 10
        while not socket.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                audio.close()
                sys.exit(f"{name} did not start (its log: {folder})")
            time.sleep(0.05)
    os.environ.update(audio.env)
    os.environ["KIOSK_SPEECH_ENGINE"] = "speechd"
    return audio


def count_frames(window):
    """Install a filter on `window` that counts its UpdateRequest events (one per frame painted);
    read the figure from the returned object's `count`."""
    from PySide6.QtCore import QEvent, QObject

    class Frames(QObject):
        count = 0

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.UpdateRequest:
                self.count += 1
            return False

    frames = Frames(window)
    window.installEventFilter(frames)
    return frames
