"""Fresh processes timed from the outside: CPU time read from /proc at the moment something happens.

Budgets assert on CPU time, which another job on the machine barely changes, rather than on wall
time, which doubles when the machine is busy. A process's CPU time is read from /proc/PID/stat
(every thread, user and system) the moment it prints a line or sends a message, while it is still
alive; wall time is kept beside it for the printed table.
"""

from __future__ import annotations

import os
import select
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from helpers.fake_speechd import FakeSpeechd

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (all its threads; not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15 of stat)


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size (VmRSS) of `pid`, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for {pid}")


@dataclass(frozen=True)
class Moment:
    wall_s: float  # since the process was started
    cpu_s: float  # the process's CPU time then


def until_line(command: Sequence[str], env: Mapping[str, str], wanted: Callable[[str], bool], *, cwd: Path,
               timeout_s: float = 120.0) -> Moment:
    """Start `command`, wait for a stdout line `wanted` accepts, read the CPU time, then let it finish."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=dict(env), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        while True:
            ready, _, _ = select.select([process.stdout], [], [], max(0.0, timeout_s - (time.perf_counter() - start)))
            assert ready, f"no such line within {timeout_s} s from {' '.join(command)}"
            line = process.stdout.readline()
            assert line, f"{' '.join(command)} ended first: {process.communicate()[1][-2000:]}"
            if wanted(line.strip()):
                moment = Moment(time.perf_counter() - start, cpu_s(process.pid))
                break
        _, err = process.communicate(timeout=timeout_s)
        assert process.returncode == 0, f"{' '.join(command)} failed ({process.returncode}): {err[-2000:]}"
        return moment
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def with_speechd(env: Mapping[str, str], daemon: FakeSpeechd) -> dict[str, str]:
    """`env` for a kiosk whose speech engine is speech-dispatcher, played by `daemon`."""
    return {**env, "KIOSK_SPEECH_ENGINE": "speechd", "SPEECHD_ADDRESS": daemon.address}


class Notifications:
    """systemd's notify socket, played by the test: READY=1 and the watchdog's pings, with their times."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))

    def wait_for(self, message: str, started: float, timeout_s: float) -> float:
        """Seconds from `started` until `message` arrived."""
        deadline = time.perf_counter() + timeout_s
        while (left := deadline - time.perf_counter()) > 0:
            self.sock.settimeout(left)
            try:
                if self.sock.recv(4096).decode().startswith(message):
                    return time.perf_counter() - started
            except TimeoutError:
                break
        raise AssertionError(f"no {message!r} within {timeout_s} s")

    def count(self, message: str, seconds: float) -> int:
        """How many `message`s arrive in the next `seconds` (those already waiting are dropped first)."""
        self.sock.setblocking(False)
        try:
            while self.sock.recv(4096):
                pass
        except BlockingIOError:
            pass
        found, deadline = 0, time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            self.sock.settimeout(left)
            try:
                found += self.sock.recv(4096).decode() == message
            except TimeoutError:
                break
        return found

    def close(self) -> None:
        self.sock.close()
