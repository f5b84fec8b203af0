#!/usr/bin/env python3
"""Proves a plain `pip install` of the kiosk works, as a new clinic would install it.

Builds a wheel from this checkout, installs it (not editable) into a fresh venv in a temporary
folder outside the checkout, and from there runs, on the sample content that came with the wheel:
`kiosk check`, `kiosk snapshot --out DIR` (every screen) and `kiosk run --windowed`, which must
start and end cleanly on SIGTERM. The snapshots must match the checkout's own, file for file and
pixel for pixel (same code, same content, same fonts). Offscreen; exits 1 on any failure.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTED_LINE = "kiosk started with content from"
SIZE = "1280x800"
# Seconds `kiosk run` may take to start; scripts/check_arm64.sh raises it (emulated, it takes minutes).
START_TIMEOUT_S = float(os.environ.get("KIOSK_CHECK_START_S", "60"))


def run(command: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def digests(folder: Path) -> dict[str, str]:
    from PySide6.QtGui import QImage  # pixels, not PNG bytes: encoders may differ in metadata

    result = {}
    for png in sorted(folder.rglob("*.png")):
        image = QImage(str(png))
        result[png.relative_to(folder).as_posix()] = hashlib.sha256(bytes(image.constBits())).hexdigest() + f" {image.width()}x{image.height()}"
    return result


def main() -> int:
    failures: list[str] = []

    def check(ok: bool, what: str, detail: str = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f"\n     {detail}" if detail and not ok else ""))
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory(prefix="kiosk-wheel-") as temp:
        work = Path(temp)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(work / "log"),
               "KIOSK_STATE_DIR": str(work / "state"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        built = run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "wheel"), str(ROOT)], cwd=work, env=env)
        wheels = list((work / "wheel").glob("kiosk-*.whl"))
        check(built.returncode == 0 and len(wheels) == 1, "a wheel builds from the checkout", built.stderr[-2000:])
        if failures:
            return 1
        venv = work / "venv"
        run([sys.executable, "-m", "venv", str(venv)], cwd=work, env=env)
        installed = run([str(venv / "bin" / "pip"), "install", "-q", str(wheels[0])], cwd=work, env=env, timeout=1200)
        check(installed.returncode == 0, "pip install <wheel> into a fresh venv outside the checkout", installed.stderr[-2000:])
        if failures:
            return 1
        kiosk = str(venv / "bin" / "kiosk")

        checked = run([kiosk, "check"], cwd=work, env=env)
        check(checked.returncode == 0 and "error:" not in checked.stdout, "kiosk check: the bundled sample has no error",
              checked.stdout[-2000:] + checked.stderr[-2000:])
        # The sample keeps the demo PIN on purpose, so check always names the kiosk.toml it read.
        check("site-packages/kiosk/sample_content/kiosk.toml" in checked.stdout,
              "kiosk check reads the sample inside the installed package", checked.stdout[-500:])

        shots = work / "shots"
        snapped = run([kiosk, "snapshot", "--out", str(shots), "--size", SIZE], cwd=work, env=env)
        names = sorted(path.relative_to(shots).as_posix() for path in shots.rglob("*.png"))  # a library: one folder per topic
        check(snapped.returncode == 0 and len(names) >= 3, f"kiosk snapshot renders every screen ({len(names)} PNGs)",
              snapped.stderr[-2000:])

        source_shots = work / "source-shots"
        source = run([sys.executable, "-m", "kiosk", "snapshot", "--content", str(ROOT / "content"), "--out", str(source_shots),
                      "--size", SIZE], cwd=ROOT, env=env)
        check(source.returncode == 0, "the checkout renders the same screens", source.stderr[-2000:])
        installed_pixels, source_pixels = digests(shots), digests(source_shots)
        same = installed_pixels == source_pixels
        check(same, "every screen is pixel-identical to the checkout's",
              f"installed {installed_pixels}\n     checkout {source_pixels}")

        log_dir = work / "log"
        process = subprocess.Popen([kiosk, "run", "--windowed"], cwd=work, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started = False
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            logs = list(log_dir.glob("*.log"))
            if logs and STARTED_LINE in logs[0].read_text(encoding="utf-8", errors="replace"):
                started = True
                break
            time.sleep(0.2)
        still_running = process.poll() is None
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        _out, err = process.communicate()
        check(started and still_running, "kiosk run --windowed starts on the bundled sample", err[-2000:])
        check(code == 0, f"kiosk run ends cleanly on SIGTERM (exit {code})", err[-2000:])

    print(f"{len(failures)} failed" if failures else "wheel install: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
