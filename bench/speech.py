"""Listen through the real engine: time from a tap on Listen to the first sound, on a Spanish card.

    .venv/bin/python bench/speech.py                 # 8 taps on the Spanish risks card
    .venv/bin/python bench/speech.py --taps 20 --screen 3

Needs speech-dispatcher, espeak-ng, pulseaudio and parec (Debian: apt-get install -y
--no-install-recommends speech-dispatcher speech-dispatcher-espeak-ng espeak-ng pulseaudio
pulseaudio-utils). The script starts its own PulseAudio with a null sink (no sound card needed) and
its own speech-dispatcher on a private socket, and stops both at the end; nothing on the machine's
own audio is touched.

Per tap, through real touch input on the Listen button of the real KioskApp:
  - engine start: the tap -> speech-dispatcher reporting it has begun the first sentence (the
    engine's progress report that moves the highlight);
  - first audio: the tap -> the first samples louder than silence arriving from the null sink's
    monitor (parec, 10 ms latency asked): what a patient would hear.
Target for first audio: <= 300 ms. Between taps the reading is stopped with the Stop button.
Then the same for a staff recording: the card gets `audio:` with a WAV that espeak-ng records of
the card's first sentences, played by the kiosk's own player (QAudioSink) instead of the voice.
"""

from __future__ import annotations

import argparse
import array
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c

TARGET_MS = 300
RATE = 22050
LOUD = 300  # |sample| above this is sound (espeak-ng speaks at several thousand; silence is 0)
PACKAGES = {"speech-dispatcher": "speech-dispatcher", "pulseaudio": "pulseaudio", "parec": "pulseaudio-utils", "espeak-ng": "espeak-ng"}


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--taps", type=int, default=8)
    p.add_argument("--screen", type=int, default=6, help="screen of the Spanish deck to read (default: the risks card)")
    return p.parse_args()


class Sound:
    """The null sink's monitor, read in a thread; remembers when loud samples arrived."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            ["parec", "-d", "bench.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1", "--latency-msec=10"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )
        self.loud_at: list[float] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := self.proc.stdout.read1(2048) if hasattr(self.proc.stdout, "read1") else self.proc.stdout.read(2048):
            now = time.perf_counter()
            samples = array.array("h", chunk[: len(chunk) // 2 * 2])
            if samples and max(abs(value) for value in samples) > LOUD:
                self.loud_at.append(now)

    def first_after(self, start: float) -> float | None:
        return next((t for t in self.loud_at if t >= start), None)


def start_audio(run: Path) -> tuple[list[subprocess.Popen], dict[str, str]]:
    pulse_socket, speechd_socket = run / "pulse.sock", run / "speechd.sock"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(run), "PULSE_SERVER": f"unix:{pulse_socket}"}
    pulse = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
         "--load=module-null-sink sink_name=bench", f"--load=module-native-protocol-unix socket={pulse_socket} auth-anonymous=1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    wait_for(pulse_socket, pulse, "pulseaudio")
    speechd = subprocess.Popen(
        ["speech-dispatcher", "-s", "-t", "0", "-c", "unix_socket", "-S", str(speechd_socket), "-L", str(run), "-P", str(run / "sd.pid")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    wait_for(speechd_socket, speechd, "speech-dispatcher")
    env["SPEECHD_ADDRESS"] = f"unix_socket:{speechd_socket}"
    return [speechd, pulse], env


def wait_for(path: Path, proc: subprocess.Popen, name: str) -> None:
    deadline = time.monotonic() + 10
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"{name} did not start")
        time.sleep(0.05)


def main() -> int:
    args = parse()
    missing = sorted({package for tool, package in PACKAGES.items() if shutil.which(tool) is None})
    if missing:
        print(f"cannot run here: apt-get install -y --no-install-recommends {' '.join(missing)} speech-dispatcher-espeak-ng")
        return 2
    c.use_offscreen()
    c.header("Listen: tap -> first audio, Spanish card, speech-dispatcher + espeak-ng")
    with tempfile.TemporaryDirectory(prefix="kiosk-speech-") as tmp:
        run = Path(tmp)
        run.chmod(0o700)
        procs, env = start_audio(run)
        sound = Sound(env)
        try:
            os.environ.update({k: env[k] for k in ("XDG_RUNTIME_DIR", "PULSE_SERVER", "SPEECHD_ADDRESS")})
            os.environ["KIOSK_SPEECH_ENGINE"] = "speechd"
            return measure(args, sound)
        finally:
            for proc in [sound.proc, *procs]:
                c.stop(proc)


def measure(args: argparse.Namespace, sound: Sound) -> int:
    touch_tap = c.gestures().touch_tap
    c.quiet_qt_logs()
    tmp, root = c.private_content()
    card = sorted((root / "es").glob("*.md"))[args.screen - 1]
    (root / "audio").mkdir(exist_ok=True)
    subprocess.run(["espeak-ng", "-v", "es-419", "-w", str(root / "audio" / "bench.wav"), "Riesgos y desventajas. La ketamina tiene riesgos."], check=True)
    t0 = time.perf_counter()
    app, kiosk = c.make_kiosk(root)
    speaker, bar = kiosk.listening.speaker, kiosk.listening.bar
    shown = time.perf_counter()
    speaker.wait_until_answered()
    print(f"kiosk on screen after {1000 * (shown - t0):.0f} ms; speech engine ready after {1000 * (time.perf_counter() - t0):.0f} ms"
          f" (in its own process): {speaker.engine_reason or speaker.engine_name}")
    tap_language = kiosk.window.visit_bar.language_buttons["es"]
    touch_tap(kiosk.window, tap_language.mapTo(kiosk.window, tap_language.rect().center()))
    if not bar.isVisible():
        print(f"Listen is hidden in es: {speaker.unavailable_reason('es')}")
        return 1
    kiosk.window.go_to(args.screen, animate=False)
    app.processEvents()

    def tap(widget) -> None:
        touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))

    def run_until(condition, timeout_s: float) -> bool:
        deadline = time.perf_counter() + timeout_s
        while not condition() and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
        return condition()

    said: list[str] = []
    speaker.said.connect(said.append)
    started: list[float] = []
    speaker.block_changed.connect(lambda block: started.append(time.perf_counter()) if block >= 0 else None)
    engine_ms, audio_ms = taps(args.taps, bar, speaker, sound, tap, run_until, started)
    print(f"first sentence: {said[0] if said else '(none)'}")
    print(f"taps: {args.taps}; engine reported the start {len(engine_ms)} times, sound arrived {len(audio_ms)} times")
    if engine_ms:
        c.figure("tap -> engine start, median", c.median(engine_ms), "ms", TARGET_MS, fmt=".0f")
    if not audio_ms:
        print("no sound reached the null sink: speech-dispatcher's audio output is not working here")
        return 1
    c.figure("tap -> first audio, median", c.median(audio_ms), "ms", TARGET_MS, fmt=".0f")
    c.figure("tap -> first audio, worst", max(audio_ms), "ms", TARGET_MS, fmt=".0f")

    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("\n---\n", "\naudio: audio/bench.wav\n---\n", 1), encoding="utf-8")
    kiosk.reload()
    run_until(lambda: kiosk.window.pager.current_page().card.audio is not None, 5)
    played: list[float] = []
    speaker._set_state = wrap(speaker._set_state, played)
    _, recording_ms = taps(args.taps, bar, speaker, sound, tap, run_until, played)
    print(f"recording: {card.parent.name}/{card.name} with audio: audio/bench.wav; sound arrived {len(recording_ms)} of {args.taps} times")
    if recording_ms:
        c.figure("recording: tap -> first audio, median", c.median(recording_ms), "ms", TARGET_MS, fmt=".0f")
        c.figure("recording: tap -> first audio, worst", max(recording_ms), "ms", TARGET_MS, fmt=".0f")
    kiosk.listening.shutdown()
    tmp.cleanup()
    return 0


def wrap(set_state, started: list[float]):
    def record(state) -> None:
        if state.value == "speaking":
            started.append(time.perf_counter())
        set_state(state)

    return record


def taps(count, bar, speaker, sound, tap, run_until, started: list[float]) -> tuple[list[float], list[float]]:
    """Tap Listen `count` times; (tap -> reported start, tap -> first sound) in ms for each."""
    engine_ms: list[float] = []
    audio_ms: list[float] = []
    for _ in range(count):
        started.clear()
        begin = time.perf_counter()
        tap(bar.main)
        run_until(lambda: started and sound.first_after(begin) is not None, 5)
        heard = sound.first_after(begin)
        if started:
            engine_ms.append(1000 * (started[0] - begin))
        if heard is not None:
            audio_ms.append(1000 * (heard - begin))
        run_until(lambda: False, 0.6)  # let it speak a little
        tap(bar.stop)
        run_until(lambda: speaker.state.value == "idle", 2)
        quiet_from = time.perf_counter()
        run_until(lambda: time.perf_counter() - max([quiet_from, *sound.loud_at]) > 0.4, 3)
    return engine_ms, audio_ms


if __name__ == "__main__":
    sys.exit(main())
