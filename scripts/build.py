#!/usr/bin/env python3
"""Builds the kiosk into dist/kiosk/ (PyInstaller, one folder), checks it, and smoke-tests it.

From a fresh clone of a Debian 12 machine, as root, one command line (also in the README):

    apt-get update && cat deploy/debian-packages.txt scripts/build-packages.txt | xargs apt-get install -y --no-install-recommends && python3 -m venv .venv-build && .venv-build/bin/pip install -e ".[build]" && .venv-build/bin/python scripts/build.py

Steps: `pyinstaller build.spec` (which leaves out what the kiosk does not use and copies content/
beside the executable), then a check of the result (nothing unwanted bundled, every library it
links resolvable, the size within --max-mb), then scripts/smoke_test.py. Exits non-zero on any
failure. scripts/build-packages.txt lists what the build machine needs beyond the kiosk's own
libraries: binutils (PyInstaller's objdump and strip), gcc (the ICU data stub), libpython3.11
(PyInstaller needs the shared Python library), xvfb, and cage + xwayland + libwayland-* for the
smoke test's X11 and Wayland checks (Qt's Wayland plugin loads the system's libwayland-*; PyInstaller
never bundles those).

Deploy: copy dist/kiosk/ to /opt/kiosk/ (deploy/linux/README.md).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "kiosk"
MAX_MB = 125  # 109 MB before the script fonts of issue 21 (8.4 MB)

# Files that must be in the build, relative to dist/kiosk.
REQUIRED = [
    "kiosk",
    "content/kiosk.toml",
    "deploy/linux/kiosk-cage.service",
    "deploy/debian-packages.txt",
    "_internal/resources/styles/kiosk.qss",
    "_internal/resources/fonts/NotoSans-Regular.ttf",
    "_internal/resources/fonts/NotoEmoji-VariableFont_wght.ttf",
    "_internal/resources/fonts/coverage.txt",
    "_internal/resources/fonts/NotoSansArabic-Regular.ttf",
    "_internal/resources/fonts/NotoSansCJKsc-Subset-Regular.otf",
    "_internal/resources/i18n/en.toml",
    "_internal/qtawesome/fonts/fontawesome5-solid-webfont-5.15.4.ttf",
    "_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
    "_internal/PySide6/Qt/plugins/platforms/libqwayland.so",
    "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "_internal/PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "_internal/PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "_internal/PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "_internal/PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "_internal/PySide6/QtTextToSpeech.abi3.so",
    "_internal/PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so",
    "_internal/PySide6/QtMultimedia.abi3.so",
]
# Name patterns that must not be anywhere in the build.
FORBIDDEN = [
    # libQt6Network is linked by Qt's speech library (Listen), and its Python binding is imported by
    # the QtMultimedia binding the player helper loads (build.spec); TLS and every network plugin stay
    # out, and the kiosk opens no connection (tests/test_no_network.py).
    "libqgtk3.so", "libgtk-3.so*", "libgdk-3.so*", "*Qml*", "*Quick*", "tls",
    "libqtexttospeech_mock.so", "libffmpegmediaplugin.so", "libavcodec.so*",
    "*Qt6Pdf*", "*WebEngine*", "*.qm", "libqtvirtualkeyboard*", "libibus*", "libssl.so*",
]


def step(title: str) -> None:
    print(f"\n=== {title}", flush=True)


def preflight(keep_icu: bool) -> list[str]:
    problems = []
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        problems.append(f'PyInstaller is not installed for {sys.executable}: pip install -e ".[build]"')
    if sys.prefix == sys.base_prefix:
        problems.append("run this with the build venv's python (.venv-build/bin/python scripts/build.py)")
    needed = ["objdump", "strip", "ldd"] + ([] if keep_icu else ["cc"])
    for tool in needed:
        if not shutil.which(tool) and not (tool == "cc" and os.environ.get("CC")):
            problems.append(f"`{tool}` is missing: apt-get install binutils gcc (scripts/build-packages.txt)")
    return problems


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(4) == b"\x7fELF"
    except OSError:
        return False


def check_build(dist: Path) -> list[str]:
    problems = [f"missing from the build: {rel}" for rel in REQUIRED if not (dist / rel).exists()]
    for path in dist.rglob("*"):
        if any(fnmatch.fnmatch(path.name, pattern) for pattern in FORBIDDEN):
            problems.append(f"should not be in the build: {path.relative_to(dist)}")
        if path.is_symlink() and not path.exists():
            problems.append(f"dangling link in the build: {path.relative_to(dist)}")
    unresolved: dict[str, set[str]] = {}
    for path in sorted(p for p in dist.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)):
        env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "=> not found" in line:
                unresolved.setdefault(line.split()[0], set()).add(str(path.relative_to(dist)))
    for lib, users in sorted(unresolved.items()):
        problems.append(
            f"{lib} (needed by {', '.join(sorted(users)[:3])}) is neither bundled nor installed here; "
            "install it on the build machine and on every kiosk (scripts/build-packages.txt, deploy/debian-packages.txt)"
        )
    return problems


def disk_mb(path: Path) -> int:
    """`du -sm`: megabytes on disk, rounded up as du does."""
    out = subprocess.run(["du", "-sm", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description="Build dist/kiosk, check it and smoke-test it.")
    parser.add_argument("--keep-icu", action="store_true", help="bundle Qt's full 31 MB ICU data (no C compiler needed)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    parser.add_argument("--no-smoke", action="store_true", help="build and check only")
    parser.add_argument("--max-mb", type=int, default=MAX_MB, help=f"fail above this size on disk (default {MAX_MB})")
    parser.add_argument("smoke_args", nargs=argparse.REMAINDER, help="after --: options for scripts/smoke_test.py")
    args = parser.parse_args()
    started = time.monotonic()

    step("Preflight")
    if problems := preflight(args.keep_icu):
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"python {sys.version.split()[0]} at {sys.executable}")

    step("PyInstaller: build.spec -> dist/kiosk")
    build_cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                 "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build"),
                 *(["--clean"] if args.clean else []), str(ROOT / "build.spec")]
    if args.keep_icu:
        build_cmd += ["--", "--keep-icu"]
    if subprocess.run(build_cmd, cwd=ROOT).returncode != 0:
        print("error: PyInstaller failed (see above)", file=sys.stderr)
        return 1
    print(f"built in {time.monotonic() - started:.0f} s")

    step("Checking the build")
    problems = check_build(DIST)
    size = disk_mb(DIST)
    print(f"du -sm dist/kiosk: {size}\t{DIST.relative_to(ROOT)}")
    if size > args.max_mb:
        problems.append(f"the build takes {size} MB on disk, more than {args.max_mb} MB")
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    print("ok: every required file is there, nothing unwanted, every linked library resolves")

    if not args.no_smoke:
        step("Smoke test: scripts/smoke_test.py")
        smoke_args = args.smoke_args[1:] if args.smoke_args[:1] == ["--"] else args.smoke_args
        smoke = subprocess.run([sys.executable, str(ROOT / "scripts" / "smoke_test.py"), "--dist", str(DIST), *smoke_args])
        if smoke.returncode != 0:
            return smoke.returncode

    print(f"\nBuild OK: {DIST} ({size} MB on disk), {time.monotonic() - started:.0f} s in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
