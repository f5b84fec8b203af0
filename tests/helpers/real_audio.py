"""A real speech stack on a machine without a sound card, to hear when Listen's first sound starts.

PulseAudio with a null sink (no sound card needed) and speech-dispatcher with espeak-ng, each on a
private socket in a folder of its own; the null sink's monitor is read by `parec` on a thread that
notes when samples louder than silence arrive. Nothing of the machine's own audio is touched, and
everything started here is stopped by close(). Used by tests/perf/test_listen.py.
"""

from __future__ import annotations

import array
import glob
import shutil
import subprocess
import threading
import time
from pathlib import Path

# The Debian packages this needs: the list .ci/run installs before the budgets.
PACKAGE_LIST = Path(__file__).resolve().parents[2] / "scripts" / "perf-packages.txt"
_TOOLS = {"speech-dispatcher": "speech-dispatcher", "espeak-ng": "espeak-ng", "pulseaudio": "pulseaudio", "parec": "pulseaudio-utils"}
_ESPEAK_MODULES = ("/usr/lib/speech-dispatcher-modules/sd_espeak-ng", "/usr/lib/*/speech-dispatcher-modules/sd_espeak-ng")
RATE = 22050
LOUD = 300  # |sample| above this is sound: espeak-ng speaks at several thousand, the null sink's silence is 0


def missing_packages() -> list[str]:
    """The packages of PACKAGE_LIST whose programs are not on this machine."""
    missing = {package for tool, package in _TOOLS.items() if shutil.which(tool) is None}
    if not any(glob.glob(pattern) for pattern in _ESPEAK_MODULES):
        missing.add("speech-dispatcher-espeak-ng")
    return sorted(missing)


class RealAudio:
    """start() the sound server, the speech daemon and the monitor; `env` is what a client needs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pulse_socket, self.speechd_socket = folder / "pulse.sock", folder / "speechd.sock"
        self.env = {"XDG_RUNTIME_DIR": str(folder), "PULSE_SERVER": f"unix:{self.pulse_socket}",
                    "SPEECHD_ADDRESS": f"unix_socket:{self.speechd_socket}"}
        self.processes: list[subprocess.Popen] = []
        self._reader: threading.Thread | None = None
        self._loud_at: list[float] = []
        self._lock = threading.Lock()

    def start_pulseaudio(self, base_env: dict[str, str]) -> subprocess.Popen:
        pulse = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--load=module-null-sink sink_name=kiosk",
             f"--load=module-native-protocol-unix socket={self.pulse_socket} auth-anonymous=1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**base_env, **self.env})
        self.processes.append(pulse)
        return pulse

    def start_speechd(self, base_env: dict[str, str]) -> subprocess.Popen:
        """speech-dispatcher on its private socket, never exiting by itself (-t 0), its logs in the folder."""
        speechd = subprocess.Popen(
            ["speech-dispatcher", "-s", "-t", "0", "-c", "unix_socket", "-S", str(self.speechd_socket), "-L", str(self.folder),
             "-P", str(self.folder / "speechd.pid")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**base_env, **self.env})
        self.processes.append(speechd)
        return speechd

    def start_monitor(self, base_env: dict[str, str]) -> None:
        """parec on the null sink's monitor (10 ms latency asked), read on a thread of its own."""
        parec = subprocess.Popen(
            ["parec", "-d", "kiosk.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1", "--latency-msec=10"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**base_env, **self.env})
        self.processes.append(parec)
        self._reader = threading.Thread(target=self._read, args=(parec,), daemon=True)
        self._reader.start()

    def _read(self, parec: subprocess.Popen) -> None:
        assert parec.stdout is not None
        while chunk := parec.stdout.read1(2048):  # what has arrived, at most 2048 bytes: a sound is seen as it comes
            now = time.perf_counter()
            samples = array.array("h", chunk[: len(chunk) // 2 * 2])
            if samples and max(abs(value) for value in samples) > LOUD:
                with self._lock:
                    self._loud_at.append(now)

    def first_sound_after(self, moment: float) -> float | None:
        """When the first loud samples at or after `moment` (time.perf_counter()) arrived, if any have."""
        with self._lock:
            return next((heard for heard in self._loud_at if heard >= moment), None)

    def quiet_for(self, seconds: float) -> bool:
        """No loud samples for the last `seconds`."""
        with self._lock:
            last = self._loud_at[-1] if self._loud_at else 0.0
        return time.perf_counter() - last >= seconds

    def close(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self._reader is not None:
            self._reader.join(5)  # parec has ended: its output ends too
        for process in self.processes:
            if process.stdout is not None:
                process.stdout.close()
