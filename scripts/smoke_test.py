#!/usr/bin/env python3
"""Smoke-tests the built kiosk (dist/kiosk) the way IT will run it, and compares it with the source.

Modelled on qutebrowser's scripts/dev/build_release.py smoke_test(): run the frozen program for
real and fail loudly. Checks, each printed as `ok` or `FAIL`:

- `kiosk --version`, `kiosk check` (the content beside the executable, and an explicit folder) and
  `kiosk pin` (PIN typed on stdin) work and agree with the source run;
- `kiosk snapshot` renders every screen (a) offscreen and (b) under a real X server (Xvfb, xcb
  platform plugin: offscreen rendering alone does not prove xcb was bundled) with the same file
  names, image sizes and (nearly) the same pixels as the source run on the same platform, and prints
  no stderr line that the source run does not print (a missing plugin or library shows up there);
- `kiosk --speech-helper` (the process the kiosk starts for its speech engine) answers: the hidden
  argument, QtTextToSpeech and Qt's speechd plugin with libspeechd all load in the build;
- `kiosk run` starts full screen under Xvfb and keeps running;
- when cage and Xwayland are installed, `kiosk run` starts under cage on wlroots' headless backend
  (Wayland platform plugin): the set-up of deploy/linux/kiosk-cage.service.

Then it times start-up, built against source. Exits 1 on any failure.

Needs (Debian): xvfb; for the Wayland check cage and xwayland (scripts/build-packages.txt). The
source run is `python -m kiosk` with this interpreter (the build venv has kiosk installed).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTED_LINE = "kiosk started with content from"  # logged by kiosk.run once the window is built
NOBODY = 65534
STOP_GRACE_S = 10.0  # how long `kiosk run` may take to end after SIGTERM (kiosk-cage.service allows 15)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


class Smoke:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.dist: Path = args.dist.resolve()
        self.exe = self.dist / "kiosk"
        self.content = self.dist / "content"
        self.failures: list[str] = []
        runtime = work / "xdg-runtime"
        runtime.mkdir(mode=0o700)
        dropped = {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORMTHEME", "PYTHONPATH"}
        self.base_env = {key: value for key, value in os.environ.items() if key not in dropped}
        # A UTF-8 locale, a runtime dir and a private HOME (logs, state), so that neither Qt nor
        # Python warns about the environment and nothing is written to the real home.
        home = work / "home"
        home.mkdir()
        self.base_env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", XDG_RUNTIME_DIR=str(runtime), HOME=str(home))
        for var in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            self.base_env.pop(var, None)

    # --- reporting ----------------------------------------------------------------------------
    def ok(self, message: str) -> None:
        print(f"ok    {message}", flush=True)

    def fail(self, message: str) -> None:
        print(f"FAIL  {message}", flush=True)
        self.failures.append(message)

    def check(self, condition: bool, message: str, detail: str = "") -> bool:
        if condition:
            self.ok(message)
        else:
            self.fail(message + ("\n      " + detail.strip().replace("\n", "\n      ") if detail.strip() else ""))
        return condition

    # --- running ------------------------------------------------------------------------------
    def command(self, which: str) -> list[str]:
        return [str(self.exe)] if which == "built" else [sys.executable, "-m", "kiosk"]

    def run(self, argv: Sequence[str], *, env: dict[str, str] | None = None, stdin: str | None = None,
            timeout: float = 120, new_session: bool = False) -> Result:
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                list(argv), input=stdin, capture_output=True, text=True, timeout=timeout, cwd=self.work,
                env={**self.base_env, **(env or {})}, start_new_session=new_session,
            )
        except subprocess.TimeoutExpired as exc:
            return Result(-1, str(exc.stdout or ""), f"timed out after {timeout} s\n{exc.stderr or ''}", timeout)
        return Result(proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start)

    def start_run(self, argv: list[str], env: dict[str, str], *, settle: float,
                  children_first: bool = False) -> tuple[float | None, float | None, str]:
        """Start `kiosk run`, then end it as systemd would (SIGTERM), or at once when settle == 0.

        Returns the seconds until it logged STARTED_LINE (None if it never did, or was no longer
        running `settle` seconds later), the seconds it took to exit after SIGTERM (None if it had
        to be killed, or was not asked), and everything it printed."""
        log_path = self.work / f"run-{time.monotonic_ns()}.log"
        with open(log_path, "w", encoding="utf-8") as log:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=self.work,
                                    env={**self.base_env, **env}, start_new_session=True)
            started_after = stopped_after = None
            try:
                while time.perf_counter() < start + self.args.run_timeout and proc.poll() is None:
                    if STARTED_LINE in log_path.read_text(encoding="utf-8", errors="replace"):
                        started_after = time.perf_counter() - start
                        break
                    time.sleep(0.02)
                if started_after is not None and settle:
                    time.sleep(settle)
                    if proc.poll() is not None:
                        started_after = None
            finally:
                if settle and proc.poll() is None:
                    stopped_after = stop(proc, children_first=children_first)
                else:
                    kill(proc)
        return started_after, stopped_after, log_path.read_text(encoding="utf-8", errors="replace")

    def normalized_lines(self, text: str) -> list[str]:
        """Non-empty lines with the content path made neutral, so built and source runs compare."""
        return [line.replace(str(self.content), "<content>") for line in text.splitlines() if line.strip()]

    # --- checks -------------------------------------------------------------------------------
    def check_layout(self) -> None:
        self.check(self.exe.is_file() and os.access(self.exe, os.X_OK), f"{self.exe} is an executable")
        self.check((self.content / "kiosk.toml").is_file(), "content/ sits beside the executable, outside the bundle")

    def check_version(self) -> None:
        built = self.run([*self.command("built"), "--version"])
        source = self.run([*self.command("source"), "--version"])
        self.check(built.returncode == 0 and built.stdout.strip() == source.stdout.strip() != "",
                   f"kiosk --version prints {built.stdout.strip()!r} (source: {source.stdout.strip()!r})",
                   built.stderr)

    def check_check(self) -> None:
        explicit = self.run([*self.command("built"), "check", str(self.content)])
        self.check(explicit.returncode == 0, f"kiosk check {self.content} exits 0 (got {explicit.returncode})",
                   explicit.stdout + explicit.stderr)
        default = self.run([*self.command("built"), "check"])
        source = self.run([*self.command("source"), "check", str(self.content)])
        self.check(
            default.returncode == 0 and default.stdout == explicit.stdout == source.stdout,
            "kiosk check (no folder: the content beside the executable) reports what the source run reports",
            f"built:\n{default.stdout}{default.stderr}\nsource:\n{source.stdout}{source.stderr}",
        )

    def check_pin(self) -> None:
        pin = "482916"
        # A new session has no controlling terminal, so getpass reads the PIN from stdin.
        built = self.run([*self.command("built"), "pin"], stdin=f"{pin}\n{pin}\n", new_session=True)
        match = re.search(r'staff_pin = "scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]+)\$([0-9a-f]+)"', built.stdout)
        ok = built.returncode == 0 and match is not None and hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(match.group(4)), n=int(match.group(1)), r=int(match.group(2)),
            p=int(match.group(3)), dklen=len(match.group(5)) // 2,
        ).hex() == match.group(5)
        self.check(ok, "kiosk pin prints a staff_pin line whose scrypt hash is the PIN's (hashlib.scrypt in the build)",
                   built.stdout + built.stderr)

    def check_speech_helper(self) -> None:
        """Asked to open speech-dispatcher where there is none, the helper must say so as Qt's speechd
        engine would: proof that the helper starts and that the engine's plugin and library load."""
        env = {"KIOSK_SPEECH_ENGINE": "speechd", "SPEECHD_ADDRESS": f"unix_socket:{self.work / 'no-speechd.sock'}"}
        for which in ("built", "source"):
            result = self.run([*self.command(which), "--speech-helper"], env=env, stdin='{"op": "open", "seq": 1}\n', timeout=60)
            events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
            opened = next((event for event in events if event.get("event") == "opened"), {})
            reason = str(opened.get("reason", ""))
            self.check(result.returncode == 0 and events[:1] == [{"event": "hello"}] and reason.startswith("'speechd': "),
                       f"[{which}] kiosk --speech-helper answers with Qt's speechd engine loaded ({reason or 'no answer'})",
                       result.stdout[-1500:] + result.stderr[-1500:])

    def check_player_helper(self) -> None:
        """Asked to open the sound output where there is no sound server, the player helper must say so
        as Qt Multimedia would: proof that the helper starts and that QtMultimedia loads in the build."""
        env = {"PULSE_SERVER": f"unix:{self.work / 'no-pulse.sock'}"}
        for which in ("built", "source"):
            result = self.run([*self.command(which), "--player-helper"], env=env, stdin='{"op": "open", "seq": 1}\n', timeout=60)
            events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
            opened = next((event for event in events if event.get("event") == "opened"), {})
            reason = str(opened.get("reason", ""))
            self.check(result.returncode == 0 and events[:1] == [{"event": "hello"}] and reason.startswith("there is none"),
                       f"[{which}] kiosk --player-helper answers with Qt Multimedia loaded ({reason or 'no answer'})",
                       result.stdout[-1500:] + result.stderr[-1500:])

    def snapshot(self, which: str, platform_env: dict[str, str], label: str) -> tuple[Path, Result]:
        out = self.work / f"{label.replace('/', '-')}-{which}"
        argv = [*self.command(which), "snapshot", "--out", str(out)]
        if which == "source":
            argv += ["--content", str(self.content)]  # the built run uses its default: the same folder
        return out, self.run(argv, env=platform_env)

    def check_snapshots(self, label: str, platform_env: dict[str, str]) -> None:
        built_dir, built = self.snapshot("built", platform_env, label)
        source_dir, source = self.snapshot("source", platform_env, label)
        if not self.check(built.returncode == 0, f"[{label}] built kiosk snapshot exits 0 (got {built.returncode})",
                          built.stderr[-3000:]):
            return
        if not self.check(source.returncode == 0, f"[{label}] source kiosk snapshot exits 0", source.stderr[-3000:]):
            return
        # A topic library writes each topic's screens into a folder of its own.
        built_names = sorted(p.relative_to(built_dir).as_posix() for p in built_dir.rglob("*.png"))
        source_names = sorted(p.relative_to(source_dir).as_posix() for p in source_dir.rglob("*.png"))
        self.check(built_names == source_names and built_names != [],
                   f"[{label}] same {len(built_names)} screens as the source run: {' '.join(built_names)}",
                   f"built: {built_names}\nsource: {source_names}")
        for name in sorted(set(built_names) & set(source_names)):
            problem = compare_images(source_dir / name, built_dir / name, self.args.channel_tolerance,
                                     self.args.max_diff_ratio)
            self.check(problem is None, f"[{label}] {name}: same size and pixels as the source run", problem or "")
        source_lines = set(self.normalized_lines(source.stderr))
        unexpected = [line for line in self.normalized_lines(built.stderr) if line not in source_lines]
        self.check(not unexpected, f"[{label}] built snapshot prints nothing on stderr that the source run does not",
                   "\n".join(unexpected))

    def check_run(self, label: str, argv: list[str], env: dict[str, str], children_first: bool = False) -> None:
        """`kiosk run` passes when it builds its window, is still running 2 s later, Qt did not
        complain about a platform plugin, and it ends by itself on SIGTERM (`systemctl stop`)."""
        started_after, stopped_after, output = self.start_run(argv, env, settle=2.0, children_first=children_first)
        bad = [line for line in output.splitlines()
               if "qt.qpa.plugin" in line or "Could not load the Qt platform plugin" in line or "Traceback" in line]
        self.check(started_after is not None and not bad,
                   f"[{label}] kiosk run starts full screen and keeps running"
                   + (f" (window built after {started_after:.2f} s)" if started_after else ""),
                   output[-3000:])
        if started_after is not None:
            self.check(stopped_after is not None,
                       f"[{label}] kiosk run ends by itself on SIGTERM, as `systemctl stop` asks"
                       + (f" ({stopped_after:.2f} s)" if stopped_after is not None else
                          f" (still running {STOP_GRACE_S:.0f} s later; killed)"),
                       output[-1500:])

    # --- start-up timing ----------------------------------------------------------------------
    def time_startup(self, xcb_env: dict[str, str] | None) -> None:
        repeats = self.args.repeats
        offscreen = {"QT_QPA_PLATFORM": "offscreen"}
        cases = [
            ("kiosk --version (interpreter only)", ["--version"], offscreen),
            ("kiosk check (content loaded, no GUI)", ["check", str(self.content)], offscreen),
            ("kiosk snapshot --screen 0 (Qt up, first screen rendered)",
             ["snapshot", "--content", str(self.content), "--out", str(self.work / "timing"), "--screen", "0"],
             offscreen),
        ]
        rows = []
        for title, argv, env in cases:
            medians = []
            for which in ("built", "source"):
                times = [self.run([*self.command(which), *argv], env=env).seconds for _ in range(repeats)]
                medians.append(statistics.median(times))
            rows.append((title, *medians))
        if xcb_env is not None:
            medians = []
            for which in ("built", "source"):
                argv = [*self.command(which), "run", "--content", str(self.content)]
                times = [t for t in (self.start_run(argv, xcb_env, settle=0)[0] for _ in range(repeats)) if t]
                medians.append(statistics.median(times) if times else float("nan"))
            rows.append(("kiosk run on Xvfb (until its window is built)", *medians))
        print(f"\nStart-up, median of {repeats} runs, seconds (built = dist/kiosk, source = python -m kiosk):")
        print(f"  {'':58} {'built':>7} {'source':>7}")
        for title, built, source in rows:
            print(f"  {title:58} {built:7.2f} {source:7.2f}")
        print()


def children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (from /proc)."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


def stop(proc: subprocess.Popen, *, children_first: bool = False) -> float | None:
    """SIGTERM a process we started, as `systemctl stop` would; the seconds it took to exit, or None
    if it was still running STOP_GRACE_S later (it is then killed, with its whole session).

    With `children_first` its children get the SIGTERM and it is expected to exit by itself: that is
    how kiosk-cage.service stops cage, because Debian 12's cage 0.1.4 crashes on SIGTERM
    (cage-kiosk/cage#339) and then leaves Xwayland's /tmp/.X0-lock behind.
    """
    start = time.perf_counter()
    targets = children(proc.pid) if children_first else [proc.pid]
    for pid in targets:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_GRACE_S)
        stopped_after: float | None = time.perf_counter() - start
    except subprocess.TimeoutExpired:
        stopped_after = None
    kill(proc)
    return stopped_after


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL a process we started and whatever it left behind in its session."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def compare_images(reference: Path, actual: Path, channel_tolerance: int, max_diff_ratio: float) -> str | None:
    """None when two PNGs match: same size, and at most `max_diff_ratio` of the pixels differ by more
    than `channel_tolerance` in some channel. Otherwise a sentence saying how they differ."""
    from PySide6.QtGui import QImage  # the build venv has PySide6; no Pillow needed

    ref = QImage(str(reference)).convertToFormat(QImage.Format.Format_ARGB32)
    act = QImage(str(actual)).convertToFormat(QImage.Format.Format_ARGB32)
    if ref.isNull() or act.isNull():
        return f"cannot read {reference if ref.isNull() else actual}"
    if ref.size() != act.size():
        return f"size {act.width()}x{act.height()}, source {ref.width()}x{ref.height()}"
    a, b = bytes(ref.constBits()), bytes(act.constBits())
    if a == b:
        return None
    stride, width, height = ref.bytesPerLine(), ref.width(), ref.height()
    differing = worst = 0
    for y in range(height):
        row_a, row_b = a[y * stride:y * stride + width * 4], b[y * stride:y * stride + width * 4]
        if row_a == row_b:
            continue
        for x in range(0, width * 4, 4):
            if row_a[x:x + 4] != row_b[x:x + 4]:
                delta = max(abs(row_a[x + i] - row_b[x + i]) for i in range(4))
                worst = max(worst, delta)
                differing += delta > channel_tolerance
    ratio = differing / (width * height)
    if ratio > max_diff_ratio:
        return (f"{differing} pixels ({ratio:.3%}) differ by more than {channel_tolerance} "
                f"(largest channel difference {worst}); {max_diff_ratio:.3%} allowed")
    return None


class Xvfb:
    """`Xvfb :99 -screen 0 1920x1080x24` for the duration of a `with` block."""

    def __init__(self, display: str, screen: str = "1920x1080x24") -> None:
        self.display, self.screen = display, screen
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Xvfb:
        xvfb = shutil.which("Xvfb")
        if not xvfb:
            raise RuntimeError("Xvfb is not installed (Debian: apt-get install xvfb)")
        number = self.display.lstrip(":")
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            raise RuntimeError(f"display {self.display} is already in use; pass --display :NN")
        self.proc = subprocess.Popen([xvfb, self.display, "-screen", "0", self.screen, "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 15
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if self.proc.poll() is not None:
                raise RuntimeError(f"Xvfb exited: {self.proc.stderr.read().decode(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError("Xvfb did not start within 15 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.proc is not None:
            stop(self.proc)


def cage_command(smoke: Smoke, kiosk_argv: list[str]) -> tuple[list[str], dict[str, str]] | None:
    """`cage -- kiosk run` on wlroots' headless backend, or None (saying why) where that cannot run."""
    cage = shutil.which("cage")
    if not cage:
        print("skip  [wayland/cage] cage is not installed (Debian: apt-get install cage xwayland)")
        return None
    if not shutil.which("Xwayland"):
        print("skip  [wayland/cage] Debian 12's cage will not start without Xwayland (apt-get install xwayland)")
        return None
    runtime = smoke.work / "cage-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
        "QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(runtime),
    }
    argv = [cage, "--", *kiosk_argv]
    if os.geteuid() == 0:
        # cage refuses to run as root (as on a real kiosk, where it runs as the `kiosk` user).
        setpriv = shutil.which("setpriv")
        if not setpriv:
            print("skip  [wayland/cage] running as root, and setpriv (util-linux) is missing to become nobody")
            return None
        home = smoke.work / "cage-home"
        home.mkdir(exist_ok=True)
        for path in (runtime, home):
            os.chown(path, NOBODY, NOBODY)
        smoke.work.chmod(0o755)
        if not world_readable(smoke.dist):
            # e.g. a checkout under /root: give nobody a copy it can read.
            copy = smoke.work / "dist-for-cage"
            shutil.copytree(smoke.dist, copy, symlinks=True)
            kiosk_argv = [str(copy / "kiosk"), *kiosk_argv[1:]]
        argv = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", cage, "--", *kiosk_argv]
        env["HOME"] = str(home)
    return argv, env


def remove_stale_x_locks(locks: set[Path]) -> None:
    """Remove X display locks (and sockets) that a killed cage's Xwayland left behind: ours only."""
    for lock in locks:
        try:
            pid = int(lock.read_text(errors="replace").strip("\0 \n"))
        except (OSError, ValueError):
            continue
        if Path(f"/proc/{pid}").exists():
            continue
        number = lock.name[2:-5]  # .X<n>-lock
        for path in (lock, Path(f"/tmp/.X11-unix/X{number}")):
            with contextlib.suppress(OSError):
                path.unlink()
        print(f"      (removed {lock}, left behind by a killed cage)")


def world_readable(folder: Path) -> bool:
    """Whether any user can reach `folder` (every parent searchable) and run what is inside."""
    for parent in [folder, *folder.parents]:
        if not parent.stat().st_mode & 0o001:
            return False
    return all(p.stat().st_mode & 0o004 for p in folder.rglob("*") if not p.is_symlink())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "kiosk", help="the build (default: dist/kiosk)")
    parser.add_argument("--display", default=":99", help="X display number for Xvfb (default :99)")
    parser.add_argument("--wayland", choices=["auto", "yes", "no"], default="auto",
                        help="the cage check: auto = when cage and Xwayland are installed")
    parser.add_argument("--channel-tolerance", type=int, default=16, help="per-channel difference ignored (0-255)")
    parser.add_argument("--max-diff-ratio", type=float, default=0.001,
                        help="share of pixels that may differ beyond the tolerance (default 0.001 = 0.1%%)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per start-up timing (0: no timing)")
    parser.add_argument("--run-timeout", type=float, default=60, help="seconds `kiosk run` may take to start")
    args = parser.parse_args(argv)

    if not (args.dist / "kiosk").exists():
        print(f"FAIL  no build at {args.dist}: run scripts/build.py first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="kiosk-smoke-") as tmp:
        smoke = Smoke(args, Path(tmp))
        print(f"Smoke test of {smoke.exe} (source run: {sys.executable} -m kiosk)")
        smoke.check_layout()
        smoke.check_version()
        smoke.check_check()
        smoke.check_pin()
        smoke.check_speech_helper()
        smoke.check_player_helper()
        smoke.check_snapshots("offscreen", {"QT_QPA_PLATFORM": "offscreen"})
        xcb_env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": args.display}
        try:
            with Xvfb(args.display):
                smoke.check_snapshots("xcb/Xvfb", xcb_env)
                smoke.check_run("xcb/Xvfb", [str(smoke.exe), "run"], xcb_env)
                if args.repeats:
                    smoke.time_startup(xcb_env)
        except RuntimeError as exc:
            smoke.fail(f"[xcb/Xvfb] {exc}")
        if args.wayland != "no":
            cage = cage_command(smoke, [str(smoke.exe), "run"])
            if cage is not None:
                locks_before = set(Path("/tmp").glob(".X*-lock"))
                smoke.check_run("wayland/cage", *cage, children_first=True)
                remove_stale_x_locks(set(Path("/tmp").glob(".X*-lock")) - locks_before)
            elif args.wayland == "yes":
                smoke.fail("[wayland/cage] --wayland=yes, but the cage check cannot run here")
    if smoke.failures:
        print(f"\nSMOKE TEST FAILED: {len(smoke.failures)} problem(s):", file=sys.stderr)
        for failure in smoke.failures:
            print(f"  - {failure.splitlines()[0]}", file=sys.stderr)
        return 1
    print("Smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
