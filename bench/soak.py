"""Soak: the real kiosk window through thousands of swipes, hundreds of reloads and idle resets.

Looks for what a kiosk that runs for months cannot afford: resident memory that keeps growing,
widgets that pile up, per-swipe or per-reload cost that creeps up.

    .venv/bin/python bench/soak.py                      # 5,000 swipes, 500 reloads, 100 resets, offscreen
    .venv/bin/python bench/soak.py --swipes 50000 --reloads 5000 --resets 1000   # the long run
    .venv/bin/python bench/soak.py --xvfb               # in a real X window under Xvfb (:98)
    .venv/bin/python bench/soak.py --tracemalloc        # also: where Python-side memory grew
    .venv/bin/python bench/soak.py --hours 2            # time-based: the RSS slope per hour after warm-up
    .venv/bin/python bench/soak.py --hours 2 --usage --listen-every 20   # visits counted, Listen pressed (issue 23's soak)

Input is real: mouse drags sent through QApplication.sendEvent and touch drags through
QTest.touchEvent (tests/gestures.py; every 10th swipe by default). Of every 5 reloads, 4 edit a card
file + kiosk.reload() (the watcher paused around it, so each edit reloads once) and 1 edits a card file
+ waits for the ContentWatcher to notice (events processed); now and
then a card file is added or removed so card views are created and deleted. Resets alternate between
kiosk.reset_visit() and the idle path (kiosk.on_idle() -> countdown overlay -> expired -> reset).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--swipes", type=int, default=5000)
    p.add_argument("--reloads", type=int, default=500)
    p.add_argument("--resets", type=int, default=100)
    p.add_argument("--warmup-swipes", type=int, default=300, help="swipes before the 'after warm-up' figures (plus 10%% of reloads/resets)")
    p.add_argument("--animation-ms", type=int, default=0, help="pager animation; 0 = instant (default), e.g. 20 to run short animations")
    p.add_argument("--debounce-ms", type=int, default=50, help="watcher debounce (the kiosk's default is 250)")
    p.add_argument("--size", default="1920x1080")
    p.add_argument("--xvfb", action="store_true", help="run in a real X window under Xvfb instead of offscreen")
    p.add_argument("--display", default=":98")
    p.add_argument("--touch-every", type=int, default=10, help="every Nth swipe is a touch drag (QTest.touchEvent paints on every move, so ~5x dearer), the rest mouse drags (0: mouse only)")
    p.add_argument("--double-reloads", action="store_true", help="leave the watcher running during direct reloads (each direct edit then reloads twice)")
    p.add_argument("--touch-steps", type=int, default=4, help="moves per touch drag (each one is processed and painted)")
    p.add_argument("--tracemalloc", action="store_true", help="trace Python allocations; print the top growth after warm-up (slow)")
    p.add_argument("--pixmap-cache-kb", type=int, help="QPixmapCache.setCacheLimit(KB) after start (Qt's default is 10240)")
    p.add_argument("--progress", type=int, default=10, help="progress lines during the measured phase")
    p.add_argument("--hours", type=float, help="run the measured phase for this long instead of --swipes/--reloads/--resets "
                   "(in rounds of 200 swipes, 20 reloads, 4 resets) and print the RSS slope per hour (target <= 1 MB/h)")
    p.add_argument("--sample-s", type=float, default=30.0, help="with --hours: seconds between RSS samples")
    p.add_argument("--usage", action="store_true", help="count visits in a UsageStore (SQLite in the temporary folder), as `kiosk run` does")
    p.add_argument("--listen-every", type=int, default=0, help="press Listen on every Nth swipe's card (the speech helper process "
                   "speaks, through speech-dispatcher and PulseAudio with a null sink started for the run) and answer "
                   "'Was this helpful?' (0: never)")
    return p.parse_args()


_libc = None


def malloc_trim() -> None:
    global _libc
    try:
        _libc = _libc or ctypes.CDLL("libc.so.6")
        _libc.malloc_trim(0)
    except OSError:
        pass


class Soak:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        width, height = (int(v) for v in args.size.lower().split("x"))
        self.size = (width, height)
        self.tmp, self.root = c.private_content()
        self.usage = None
        if args.usage:
            from kiosk.usage.runtime import UsageStore

            self.usage = UsageStore(Path(self.tmp.name) / "usage.db")
        self.app, self.kiosk = c.make_kiosk(
            self.root, self.size, watch=True, animation_ms=args.animation_ms, debounce_ms=args.debounce_ms, countdown_s=1, tick_ms=10,
            usage=self.usage,
        )
        self.listens = self.listens_spoken = self.helpful = 0
        if args.listen_every:
            speaker = self.kiosk.listening.speaker
            speaker.start()  # as `kiosk run` does after the first frame: the speech helper process
            speaker.wait_until_answered()
            print(f"speech: {speaker.engine_name or speaker.engine_reason}", flush=True)
        self.g = c.gestures()
        if args.pixmap_cache_kb is not None:
            from PySide6.QtGui import QPixmapCache

            QPixmapCache.setCacheLimit(args.pixmap_cache_kb)
        self.reload_signals = 0
        self.resets_seen = 0
        self.kiosk.reloaded.connect(self._on_reloaded)
        self.kiosk.visit_reset.connect(self._on_reset)
        self.cards = sorted((self.root / "en").glob("*.md"))
        self.originals = {p: p.read_text(encoding="utf-8") for p in self.cards}
        self.extra = self.root / "en" / "45-bench-extra.md"
        self.edits = 0
        self.direction = 1
        self.failed_swipes = 0
        self.failures: list[str] = []
        self.swipes = self.reloads = self.watcher_reloads = self.resets = 0
        self.swipe_s = self.reload_s = 0.0

    def _on_reloaded(self) -> None:
        self.reload_signals += 1

    def _on_reset(self) -> None:
        self.resets_seen += 1

    # --- actions ---------------------------------------------------------------------------------

    def settle(self) -> None:
        pager = self.kiosk.window.pager
        deadline = time.monotonic() + 5
        self.app.processEvents()
        while pager.is_animating() and time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.001)

    def swipe(self) -> None:
        from PySide6.QtCore import QPoint

        window = self.kiosk.window
        count = window.pager.count()
        index = window.current_index()
        if index >= count - 1:
            self.direction = -1
        elif index <= 0:
            self.direction = 1
        w, h = self.size
        y = int(h * 0.4)
        right, left = QPoint(int(w * 0.8), y), QPoint(int(w * 0.15), y)
        start, end = (right, left) if self.direction > 0 else (left, right)
        t0 = time.perf_counter()
        if self.args.touch_every and self.swipes % self.args.touch_every == 1:
            self.g.touch_drag(window, start, end, steps=self.args.touch_steps)
        else:
            self.g.mouse_drag(window, start, end)
        self.settle()
        self.swipe_s += time.perf_counter() - t0
        if window.current_index() != index + self.direction:
            self.failed_swipes += 1
            if len(self.failures) < 5:
                self.failures.append(f"swipe {self.swipes}: page {index} -> {window.current_index()} (wanted {index + self.direction}, "
                                     f"{'touch' if self.args.touch_every and self.swipes % self.args.touch_every == 1 else 'mouse'}, "
                                     f"pages now {window.pager.count()}, reloads so far {self.reload_signals})")
        self.swipes += 1
        if self.args.listen_every and self.swipes % self.args.listen_every == 0:
            self.listen()

    def listen(self) -> None:
        """Press Listen where the card offers it (a real tap), let it speak a moment, answer the helpful question."""
        from kiosk.usage.wiring import helpful_prompt

        window, bar = self.kiosk.window, self.kiosk.listening.bar
        view = self.kiosk.current_card_view()
        if view is None or not bar.isVisible():
            return
        self.listens += 1
        self.g.mouse_tap(window, bar.main.mapTo(window, bar.main.rect().center()))
        speaker = self.kiosk.listening.speaker
        started: list[int] = []
        speaker.block_changed.connect(started.append)
        deadline = time.monotonic() + 1.5  # until the engine says it is reading (the next swipe stops it)
        while time.monotonic() < deadline and not any(block >= 0 for block in started):
            self.app.processEvents()
            time.sleep(0.005)
        speaker.block_changed.disconnect(started.append)
        self.listens_spoken += any(block >= 0 for block in started)
        prompt = helpful_prompt(view)
        if prompt.isVisible() and not prompt.is_answered():
            self.g.mouse_tap(window, prompt.yes.mapTo(window, prompt.yes.rect().center()))
            self.helpful += 1

    def edit_card(self) -> Path:
        """Rewrite one card with a changed line (same size every time: nothing accumulates on disk)."""
        self.edits += 1
        path = self.cards[self.edits % len(self.cards)]
        text = self.originals[path]
        if self.edits % 2:
            text = text.replace("\n---\n", f"\n---\nBench edit {self.edits:06d}.\n\n", 1)
        else:
            text = text.replace("title: ", f"title: ({self.edits:06d}) ", 1)
        path.write_text(text, encoding="utf-8")
        return path

    def toggle_extra_card(self) -> None:
        if self.extra.exists():
            self.extra.unlink()
        else:
            self.extra.write_text("---\ntitle: Bench extra card\nicon: fa5s.star\n---\nA card that comes and goes.\n", encoding="utf-8")

    def reload(self) -> None:
        t0 = time.perf_counter()
        self.reloads += 1
        if self.reloads % 25 == 0:
            self.toggle_extra_card()
        else:
            self.edit_card()
        if self.reloads % 5 == 0:
            # The watcher path: file-system event -> debounce -> changed -> kiosk.reload, events processed.
            before = self.reload_signals
            deadline = time.monotonic() + 5
            while self.reload_signals == before and time.monotonic() < deadline:
                self.app.processEvents()
                time.sleep(0.002)
            self.watcher_reloads += 1
        else:
            # A direct reload (what the staff panel's Reload button does). The watcher is paused around it,
            # or it would reload a second time for the same edit and the count would no longer be M.
            watcher = self.kiosk.watcher
            if watcher is not None and not self.args.double_reloads:
                watcher.stop()
            self.kiosk.reload()
            if watcher is not None and not self.args.double_reloads:
                watcher.start()
            self.app.processEvents()
        self.reload_s += time.perf_counter() - t0

    def reset(self) -> None:
        self.resets += 1
        if self.resets % 2:
            self.kiosk.reset_visit()
        else:
            before = self.resets_seen
            if self.kiosk.window.current_index() == 0:
                self.swipe()
            self.kiosk.on_idle()  # what IdleMonitor.idle triggers: the countdown overlay, then the reset
            deadline = time.monotonic() + 5
            while self.resets_seen == before and time.monotonic() < deadline:
                self.app.processEvents()
                time.sleep(0.002)
        self.app.processEvents()

    # --- the run ---------------------------------------------------------------------------------

    def run_mix(self, swipes: int, reloads: int, resets: int, progress: int = 0, t_start: float = 0.0) -> None:
        reload_every = swipes / reloads if reloads else float("inf")
        reset_every = swipes / resets if resets else float("inf")
        done_reloads = done_resets = 0
        step = max(1, swipes // progress) if progress else 0
        for i in range(1, swipes + 1):
            self.swipe()
            while done_reloads < reloads and i >= (done_reloads + 1) * reload_every:
                self.reload()
                done_reloads += 1
            while done_resets < resets and i >= (done_resets + 1) * reset_every:
                self.reset()
                done_resets += 1
            if i % 50 == 0:
                c.drain_deferred_deletes()
            if step and i % step == 0:
                c.drain_deferred_deletes()
                print(
                    f"  {i:>6} swipes {done_reloads:>5} reloads {done_resets:>4} resets | RSS {c.rss_mb():7.1f} MB | "
                    f"widgets {len(self.app.allWidgets()):4d} | {time.perf_counter() - t_start:6.1f} s",
                    flush=True,
                )
        for _ in range(reloads - done_reloads):
            self.reload()
        for _ in range(resets - done_resets):
            self.reset()

    def checkpoint(self, name: str) -> dict:
        if self.extra.exists():
            # Same pages at every checkpoint, so live-widget counts compare like with like.
            self.extra.unlink()
            if self.kiosk.watcher is not None:
                self.kiosk.watcher.stop()
            self.kiosk.reload()
            if self.kiosk.watcher is not None:
                self.kiosk.watcher.start()
        c.drain_deferred_deletes()
        self.app.processEvents()
        c.drain_deferred_deletes()
        gc.collect()
        point = {"name": name, "rss": c.rss_mb(), "cpu": c.cpu_s(), "wall": time.perf_counter(), "widgets": len(self.app.allWidgets())}
        malloc_trim()
        point["rss_trim"] = c.rss_mb()
        point["objects"] = len(gc.get_objects())
        print(
            f"[{name:<8}] RSS {point['rss']:7.1f} MB (after malloc_trim {point['rss_trim']:7.1f} MB) | CPU {point['cpu']:7.2f} s | "
            f"live QWidgets {point['widgets']:4d} | Python objects {point['objects']}",
            flush=True,
        )
        return point


def slope_per_hour(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) samples, in MB per hour."""
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_m = sum(m for _, m in samples) / n
    var = sum((t - mean_t) ** 2 for t, _ in samples)
    return sum((t - mean_t) * (m - mean_m) for t, m in samples) / var * 3600 if var else 0.0


def run_for_hours(soak: Soak, args: argparse.Namespace, warm: dict) -> None:
    """Rounds of the mix until the time is up, RSS sampled every --sample-s; prints the slope against 1 MB/h."""
    t0 = time.monotonic()
    deadline = t0 + args.hours * 3600
    samples = [(0.0, c.rss_mb())]
    next_sample = t0 + args.sample_s
    rounds = 0
    while time.monotonic() < deadline:
        soak.run_mix(200, 20, 4)
        rounds += 1
        now = time.monotonic()
        if now >= next_sample:
            samples.append((now - t0, c.rss_mb()))
            next_sample = now + args.sample_s
            if len(samples) % 10 == 0:
                print(f"  {(now - t0) / 60:6.1f} min: RSS {samples[-1][1]:.1f} MB, {soak.swipes} swipes, {soak.reloads} reloads, "
                      f"{soak.resets} resets so far", flush=True)
    samples.append((time.monotonic() - t0, c.rss_mb()))
    hours = samples[-1][0] / 3600
    print(f"time-based phase: {hours * 60:.1f} min, {rounds} rounds, {len(samples)} RSS samples "
          f"(min {min(m for _, m in samples):.1f}, max {max(m for _, m in samples):.1f} MB)")
    c.figure("RSS slope after warm-up (least squares)", slope_per_hour(samples), "MB/h", 1.0)
    if len(samples) >= 8:
        second_half = samples[len(samples) // 2:]
        c.figure("  same over the second half only", slope_per_hour(second_half), "MB/h", 1.0)


def main() -> None:
    args = parse()
    xvfb = None
    if args.xvfb:
        xvfb = c.start_xvfb(args.display, f"{args.size}x24")
    else:
        c.use_offscreen()
    c.quiet_qt_logs()
    audio_folder = tempfile.TemporaryDirectory(prefix="kiosk-soak-audio-")  # short: Unix socket paths are limited
    audio = c.start_real_audio(Path(audio_folder.name)) if args.listen_every else None
    try:
        mix = f"{args.hours} hours of rounds" if args.hours else f"{args.swipes} swipes, {args.reloads} reloads, {args.resets} idle resets"
        c.header(f"soak: {mix} "
                 f"({'Xvfb ' + args.display if args.xvfb else 'offscreen'}, {args.size}, animation {args.animation_ms} ms)")
        if args.pixmap_cache_kb is not None:
            print(f"NOTE: not the kiosk as shipped: --pixmap-cache-kb {args.pixmap_cache_kb}")
        soak = Soak(args)
        start = soak.checkpoint("start")
        w_swipes = args.warmup_swipes
        soak.run_mix(w_swipes, max(1, args.reloads // 10), max(1, args.resets // 10))
        warm = soak.checkpoint("warm-up")
        if args.tracemalloc:
            import tracemalloc

            tracemalloc.start(12)
            snap0 = tracemalloc.take_snapshot()
        counts0 = (soak.swipes, soak.reloads, soak.resets, soak.swipe_s, soak.reload_s)
        if args.hours:
            run_for_hours(soak, args, warm)
        else:
            soak.run_mix(args.swipes, args.reloads, args.resets, args.progress, warm["wall"])
        end = soak.checkpoint("end")
        if args.tracemalloc:
            snap1 = tracemalloc.take_snapshot()
            print("top Python allocation growth since warm-up (tracemalloc):")
            for stat in snap1.compare_to(snap0, "traceback")[:8]:
                print(f"  {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks  {stat.traceback.format()[-1].strip()}")
        swipes = soak.swipes - counts0[0]
        reloads = soak.reloads - counts0[1]
        resets = soak.resets - counts0[2]
        print()
        print(f"measured phase: {swipes} swipes ({soak.failed_swipes} did not change page, whole run), {reloads} reloads "
              f"({soak.watcher_reloads} of all reloads waited for the watcher; 'reloaded' emitted {soak.reload_signals} times in all, "
              f"watcher reloads of direct edits included), {resets} resets; wall {end['wall'] - warm['wall']:.1f} s")
        for failure in soak.failures:
            print(f"  did not change page: {failure}")
        if args.listen_every:
            print(f"Listen pressed {soak.listens} times ({soak.listens_spoken} began reading within 1.5 s), "
                  f"'Was this helpful?' answered {soak.helpful} times")
        print(f"time per swipe {(soak.swipe_s - counts0[3]) / max(1, swipes) * 1000:.2f} ms, per reload {(soak.reload_s - counts0[4]) / max(1, reloads) * 1000:.2f} ms "
              f"(wall, incl. drag events, layout, paint, processEvents)")
        print(f"CPU time: start {start['cpu']:.2f} s, after warm-up {warm['cpu']:.2f} s, end {end['cpu']:.2f} s "
              f"(measured phase {end['cpu'] - warm['cpu']:.1f} s CPU over {end['wall'] - warm['wall']:.1f} s wall)")
        print()
        c.figure("RSS growth, after warm-up -> end", end["rss"] - warm["rss"], "MB", 5.0)
        c.figure("RSS growth, start (first render) -> end", end["rss"] - start["rss"], "MB", 5.0)
        c.figure("  same after malloc_trim(0), after warm-up -> end", end["rss_trim"] - warm["rss_trim"], "MB", 5.0)
        c.figure("  same after malloc_trim(0), start -> end", end["rss_trim"] - start["rss_trim"], "MB", 5.0)
        c.figure("live QWidgets, end - start", end["widgets"] - start["widgets"], "", 0, fmt="d")
        print(f"live QWidgets: start {start['widgets']}, after warm-up {warm['widgets']}, end {end['widgets']}")
        print(f"RSS: start {start['rss']:.1f} MB, after warm-up {warm['rss']:.1f} MB, end {end['rss']:.1f} MB")
        soak.kiosk.listening.shutdown()  # the speech helper process ends with the kiosk
        soak.kiosk.window.close()
        if soak.usage is not None:
            soak.usage.stop()
        if soak.kiosk.watcher is not None:
            soak.kiosk.watcher.stop()
        soak.tmp.cleanup()
    finally:
        if audio is not None:
            audio.close()
        audio_folder.cleanup()
        c.stop(xvfb)


if __name__ == "__main__":
    main()
