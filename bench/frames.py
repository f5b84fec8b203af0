"""Frames per second while the real kiosk animates a swipe, in a real X window at 1920x1080 (Xvfb).

    .venv/bin/python bench/frames.py                 # 24 animated page changes, then the per-frame cost
    .venv/bin/python bench/frames.py --swipes 200    # steadier figures
    .venv/bin/python bench/frames.py --display :95   # if :97 is taken

Starts `Xvfb :97 -screen 0 1920x1080x24` itself and runs Qt on it (QT_QPA_PLATFORM=xcb). Xvfb renders
in software and so does Qt's raster engine: there is no GPU anywhere in this measurement.

Part 1, as shipped: the KioskApp with the default 250 ms animation. Half the page changes are real
mouse drags (tests/gestures.py: QMouseEvent through QApplication.sendEvent) released past a quarter
of the width, so the pager settles with its animation; half are taps on the Next button. A frame is
one UpdateRequest handled by the top-level window (one backing-store repaint + flush to X); fps =
frames / animation time. Target: >= 58 fps.

Part 2, where the time of a frame goes: synthetic frames (move, process events until the window has
handled its UpdateRequest, round trip to the X server) for several ways of moving two pages:
  shipped  - SwipePager as it is: setGeometry on both pages, both repainted every frame (the pages call
             setAutoFillBackground(True) in __init__, but the style sheet's polish turns it off again);
  autofill - the same with setAutoFillBackground(True) set again on each page after polish (Qt then
             treats pages as opaque and moves their pixels instead of repainting them);
  nofilters- the same as shipped with the kiosk's application-wide Python event filters removed;
  pixmaps  - both pages grabbed to QPixmaps once when the animation starts; one opaque layer
             paints the two pixmaps at their offsets (the pages themselves stay put, unpainted);
  scroll   - QWidget.scroll(dx, 0) on the pager (the backing store is shifted; only the newly
             exposed strip is painted).
Also reports the X server's (Xvfb's) CPU time per frame, which a real GPU-backed X server would not spend.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--swipes", type=int, default=24, help="animated page changes to time (half drags, half Next taps)")
    p.add_argument("--frames", type=int, default=200, help="synthetic frames per variant in part 2")
    p.add_argument("--display", default=":97")
    p.add_argument("--drags", type=int, default=12, help="part 0: drags at finger pace (moves 16 ms apart)")
    p.add_argument("--animation-ms", type=int, default=None, help="override the pager animation (default: the kiosk's own, 250 ms)")
    return p.parse_args()


def realtime_drags(app, window, pager, counter, g, count: int) -> list[float]:
    """Part 0: drags at a finger's pace, each to a page not shown before when there is one.

    Press at 70% of the width, then one mouse move every 16 ms for 12 moves (to 30%), release, and
    let the pager settle. A frame gap is the time between consecutive frames (the press counts as
    the first) from the press until the page has settled: a page built or laid out for the first
    time while the finger moves shows here as one long gap.
    """
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    def send(kind, global_pos: QPoint, buttons) -> None:
        target = window.childAt(window.mapFromGlobal(global_pos)) or window
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        QApplication.sendEvent(target, QMouseEvent(kind, QPointF(target.mapFromGlobal(global_pos)), QPointF(global_pos), button,
                                                   buttons, Qt.KeyboardModifier.NoModifier))

    def run_until(deadline: float) -> None:
        while time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0005)

    window.go_to(1, animate=False)
    run_until(time.perf_counter() + 0.3)
    w, y = pager.width(), int(pager.height() * 0.4)
    worst: list[float] = []
    direction = 1
    print(f"\npart 0: {count} drags at finger pace (12 moves, 16 ms apart), from the first card on; longest frame gap from press to settled")
    for i in range(count):
        index = window.current_index()
        if index >= pager.count() - 2:
            direction = -1
        elif index <= 1:
            direction = 1
        fresh = not pager.is_built(index + direction) if hasattr(pager, "is_built") else None
        start, end = (QPoint(int(w * 0.7), y), QPoint(int(w * 0.3), y)) if direction > 0 else (QPoint(int(w * 0.3), y), QPoint(int(w * 0.7), y))
        counter.stamps.clear()
        t0 = time.perf_counter()
        send(QEvent.Type.MouseButtonPress, window.mapToGlobal(start), Qt.MouseButton.LeftButton)
        for step in range(1, 13):
            run_until(t0 + step * 0.016)
            send(QEvent.Type.MouseMove, window.mapToGlobal(start + (end - start) * step / 12), Qt.MouseButton.LeftButton)
        run_until(t0 + 13 * 0.016)
        send(QEvent.Type.MouseButtonRelease, window.mapToGlobal(end), Qt.MouseButton.NoButton)
        settle_by = time.perf_counter() + 2.0
        while pager.is_animating() and time.perf_counter() < settle_by:
            app.processEvents()
            time.sleep(0.0005)
        done = time.perf_counter()
        stamps = [t0, *[t for t in counter.stamps if t0 <= t <= done]]
        gaps = [b - a for a, b in zip(stamps, stamps[1:])]
        if gaps:
            worst.append(max(gaps))
            at = stamps[gaps.index(max(gaps))] - t0
            where = "press" if at < 0.008 else "release" if at >= 12 * 0.016 else "moves"
            print(f"  drag {i + 1:2d}: page {index} -> {window.current_index()}, {len(stamps) - 1} frames, longest gap {max(gaps) * 1000:4.0f} ms "
                  f"(after the {where}, {at * 1000:.0f} ms in)"
                  + ("" if fresh is None else f" ({'page not built before the drag' if fresh else 'page built ahead'})"))
        run_until(time.perf_counter() + 0.4)  # a patient reads a moment before the next swipe
    return worst


def proc_cpu(pid: int) -> float:
    """utime + stime of another process, in seconds."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    args = parse()
    xvfb = c.start_xvfb(args.display, "1920x1080x24")
    try:
        run(args, xvfb.pid)
    finally:
        c.stop(xvfb)


def run(args: argparse.Namespace, xvfb_pid: int) -> None:
    c.quiet_qt_logs()
    from PySide6.QtCore import QEvent, QObject

    c.header(f"frames: Xvfb {args.display} 1920x1080x24, QT_QPA_PLATFORM=xcb (software rendering throughout)")
    tmp, root = c.private_content()
    timing = {} if args.animation_ms is None else {"animation_ms": args.animation_ms}
    app, kiosk = c.make_kiosk(root, (1920, 1080), **timing)
    window, pager = kiosk.window, kiosk.window.pager
    g = c.gestures()
    print(f"platform {app.platformName()}, window {window.width()}x{window.height()}, pager {pager.width()}x{pager.height()}, "
          f"animation {pager.animation_ms} ms, {pager.count()} pages")

    class FrameCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.stamps: list[float] = []

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.UpdateRequest:
                self.stamps.append(time.perf_counter())
            return False

    counter = FrameCounter()
    window.installEventFilter(counter)
    results = page_changes(app, kiosk, counter, g, args, xvfb_pid)
    drag_gaps = realtime_drags(app, window, pager, counter, g, args.drags)
    report_page_changes(results, drag_gaps)
    frame_costs(app, kiosk, counter, args, xvfb_pid)
    tmp.cleanup()


def page_changes(app, kiosk, counter, g, args: argparse.Namespace, xvfb_pid: int) -> dict[str, list]:
    """Part 1: animated page changes as shipped, half drags and half Next taps, each animation timed."""
    from PySide6.QtCore import QPoint

    window, pager = kiosk.window, kiosk.window.pager
    anim = animation_times(pager)
    results: dict[str, list] = {"drag": [], "next": []}
    direction = 1
    w, h = pager.width(), pager.height()
    for i in range(args.swipes + 2):  # the first two are warm-up (first paint of each page, glyph caches)
        index = window.current_index()
        direction = -1 if index >= pager.count() - 1 else 1 if index <= 1 else direction
        kind = "drag" if i % 2 == 0 or direction < 0 else "next"
        anim.clear()
        cpu0, x0 = c.cpu_s(), proc_cpu(xvfb_pid)
        t0 = time.perf_counter()
        if kind == "drag":
            y = int(h * 0.4)
            a, b = QPoint(int(w * 0.7), y), QPoint(int(w * 0.3), y)  # 40% of the width: the release animates the rest
            start, end = (a, b) if direction > 0 else (b, a)
            released: list[float] = []
            g.mouse_drag(window, start, end, before_release=lambda: released.append(time.perf_counter()))
            t0 = released[0]
        else:
            button = kiosk.window.navbar.next
            g.mouse_tap(window, button.mapTo(window, button.rect().center()))
        counter.stamps = [t for t in counter.stamps if t >= t0]
        wait_until_settled(pager)
        app.processEvents()
        cpu, xcpu = c.cpu_s() - cpu0, proc_cpu(xvfb_pid) - x0
        if window.current_index() == index:
            print(f"  ({kind} {i}: page did not change from {index})")
        begin, finish = anim.get("start", t0), anim.get("end", time.perf_counter())
        stamps = [t for t in counter.stamps if begin <= t <= finish + 0.03]
        if i >= 2 and len(stamps) >= 2:
            gaps = [b - a for a, b in zip(stamps, stamps[1:])]
            results[kind].append({
                "frames": len(stamps), "span": stamps[-1] - stamps[0], "anim": finish - begin, "gap": max(gaps),
                "first": stamps[0] - t0, "cpu": cpu, "xcpu": xcpu,
            })
        counter.stamps.clear()
    return results


def animation_times(pager) -> dict[str, float]:
    """Filled with the pager animation's start and end (perf_counter) each time it runs."""
    from PySide6.QtCore import QAbstractAnimation

    anim: dict[str, float] = {}
    animation = getattr(pager, "_animation", None)
    if animation is not None:
        def on_state(new, _old) -> None:
            if new == QAbstractAnimation.State.Running:
                anim["start"] = time.perf_counter()
            elif new == QAbstractAnimation.State.Stopped:
                anim["end"] = time.perf_counter()

        animation.stateChanged.connect(on_state)
    return anim


def wait_until_settled(pager) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    pager.current_changed.connect(loop.quit)
    QTimer.singleShot(3000, loop.quit)
    if pager.is_animating():
        loop.exec()
    pager.current_changed.disconnect(loop.quit)


def report_page_changes(results: dict[str, list], drag_gaps: list[float]) -> None:
    print("\npart 1: animated page changes, as shipped (fps = (frames - 1) / time from first to last frame of the animation)")
    total_intervals = total_span = 0.0
    for kind, rows in results.items():
        if not rows:
            continue
        frames = sum(r["frames"] for r in rows)
        intervals = sum(r["frames"] - 1 for r in rows)
        span = sum(r["span"] for r in rows)
        total_intervals += intervals
        total_span += span
        print(f"  {kind:<5} x{len(rows):3d}: {intervals / span:5.1f} fps; {frames / len(rows):.1f} frames per {statistics.mean(r['anim'] for r in rows) * 1000:.0f} ms animation; "
              f"longest gap {max(r['gap'] for r in rows) * 1000:.0f} ms; input -> first frame {statistics.median(r['first'] for r in rows) * 1000:.0f} ms (median); "
              f"CPU per frame: kiosk {sum(r['cpu'] for r in rows) / frames * 1000:.1f} ms, Xvfb {sum(r['xcpu'] for r in rows) / frames * 1000:.1f} ms")
    fps = total_intervals / total_span if total_span else 0.0
    c.figure("frames per second during swipe animations", fps, "fps", 58, higher_is_better=True)
    if drag_gaps:
        c.figure("longest frame gap during a finger drag (part 0)", max(drag_gaps) * 1000, "ms", 33, fmt=".0f")
    print("  (the animation timer ticks every ~16 ms, so ~60 fps is the ceiling; a frame = one UpdateRequest handled by the top-level window)")


class FrameCost:
    """Part 2's yardstick: the cost of one frame (a change, then events until the window handled its UpdateRequest)."""

    def __init__(self, app, pager, counter, frames: int, xvfb_pid: int) -> None:
        self.app, self.pager, self.counter, self.frames, self.xvfb_pid = app, pager, counter, frames, xvfb_pid

    def __call__(self, step) -> tuple[float, float, float]:
        """Per frame: wall time (median), kiosk CPU and Xvfb CPU, in ms."""
        cpu0, x0 = c.cpu_s(), proc_cpu(self.xvfb_pid)
        times = []
        for k in range(1, self.frames + 1):
            t0 = time.perf_counter()
            before = len(self.counter.stamps)
            step(k)
            deadline = t0 + 1.0
            while len(self.counter.stamps) == before and time.perf_counter() < deadline:
                self.app.processEvents()
            self.app.processEvents()  # finish the frame that the UpdateRequest started
            self.app.sync()  # and wait until the X server has it
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000, (c.cpu_s() - cpu0) / self.frames * 1000, (proc_cpu(self.xvfb_pid) - x0) / self.frames * 1000

    def slide(self, k: int) -> None:
        """What the pager's _on_animation_value does: both pages moved by setGeometry."""
        self.pager._offset = -self.pager.width() * k / (self.frames + 1)
        self.pager._layout()

    def reset(self) -> None:
        self.pager._target = None
        self.pager._offset = 0.0
        self.pager._layout()
        self.app.processEvents()


def frame_costs(app, kiosk, counter, args: argparse.Namespace, xvfb_pid: int) -> None:
    """Part 2: one frame of the shipped slide against variants (autofill, no filter, pixmaps, scroll)."""
    window, pager = kiosk.window, kiosk.window.pager
    print(f"\npart 2: cost of one frame (move + UpdateRequest handled + X round trip), {args.frames} synthetic frames per variant")
    if not all(hasattr(pager, name) for name in ("_layout", "_offset", "_target", "_current")):
        print("  SwipePager internals changed (_layout/_offset/_target/_current); part 2 skipped")
        return
    window.go_to(1, animate=False)
    app.processEvents()
    cost = FrameCost(app, pager, counter, args.frames, xvfb_pid)
    pager._target = pager._current + 1
    rows = {"shipped": cost(cost.slide)}
    cost.reset()
    rows["autofill"] = autofill_cost(pager, cost)
    rows["nofilters"] = no_filter_cost(app, pager, cost)
    rows["repaint"] = cost(lambda k: window.update())  # reference: the whole window repainted with nothing moving
    rows["pixmaps"], grab_ms = pixmaps_cost(pager, cost, args.frames)
    rows["scroll"] = scroll_cost(app, pager, cost, args.frames)
    report_frame_costs(rows, grab_ms)


def autofill_cost(pager, cost: FrameCost) -> tuple[float, float, float]:
    """What setAutoFillBackground(True) in the pages' __init__ meant to do. QStyleSheetStyle.polish() turns
    autoFillBackground off on every widget its style sheet gives a background, so set it again after polish."""
    autofill = [page.autoFillBackground() for page in pager.pages()]
    print(f"  pages with autoFillBackground() on, as shipped after polish: {sum(autofill)} of {len(autofill)}")
    for page in pager.pages():
        page.setAutoFillBackground(True)
    pager._target = pager._current + 1
    row = cost(cost.slide)
    for page, was in zip(pager.pages(), autofill):
        page.setAutoFillBackground(was)
    cost.reset()
    return row


def no_filter_cost(app, pager, cost: FrameCost) -> tuple[float, float, float]:
    """Shipped without the kiosk's application-wide Python event filter (kiosk/runtime/input_router.py):
    every event of every object (each widget's Paint, timers, UpdateRequest) is handed to it in Python."""
    from kiosk.runtime.input_router import input_router

    router = input_router()
    app.removeEventFilter(router)
    pager._target = pager._current + 1
    row = cost(cost.slide)
    app.installEventFilter(router)
    cost.reset()
    return row


def pixmaps_cost(pager, cost: FrameCost, frames: int) -> tuple[tuple[float, float, float], float]:
    """Grab the two pages once, paint them from one opaque layer; also what the grab costs, in ms."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QWidget

    class PixmapLayer(QWidget):
        def __init__(self, parent: QWidget) -> None:
            super().__init__(parent)
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
            self.pixmaps = []
            self.offset = 0

        def paintEvent(self, event) -> None:
            painter = QPainter(self)
            for i, pixmap in enumerate(self.pixmaps):
                painter.drawPixmap(round(self.offset) + i * self.width(), 0, pixmap)
            painter.end()

    w, h = pager.width(), pager.height()
    current, target = pager.pages()[pager.current_index()], pager.pages()[pager.current_index() + 1]
    target.setGeometry(QRect(0, 0, w, h))
    t0 = time.perf_counter()
    layer = PixmapLayer(pager)
    layer.pixmaps = [current.grab(), target.grab()]
    grab_ms = (time.perf_counter() - t0) * 1000
    layer.setGeometry(0, 0, w, h)
    layer.show()
    layer.raise_()

    def pixmaps(k: int) -> None:
        layer.offset = -w * k / (frames + 1)
        layer.update()

    row = cost(pixmaps)
    layer.hide()
    layer.deleteLater()
    cost.reset()
    return row, grab_ms


def scroll_cost(app, pager, cost: FrameCost, frames: int) -> tuple[float, float, float]:
    """Place the next page beside the current one, then shift the whole pager's contents."""
    from PySide6.QtCore import Qt

    w = pager.width()
    pager._target = pager._current + 1
    pager._layout()
    app.processEvents()
    opaque = pager.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    pager.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)  # lets Qt shift pixels instead of repainting
    moved = [0]

    def scroll(k: int) -> None:
        x = round(-w * k / (frames + 1))
        pager.scroll(x - moved[0], 0)
        moved[0] = x

    row = cost(scroll)
    pager.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, opaque)
    cost.reset()
    return row


def report_frame_costs(rows: dict[str, tuple[float, float, float]], grab_ms: float) -> None:
    from kiosk.runtime.input_router import Stage

    labels = {
        "shipped": "shipped (setGeometry on both pages)",
        "autofill": "shipped + autoFillBackground set again after polish",
        "nofilters": "shipped, app-wide Python event filters removed",
        "repaint": "reference: whole window, nothing moving",
        "pixmaps": "pixmaps (two cached page pixmaps)",
        "scroll": "scroll (QWidget.scroll on the pager)",
    }
    for name in ("shipped", "autofill", "nofilters", "pixmaps", "scroll", "repaint"):
        wall, cpu, xcpu = rows[name]
        print(f"  {labels[name]:<48} {wall:6.2f} ms/frame wall (median), kiosk CPU {cpu:5.2f} ms -> CPU-bound ceiling {1000 / (cpu + xcpu):4.0f} fps "
              f"| Xvfb CPU {xcpu:5.2f} ms")
    print("  (CPU-bound ceiling = 1000 / (kiosk CPU + Xvfb CPU) per frame, as if both had the machine to themselves)")
    print(f"  (app-wide event filters removed for 'nofilters': the input router, {', '.join(stage.name.lower() for stage in Stage)})")
    print(f"  (pixmaps: grabbing the two pages once costs {grab_ms:.1f} ms, paid when the animation starts)")


if __name__ == "__main__":
    main()
