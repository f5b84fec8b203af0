"""Resident memory after start, and CPU used while the kiosk idles on its welcome screen.

    .venv/bin/python bench/memory.py                    # offscreen, 30 s idle
    .venv/bin/python bench/memory.py --xvfb             # in a real X window under Xvfb (what a kiosk runs: xcb)
    .venv/bin/python bench/memory.py --seconds 300      # a longer idle

RSS (VmRSS from /proc/self/status) is printed after each step on the way to the first frame, so the
big costs show; target: <= 150 MB with the kiosk built and its first screen painted (the sample
content, 1920x1080, live reload on as in `kiosk run`). Then the real event loop runs (QTimer.singleShot
+ app.exec) on the welcome screen, whose attract loop ticks every 4 s; idle CPU = process CPU time
used / wall time. Target: <= 1% of one core. Wake-ups (context switches) are counted as well.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--xvfb", action="store_true")
    p.add_argument("--display", default=":96")
    p.add_argument("--size", default="1920x1080")
    return p.parse_args()


def switches() -> int:
    total = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
            total += int(line.split()[1])
    return total


def main() -> None:
    args = parse()
    xvfb = c.start_xvfb(args.display, f"{args.size}x24") if args.xvfb else None
    if not args.xvfb:
        c.use_offscreen()
    try:
        steps = [("Python + bench helpers", c.rss_mb())]
        from PySide6.QtWidgets import QApplication

        steps.append(("import PySide6.QtWidgets", c.rss_mb()))
        c.quiet_qt_logs()
        app = QApplication([sys.argv[0]])
        steps.append((f"QApplication() ({app.platformName()})", c.rss_mb()))
        import kiosk.app

        steps.append(("import kiosk.app (markdown, yaml, nh3, kiosk.ui ...)", c.rss_mb()))
        c.header(f"memory: RSS after start and idle CPU on the welcome screen ({'Xvfb' if args.xvfb else 'offscreen'}, {args.size})")
        tmp, root = c.private_content()
        width, height = (int(v) for v in args.size.lower().split("x"))
        _, kiosk = c.make_kiosk(root, (width, height), watch=True, show=False)
        steps.append(("KioskApp(watch=True) built (content loaded, screens made)", c.rss_mb()))
        kiosk.window.resize(width, height)
        kiosk.window.move(0, 0)
        kiosk.window.show()
        app.processEvents()
        kiosk.window.repaint()
        app.processEvents()
        steps.append(("window shown, first frame painted", c.rss_mb()))
        previous = 0.0
        for name, value in steps:
            print(f"  {value:7.1f} MB  {'+' if previous else ' '}{value - previous if previous else 0:6.1f}  {name}")
            previous = value
        rss = steps[-1][1]
        c.figure("RSS after start (kiosk built, first frame painted)", rss, "MB", 150)
        print(f"  live QWidgets: {len(app.allWidgets())}")

        from PySide6.QtCore import Qt, QTimer

        assert kiosk.window.current_index() == 0, "not on the welcome screen"
        # Settle first: anything scheduled by start-up (deferred deletes, the first attract tick) is not idling.
        # app.exit, not app.quit: in Qt 6 quit() also closes every window (the welcome screen would hide and stop its loop).
        QTimer.singleShot(1000, lambda: app.exit(0))
        app.exec()

        frames = c.count_frames(kiosk.window)
        ticks = [0]
        timer = getattr(kiosk.welcome, "_attract_timer", None)
        if timer is not None:
            timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
        cpu0, wall0, sw0 = c.cpu_s(), time.perf_counter(), switches()
        stop = QTimer(singleShot=True, interval=int(args.seconds * 1000))
        stop.setTimerType(Qt.TimerType.PreciseTimer)
        stop.timeout.connect(lambda: app.exit(0))
        stop.start()
        app.exec()
        cpu, wall, sw = c.cpu_s() - cpu0, time.perf_counter() - wall0, switches() - sw0
        print(f"\n  idle {wall:.1f} s on the welcome screen: {cpu * 1000:.0f} ms CPU, {sw / wall:.1f} wake-ups/s (context switches), "
              f"RSS {c.rss_mb():.1f} MB at the end; {ticks[0] if timer is not None else '?'} attract ticks, {frames.count} frames painted")
        if not kiosk.welcome.isVisible():
            print("  WARNING: the welcome screen was not visible at the end; the figure is not an idle-kiosk figure")
        c.figure("idle CPU on the welcome screen", cpu / wall * 100, "%", 1.0, fmt=".2f")
        if kiosk.watcher is not None:
            kiosk.watcher.stop()
        tmp.cleanup()
    finally:
        c.stop(xvfb)


if __name__ == "__main__":
    main()
