"""Cold start to the first card on a PNG: `python -m kiosk snapshot --screen 1` against a bare PySide6 program.

    .venv/bin/python bench/startup.py                 # 7 runs of each, alternating; then where the time goes
    .venv/bin/python bench/startup.py --runs 21       # steadier medians
    .venv/bin/python bench/startup.py --no-chromium --no-profile

Each run is a fresh process (offscreen Qt). Alternating kiosk / bare / Chromium runs share out whatever
else the machine is doing. Target: kiosk median <= 1.3x the bare PySide6 median (bench/bare_card.py).
If /usr/bin/chromium exists, headless Chromium screenshotting the same card HTML is timed too. The kiosk
is also timed with KIOSK_SPEECH_ENGINE=none ("speech off"), to show what starting the speech engine costs.
Then (unless --no-profile): `-X importtime` of the kiosk run, a cProfile of it, and the same steps as
kiosk/snapshot.py timed phase by phase in one process.
"""

from __future__ import annotations

import argparse
import cProfile  # noqa: F401  (used through `python -m cProfile`)
import html
import os
import pstats
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c

CARD = "10-what-is-ketamine.md"
CHROMIUM = "/usr/bin/chromium"


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--no-chromium", action="store_true")
    p.add_argument("--no-profile", action="store_true")
    p.add_argument("--size", default="1920x1080")
    p.add_argument("--try-fix", action="store_true",
                   help="also time the kiosk with os._exit() once the PNG paths are printed (skips interpreter + Qt teardown; "
                        "not the kiosk as shipped)")
    p.add_argument("--no-bytecode", action="store_true", help="keep PYTHONDONTWRITEBYTECODE as it is (kiosk modules compiled on every run)")
    return p.parse_args()


def card_html(work: Path) -> tuple[Path, Path]:
    """The first card as HTML: a fragment for bare_card.py, a full page (same font and colours) for Chromium."""
    from kiosk.core.cards import load_card

    result = load_card(c.SAMPLE_CONTENT / "en" / CARD, c.SAMPLE_CONTENT)
    card = result.card
    assert card is not None, result.problems
    fragment = f"<h1>{html.escape(card.title)}</h1>\n{card.html}"
    frag = work / "card-fragment.html"
    frag.write_text(fragment, encoding="utf-8")
    fonts = c.REPO / "resources" / "fonts"
    page = work / "card.html"
    page.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8"><style>
@font-face {{ font-family: "Noto Sans"; src: url("{(fonts / 'NotoSans-Regular.ttf').as_uri()}"); }}
@font-face {{ font-family: "Noto Sans"; font-weight: bold; src: url("{(fonts / 'NotoSans-Bold.ttf').as_uri()}"); }}
html, body {{ margin: 0; background: #FAF7F2; color: #1B1B1B; }}
body {{ font: 34px "Noto Sans"; padding: 48px 64px; }}
h1 {{ font-size: 54px; }} p {{ line-height: 135%; margin: 0 0 20px; }} li {{ margin-bottom: 12px; }}
</style></head><body>{fragment}</body></html>""",
        encoding="utf-8",
    )
    return frag, page


def timed(cmd: list[str], env: dict[str, str], png_line: bool = True) -> tuple[float, float, float]:
    """(wall s to exit, CPU s of the child and its children, wall s until the PNG's path was printed) for one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=c.REPO)
    ready = None
    if png_line:
        for line in proc.stdout:
            if line.strip().endswith(".png"):
                ready = time.perf_counter() - t0
                break
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, ready if ready is not None else wall


def importtime_report(env: dict[str, str], out: Path) -> None:
    proc = subprocess.run(
        [c.PYTHON, "-X", "importtime", "-m", "kiosk", "snapshot", "--screen", "1", "--out", str(out)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=c.REPO,
    )
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    total = sum(r[0] for r in rows) / 1e6
    print(f"\n-X importtime: {len(rows)} modules imported, {total:.3f} s in imports (self times summed; importtime's own overhead inflates it)")
    wanted = [
        "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "qtawesome", "qtpy.QtCore", "qtpy.QtGui", "qtpy.QtWidgets",
        "PySide6.QtOpenGL", "PySide6.QtSvg", "PySide6.QtPrintSupport", "PySide6.QtTest", "markdown_it", "yaml", "nh3", "segno",
        "urllib.request", "http.client", "email.parser", "kiosk.core.check", "kiosk.core.qr", "kiosk.core.cards", "kiosk.core.markdown",
        "kiosk.core.config", "kiosk.staff.runtime.corner", "kiosk.app", "kiosk.tools.snapshot", "kiosk.ui.card", "kiosk.ui.glyphs", "difflib", "tomllib",
    ]
    first = {}
    for self_us, cum_us, depth, name in rows:
        if name in wanted and name not in first:
            first[name] = (cum_us, depth)
    print("  cumulative import time of the big ones (where first imported; nested ones are inside their parents):")
    for name in wanted:
        if name in first:
            cum, depth = first[name]
            print(f"    {cum / 1000:7.1f} ms  {'  ' * min(depth, 6)}{name}")
    print("  top self times:")
    for self_us, cum_us, depth, name in sorted(rows, reverse=True)[:12]:
        print(f"    {self_us / 1000:7.1f} ms  {name}")


def profile_report(env: dict[str, str], work: Path) -> None:
    prof = work / "snapshot.prof"
    subprocess.run(
        [c.PYTHON, "-m", "cProfile", "-o", str(prof), "-m", "kiosk", "snapshot", "--screen", "1", "--out", str(work / "prof-out")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=c.REPO, check=True,
    )
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    print(f"\ncProfile of `python -m kiosk snapshot --screen 1` ({total:.2f} s profiled, profiler overhead included):")
    print("  cumulative time of the steps on the path to the PNG:")
    wanted = [
        ("kiosk/app.py", "__init__"), ("kiosk/app.py", "reload"), ("kiosk/app.py", "show_state"),
        ("kiosk/core/store.py", "reload"), ("kiosk/core/cards.py", "load_deck"), ("kiosk/core/markdown.py", "render_markdown"),
        ("kiosk/core/config.py", "load_config"), ("kiosk/ui/theme.py", "load_fonts"),
        ("kiosk/ui/theme.py", "apply_theme"), ("kiosk/ui/card.py", "__init__"), ("kiosk/ui/card.py", "set_card"),
        ("kiosk/ui/welcome.py", "__init__"), ("kiosk/ui/contact.py", "__init__"), ("kiosk/ui/navbar.py", "__init__"),
        ("kiosk/ui/overlays/pinpad.py", "__init__"), ("kiosk/ui/overlays/staff_panel.py", "__init__"), ("kiosk/core/qr.py", "qr_matrix"),
        ("kiosk/ui/glyphs.py", "glyph_pixmap"), ("kiosk/ui/glyphs.py", "_family"), ("kiosk/core/icons.py", "charmap"),
        ("qtawesome/__init__.py", "icon"),
        ("kiosk/snapshot.py", "render_snapshots"),
    ]
    found = {}
    for (filename, line, func), (cc, nc, tt, ct, callers) in stats.stats.items():
        for suffix, name in wanted:
            if filename.endswith(suffix) and func == name:
                key = f"{suffix}:{name}"
                if key not in found or ct > found[key][0]:
                    found[key] = (ct, nc)
    for key, (ct, nc) in sorted(found.items(), key=lambda kv: -kv[1][0]):
        print(f"    {ct * 1000:7.1f} ms  {nc:4d} calls  {key}")
    print("  top built-in / C++ calls by own time:")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:10]
    for (filename, line, func), (cc, nc, tt, ct, callers) in rows:
        where = func if filename == "~" else f"{Path(filename).name}:{func}"
        print(f"    {tt * 1000:7.1f} ms  {nc:5d} calls  {where}")


PHASES = r"""
import time, sys, os
t = [("interpreter up", time.time())]
def mark(name): t.append((name, time.time()))
sys.path.insert(0, os.path.join(sys.argv[1], "bench"))
from PySide6.QtWidgets import QApplication; mark("import PySide6.QtWidgets")
app = QApplication(sys.argv[:1]); mark("QApplication()")
from kiosk.core.tuning import Timing
from kiosk.app import KioskApp; mark("import kiosk.app (markdown, yaml, nh3, kiosk.ui ...)")
import _common as c
from pathlib import Path
from kiosk.ui.theme import Metrics
kiosk = KioskApp(Path(sys.argv[1]) / "content", Metrics.for_size(1920, 1080), timing=Timing(animation_ms=0)); mark("KioskApp(...) (load content, build screens)")
w = kiosk.window; w.resize(1920, 1080); w.show(); w.go_to(1, animate=False); mark("show + go_to(1)")
app.processEvents(); mark("processEvents (layout, polish)")
img = w.grab(); mark("grab() (paint)")
img.save(sys.argv[2]); mark("PNG saved")
for name, when in t:
    print(f"{when:.6f} {name}")
"""


def phases_report(env: dict[str, str], work: Path) -> None:
    runs = []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([c.PYTHON, "-c", PHASES, str(c.REPO), str(work / "phases.png")], env=env, capture_output=True, text=True, cwd=c.REPO)
        if out.returncode:
            print(f"phase run failed: {out.stderr[-1500:]}")
            return
        marks = [(line.split(" ", 1)[1], float(line.split(" ", 1)[0])) for line in out.stdout.splitlines() if re.match(r"^\d+\.\d+ ", line)]
        runs.append((t0, marks, time.time()))
    print("\nthe same steps as kiosk/snapshot.py, timed inside one process (median of 3 runs; ms since the previous step):")
    names = [name for name, _ in runs[0][1]]
    for i, name in enumerate(names):
        deltas = []
        for t0, marks, _end in runs:
            prev = t0 if i == 0 else marks[i - 1][1]
            deltas.append((marks[i][1] - prev) * 1000)
        label = "process start -> " + name if i == 0 else name
        print(f"    {c.median(deltas):7.1f} ms  {label}")
    exits = [(end - marks[-1][1]) * 1000 for _t0, marks, end in runs]
    print(f"    {c.median(exits):7.1f} ms  interpreter + Qt teardown until the process is gone")
    totals = [(end - t0) * 1000 for t0, _marks, end in runs]
    print(f"    {c.median(totals):7.1f} ms  in all (median; these runs also pay for `python -c` and the bench helpers)")


def main() -> None:
    args = parse()
    c.header(f"startup: cold `python -m kiosk snapshot --screen 1` x{args.runs} vs bare PySide6")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false"}
    pycache = tempfile.TemporaryDirectory(prefix="kiosk-pycache-")
    if not args.no_bytecode:
        # A deployed kiosk runs from compiled bytecode; this shell may say PYTHONDONTWRITEBYTECODE=1, which would
        # make every run compile kiosk/*.py again. Cache bytecode under a temp prefix (nothing written to the repo).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache.name
    chromium = None if args.no_chromium or not Path(CHROMIUM).exists() else CHROMIUM
    with tempfile.TemporaryDirectory(prefix="kiosk-startup-") as tmp:
        work = Path(tmp)
        frag, page = card_html(work)
        kiosk_cmd = [c.PYTHON, "-m", "kiosk", "snapshot", "--screen", "1", "--size", args.size, "--out", str(work / "kiosk")]
        bare_cmd = [c.PYTHON, str(c.REPO / "bench" / "bare_card.py"), "--html", str(frag), "--size", args.size, "--out", str(work / "bare.png")]
        timings: dict[str, list[tuple[float, float, float]]] = {"kiosk": [], "bare": [], "chromium": []}
        fixes = {}
        if args.try_fix:
            snap = ["snapshot", "--screen", "1", "--size", args.size, "--out", str(work / "fixed")]
            fixes["exit"] = [c.PYTHON, "-c", f"import os, sys; from kiosk.cli import main; rc = main({snap!r}); "
                                           "sys.stdout.flush(); sys.stderr.flush(); os._exit(rc)"]
            for name in fixes:
                timings[name] = []
        # One untimed run of each first: fills the page cache and writes .pyc files, as on a kiosk that has booted before.
        timed(kiosk_cmd, env)
        timed(bare_cmd, env)
        # The same kiosk with speech switched off, as IT can (KIOSK_SPEECH_ENGINE=none): what the speech engine's
        # start costs on this machine (here no speech-dispatcher runs, and the engine's probing is slow).
        quiet_env = {**env, "KIOSK_SPEECH_ENGINE": "none"}
        timings["speech off"] = []
        for i in range(args.runs):
            timings["kiosk"].append(timed(kiosk_cmd, env))
            timings["bare"].append(timed(bare_cmd, env))
            timings["speech off"].append(timed(kiosk_cmd, quiet_env))
            for name, cmd in fixes.items():
                timings[name].append(timed(cmd, env))
            if chromium:
                profile = work / f"chromium-profile-{i}"
                width, height = args.size.lower().split("x")
                cmd = [
                    chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", f"--screenshot={work / 'chromium.png'}", f"--window-size={width},{height}", page.as_uri(),
                ]
                timings["chromium"].append(timed(cmd, env, png_line=False))
                shutil.rmtree(profile, ignore_errors=True)
        print()
        med = {}
        for name, runs in timings.items():
            if not runs:
                continue
            walls = [r[0] for r in runs]
            cpus = [r[1] for r in runs]
            readies = [r[2] for r in runs]
            med[name] = (c.median(walls), c.median(cpus), c.median(readies))
            ready = f" | PNG path printed after {med[name][2] * 1000:5.0f} ms" if name != "chromium" else ""
            print(f"{name:<11} to exit: wall median {med[name][0] * 1000:6.0f} ms (min {min(walls) * 1000:4.0f}, max {max(walls) * 1000:4.0f}), "
                  f"CPU median {med[name][1] * 1000:6.0f} ms{ready}  ({len(runs)} runs)")
        if not chromium:
            print("chromium  not timed (no /usr/bin/chromium, or --no-chromium; apt-get install chromium)")
        print()
        ratio = med["kiosk"][0] / med["bare"][0]
        c.figure("kiosk / bare PySide6, wall-time medians", ratio, "x", 1.3, fmt=".2f")
        c.figure("kiosk / bare PySide6, CPU-time medians", med["kiosk"][1] / med["bare"][1], "x", 1.3, fmt=".2f")
        c.figure("kiosk / bare PySide6, until the PNG is written", med["kiosk"][2] / med["bare"][2], "x", 1.3, fmt=".2f")
        print(f"kiosk cold start to first card PNG: {med['kiosk'][0] * 1000:.0f} ms; bare PySide6 floor {med['bare'][0] * 1000:.0f} ms; "
              f"kiosk's own share {max(0.0, med['kiosk'][0] - med['bare'][0]) * 1000:.0f} ms")
        off = med["speech off"]
        c.figure("kiosk with KIOSK_SPEECH_ENGINE=none / bare, wall", off[0] / med["bare"][0], "x", 1.3, fmt=".2f")
        c.figure("kiosk with KIOSK_SPEECH_ENGINE=none / bare, CPU", off[1] / med["bare"][1], "x", 1.3, fmt=".2f")
        for name in fixes:
            print(f"with fix '{name}' (not shipped): {med[name][0] * 1000:.0f} ms to exit = {med[name][0] / med['bare'][0]:.2f}x bare; "
                  f"PNG after {med[name][2] * 1000:.0f} ms = {med[name][2] / med['bare'][2]:.2f}x bare")
        if "chromium" in med:
            print(f"headless Chromium (same card HTML): {med['chromium'][0] * 1000:.0f} ms = {med['chromium'][0] / med['bare'][0]:.2f}x bare PySide6, "
                  f"{med['chromium'][0] / med['kiosk'][0]:.2f}x the kiosk")
        if not args.no_profile:
            print(f"\nbytecode: {'cached under a temp PYTHONPYCACHEPREFIX' if not args.no_bytecode else 'as the environment says'}")
            phases_report(env, work)
            importtime_report(env, work / "imp")
            profile_report(env, work)


if __name__ == "__main__":
    main()
