"""Starts the kiosk for real: one per display, the Qt application, logging, signals, lockdown, live reload."""

from __future__ import annotations

import faulthandler
import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from kiosk.runtime.qt_app import gui_app
from kiosk.ui.theme import Metrics

if TYPE_CHECKING:
    from kiosk.app import KioskApp
    from kiosk.ops.runtime.display_power import ScreenAwake
    from kiosk.ops.runtime.watchdog import Watchdog
    from kiosk.ops.wiring import Monitoring
    from kiosk.usage.runtime import UsageStore
    from kiosk.ops.runtime.screen_schedule import ScreenSchedule
    from kiosk.ops.runtime.single_instance import InstanceLock
    from kiosk.ops.runtime.status_file import StatusFile

log = logging.getLogger("kiosk")
WINDOWED_SIZE = (1280, 800)
EXIT_ALREADY_RUNNING = 3
LOCK_CHECK_MS = 5000  # how often the one-kiosk lock file is checked still to be there
EXIT_WRITE_S = 1.0  # at exit, how long a parse cache write in progress may take (SIGTERM must end the kiosk within 5 s)
EXIT_LOG_S = 1.0  # at exit, how long the last log lines may take to reach the journal and the log file


def launch(root: Path, *, windowed: bool) -> int:
    from kiosk.core.state import state_dir
    from kiosk.ops.runtime.single_instance import AlreadyRunning, InstanceLock, display_key

    # Before anything else, the log included: a second kiosk must leave the first one's log alone.
    lock = InstanceLock(state_dir(), display_key())
    try:
        lock.acquire()
    except AlreadyRunning as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_ALREADY_RUNNING
    except OSError as exc:
        # A kiosk that cannot write its state folder still runs: a blank screen would be worse.
        print(f"kiosk: cannot take the one-kiosk-per-display lock {lock.path} ({exc}); starting anyway", file=sys.stderr)
    try:
        return _run(root, windowed=windowed, lock=lock)
    finally:
        lock.release()


def _status_file(kiosk: KioskApp) -> StatusFile:
    """status.json in the state folder, kept current for fleet monitoring."""
    from kiosk import __version__
    from kiosk.core.state import state_dir
    from kiosk.ops.runtime.status_file import StatusFile

    def facts() -> tuple[int, int, str]:
        problems = kiosk.state.problems if kiosk.state is not None else ()
        errors = sum(problem.is_error for problem in problems)
        return errors, len(problems) - errors, kiosk.last_reload

    status = StatusFile(state_dir(), __version__, facts, parent=kiosk)
    kiosk.reloaded.connect(status.write)
    status.start()
    return status


def _monitoring(
    kiosk: KioskApp, root: Path, status: StatusFile, watchdog: Watchdog, awake: ScreenAwake | None,
    schedule: ScreenSchedule | None, usage: UsageStore,
) -> Monitoring:
    """kiosk.prom for node_exporter's textfile collector (or Zabbix): each minute and after each change."""
    from kiosk import __version__
    from kiosk.ops.core.metrics_path import metrics_path
    from kiosk.ops.wiring import Monitoring

    listening = kiosk.listening
    monitoring = Monitoring(
        kiosk, root, metrics_path(), version=__version__, history=status.history, watchdog=watchdog, awake=awake,
        schedule=schedule, speech_available=lambda language: listening is not None and listening.speaker.available(language),
        parent=kiosk,
    )
    usage.visit_finished.connect(monitoring.on_visit)
    if listening is not None:
        listening.speaker.availability_changed.connect(monitoring.changed)
    log.info("metrics file %s", monitoring.file.path)
    return monitoring


def _screen_schedule(kiosk: KioskApp) -> ScreenSchedule:
    """[display] off/on from kiosk.toml, followed on every reload; built after the kiosk so its filter sees input first."""
    from kiosk.ops.runtime.display_power import DisplayPower
    from kiosk.ops.runtime.screen_schedule import ScreenSchedule

    schedule = ScreenSchedule(DisplayPower(), parent=kiosk)

    def follow() -> None:
        if kiosk.state is not None:
            schedule.set_hours(kiosk.state.config.display.off, kiosk.state.config.display.on)

    kiosk.reloaded.connect(follow)
    follow()
    return schedule


def _run(root: Path, *, windowed: bool, lock: InstanceLock) -> int:
    from kiosk.core.state import state_dir
    from kiosk.runtime.logs import flush_logging, install_excepthook, setup_logging

    log_file = setup_logging()
    install_excepthook()  # an exception in a slot is logged and the kiosk goes on
    if sys.stderr is not None and hasattr(sys.stderr, "fileno"):
        # A crash in C++ (SIGSEGV, SIGABRT) cannot be logged by Python code; faulthandler writes the
        # signal and the Python traceback to stderr, which is the journal under systemd.
        faulthandler.enable(sys.stderr)
    from kiosk.app import KioskApp
    from kiosk.ops.runtime.display_power import ScreenAwake
    from kiosk.ops.runtime.lockdown import Lockdown
    from kiosk.ops.runtime.shutdown import quit_on_signals

    app = gui_app()
    app.setApplicationName("kiosk")
    kiosk: KioskApp | None = None

    asked: list[int] = []  # the store's reads begun when SIGHUP came; READY again once a later one is on screen

    def on_hangup() -> None:
        if kiosk is None:
            return  # still starting: the content being loaded now is the fresh one
        # Read on the loader's thread: a content folder that does not answer must not hold the screen
        # (nor the watchdog's pings, which come from this thread) until it does.
        watchdog.reloading()
        asked[:] = [kiosk.store.generation]
        kiosk.loader.request()

    def after_hangup() -> None:
        if kiosk is None or not asked or kiosk.state.generation <= asked[0]:
            return
        asked.clear()
        errors = sum(problem.is_error for problem in kiosk.state.problems)
        log.info("reloaded on SIGHUP: %d problems (%d errors) in %s", len(kiosk.state.problems), errors, root)
        watchdog.ready("content reloaded")

    from kiosk.ops.runtime.watchdog import Watchdog

    watchdog = Watchdog(parent=app)
    undo_signals = quit_on_signals(app, on_hangup=on_hangup)
    log.info("logging to %s", log_file or "stderr only")
    if windowed:
        width, height = WINDOWED_SIZE
    else:
        geometry = app.primaryScreen().geometry()
        width, height = geometry.width(), geometry.height()
    from kiosk.usage.core.db import default_db_path
    from kiosk.usage.runtime import UsageStore

    usage = UsageStore(default_db_path(state_dir()))
    from kiosk.core.parse_cache import CACHE_FILE
    from kiosk.runtime.input_router import routing_held

    with routing_held():  # the screens are built before the router watches every event (kiosk/runtime/input_router.py)
        kiosk = KioskApp(root, Metrics.for_size(width, height), watch=True, usage=usage, state_dir=state_dir(),
                         parse_cache=state_dir() / CACHE_FILE)
    kiosk.reloaded.connect(after_hangup)
    log.info("kiosk started with content from %s", root.absolute())
    status = _status_file(kiosk)
    keep_lock = QTimer(kiosk, interval=LOCK_CHECK_MS)  # a deleted state folder must not let a second kiosk start
    keep_lock.timeout.connect(lock.keep)
    keep_lock.start()
    log.info("status file %s (started %d times before; the last run ended with: %s)",
             status.path, status.history.restarts, status.history.previous_end)
    lockdown = Lockdown(kiosk.window, show_cursor=kiosk.state.config.kiosk.show_cursor)

    def staff_exit() -> None:
        log.info("staff exit")
        lockdown.release()
        app.quit()

    kiosk.exit_requested.connect(staff_exit)
    if windowed:
        kiosk.window.resize(width, height)
        kiosk.window.show()
    else:
        kiosk.window.show()
        lockdown.engage()
    kiosk.window.setFocus()  # keys go to the kiosk; Tab starts at the first control
    if kiosk.listening is not None:
        kiosk.listening.start_after_first_frame()  # the speech helper: warm before the first tap, never before the first frame
    awake = ScreenAwake()
    schedule = None
    if not windowed:
        # Only in kiosk mode: on X11 the blanking settings are not restored, which a developer's
        # desktop would not want. Called on the GUI thread, as Windows requires.
        log.info("screen: %s", awake.inhibit())
        schedule = _screen_schedule(kiosk)
    monitoring = _monitoring(kiosk, root, status, watchdog, None if windowed else awake, schedule, usage)
    # From inside the event loop: READY once the window is up, then pings only while the loop turns;
    # then the first metrics (the library loads there, after the first frame).
    QTimer.singleShot(0, app, watchdog.ready)
    QTimer.singleShot(0, app, monitoring.start)
    QTimer.singleShot(0, app, gc.enable)  # start-up is over: the cycle collector kiosk.cli paused runs again
    log.info("%s", watchdog.describe())
    code = 1
    try:
        code = app.exec()
        return code
    finally:
        watchdog.stopping()
        status.stopped()
        monitoring.stopped()
        if schedule is not None:
            schedule.stop()  # never leave the display dark behind a stopped kiosk
        usage.stop()  # the visit in progress is counted too
        kiosk.store.finish_writing(EXIT_WRITE_S)
        awake.release()
        undo_signals()
        log.info("kiosk stopped")
        if not flush_logging(EXIT_LOG_S):
            # The journal stopped reading stderr or the log's disk stopped answering: Python's own
            # logging.shutdown would wait on them for ever, so the kiosk ends here, its state written.
            os._exit(code)
