"""InstanceLock: one holder per display, a clear refusal naming the holder, and no stale lock after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from conftest import REPO

from kiosk.ops.runtime.single_instance import AlreadyRunning, InstanceLock, display_key


@pytest.mark.parametrize(
    ("env", "platform", "key"),
    [
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", "wayland-0"),
        ({"WAYLAND_DISPLAY": "/run/user/1000/wayland-1"}, "linux", "wayland-1"),
        ({"DISPLAY": ":0"}, "linux", "x11-0"),
        ({"DISPLAY": ":0.1"}, "linux", "x11-0"),
        ({"DISPLAY": "localhost:10.0"}, "linux", "x11-10"),
        ({}, "linux", "console"),
        ({"SESSIONNAME": "Console"}, "win32", "windows-Console"),
        ({"SESSIONNAME": "RDP-Tcp#3"}, "win32", "windows-RDP-Tcp_3"),
    ],
)
def test_display_key_names_the_screen(env, platform, key):
    assert display_key(env, platform) == key


def test_second_holder_is_refused_with_the_first_ones_pid(tmp_path):
    first = InstanceLock(tmp_path / "state", "x11-0")
    first.acquire()
    try:
        with pytest.raises(AlreadyRunning) as refused:
            InstanceLock(tmp_path / "state", "x11-0").acquire()
        message = str(refused.value)
        assert "another kiosk is already running on this display (x11-0)" in message
        assert f"pid {os.getpid()}" in message and "not starting a second one" in message
        # Another display is another kiosk.
        other = InstanceLock(tmp_path / "state", "x11-1")
        other.acquire()
        other.release()
    finally:
        first.release()
    again = InstanceLock(tmp_path / "state", "x11-0")
    again.acquire()
    assert again.held
    again.release()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lock_of_a_killed_kiosk_never_blocks_a_restart(tmp_path):
    holder = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from kiosk.ops.runtime.single_instance import InstanceLock
        lock = InstanceLock(Path({str(tmp_path)!r}), "wayland-0")
        lock.acquire()
        print("held", flush=True)
        time.sleep(60)
    """)
    with subprocess.Popen([sys.executable, "-c", holder], cwd=REPO, stdout=subprocess.PIPE) as process:
        assert process.stdout.readline() == b"held\n"
        with pytest.raises(AlreadyRunning, match=f"pid {process.pid}"):
            InstanceLock(tmp_path, "wayland-0").acquire()
        process.send_signal(signal.SIGKILL)  # a crash: nothing is cleaned up
        process.wait(10)
    lock_file = tmp_path / "instance-wayland-0.lock"
    assert f"pid {process.pid}" in lock_file.read_text(), "the stale file is still there"
    restarted = InstanceLock(tmp_path, "wayland-0")
    restarted.acquire()
    assert f"pid {os.getpid()}" in lock_file.read_text()
    restarted.release()


def test_a_deleted_state_folder_is_made_again_and_the_lock_taken_again(tmp_path, caplog):
    import logging
    import shutil

    state = tmp_path / "state"
    first = InstanceLock(state, "x11-0")
    first.acquire()
    try:
        assert first.keep(), "nothing changed: nothing to do"
        shutil.rmtree(state)  # someone cleaning up, while the kiosk runs
        with caplog.at_level(logging.ERROR):
            assert first.keep()
        assert sum("vanished while the kiosk ran" in r.getMessage() for r in caplog.records) == 1
        assert f"pid {os.getpid()}" in (state / "instance-x11-0.lock").read_text()
        with pytest.raises(AlreadyRunning):
            InstanceLock(state, "x11-0").acquire()  # a second kiosk on this display is refused again
    finally:
        first.release()
