"""Bundle: size of the PyInstaller build and its start-up against the source run.

Targets: dist/kiosk <= 125 MB on disk; built program's cold start to the first card as PNG
<= 1.2x the same command run from source. Build first with the README's build command (or build elsewhere,
`pyinstaller --noconfirm --distpath D --workpath W build.spec`, and pass `--dist D/kiosk`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import PYTHON, REPO, figure, header, median

DIST = REPO / "dist" / "kiosk"


def tree_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def time_command(command: list[str], content: Path, out: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    subprocess.run(command + ["snapshot", "--content", str(content), "--screen", "1", "--out", str(out)], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="alternating runs of each (default 7)")
    parser.add_argument("--dist", type=Path, default=DIST, help="the one-folder build to measure (default dist/kiosk)")
    args = parser.parse_args()
    dist = args.dist.resolve()
    header("bundle: build size and frozen start-up vs source")
    executable = dist / "kiosk"
    if not executable.exists():
        print(f"no build at {dist}: run the README's build command first", file=sys.stderr)
        return 2
    built_at = executable.stat().st_mtime
    newer = sorted(str(p.relative_to(REPO)) for p in (REPO / "kiosk").rglob("*.py") if p.stat().st_mtime > built_at)
    if newer:
        print(f"WARNING: the build is older than {len(newer)} source file(s) ({', '.join(newer[:4])}{', ...' if len(newer) > 4 else ''}): "
              "it runs older code than the source run; rebuild for a fair comparison")
    du = subprocess.run(["du", "-sm", str(dist)], capture_output=True, text=True, check=True).stdout.split()[0]
    figure("dist/kiosk on disk (du -sm)", float(du), "MB", 125)
    print(f"{'  (sum of file sizes)':<52} {tree_mb(dist):.1f} MB")
    built: list[float] = []
    source: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        runs = {"built": ([str(executable)], dist / "content", built), "source": ([PYTHON, "-m", "kiosk"], REPO / "content", source)}
        for command, content, _ in runs.values():
            time_command(command, content, Path(tmp) / "warm")  # the first run pays for the disk cache
        for run in range(args.runs):
            for name, (command, content, times) in runs.items():
                times.append(time_command(command, content, Path(tmp) / f"{name}{run}"))
    print(f"{'built: snapshot --screen 1, median of ' + str(args.runs):<52} {median(built):.2f} s")
    print(f"{'source: same, median of ' + str(args.runs):<52} {median(source):.2f} s")
    figure("built / source start-up", median(built) / median(source), "x", 1.2, fmt=".2f")
    return 0


if __name__ == "__main__":
    sys.exit(main())
