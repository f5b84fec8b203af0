"""Live reload: how soon an edit is on screen, and how loading time grows with the size of the deck.

    .venv/bin/python bench/reload.py                     # (a) 12 edits, (b) decks of 10, 100, 500 cards
    .venv/bin/python bench/reload.py --edits 50 --sizes 10,100,500,1000 --repeat 5
    .venv/bin/python bench/reload.py --no-screens        # (b) without building the kiosk's screens
    .venv/bin/python bench/reload.py --only a            # or --only b

(a) Edit -> new content on screen, through the real watcher path: KioskApp(watch=True) with the
    kiosk's default 250 ms debounce, showing the first card; the card's file is edited (alternately
    rewritten in place and saved the way many editors do: temp file renamed over it; alternately its
    title and its text) and the event loop runs until the card view shows the new title/text and the
    window has painted a frame after that. Target: <= 300 ms, debounce included.
(b) ContentStore(root).reload() on generated decks (one language, cards made from the sample ones),
    a fresh store each time (nothing cached) and again on the same store, and building the kiosk's
    screens for them (KioskApp(...) + first paint). Target: 500 cards <= 1 s and near-linear growth
    (per-card time at the largest deck within 1.5x of the smallest).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--edits", type=int, default=12)
    p.add_argument("--sizes", default="10,100,500")
    p.add_argument("--repeat", type=int, default=3, help="timings per deck size (median reported)")
    p.add_argument("--no-screens", action="store_true", help="(b): only ContentStore.reload(), not the kiosk's screens")
    p.add_argument("--only", choices=["a", "b", "c"])
    p.add_argument("--bulk", type=int, default=2000, help="(c): cards copied into the running kiosk")
    p.add_argument("--try-fix", action="store_true",
                   help="(b) also with yaml's C loader applied by monkeypatching (not the kiosk as shipped; deliberately "
                        "not adopted: libyaml reports worse line numbers)")
    p.add_argument("--xvfb", action="store_true", help="run the kiosk in a real X window under Xvfb (default offscreen)")
    p.add_argument("--display", default=":99")
    return p.parse_args()


# --- (a) ---------------------------------------------------------------------------------------


def close_kiosk(kiosk) -> None:
    if kiosk.watcher is not None:
        kiosk.watcher.stop()
    kiosk.window.close()
    kiosk.window.deleteLater()
    kiosk.deleteLater()
    c.drain_deferred_deletes()


def edit_latency(args: argparse.Namespace) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    print("\n(a) edit -> new content on screen (KioskApp(watch=True), default debounce)")
    tmp, root = c.private_content()
    app, kiosk = c.make_kiosk(root, (1920, 1080), watch=True, animation_ms=0)
    debounce = kiosk.timing.debounce_ms
    kiosk.window.go_to(1, animate=False)
    app.processEvents()
    view = kiosk.window.pager.current_page()
    path = view.card.path if getattr(view, "card", None) is not None else sorted((root / "en").glob("*.md"))[0]
    path = root / path.relative_to(path.parents[1]) if not str(path).startswith(str(root)) else path
    original = path.read_text(encoding="utf-8")

    frames = c.count_frames(kiosk.window)
    reloads = []
    kiosk.reloaded.connect(lambda: reloads.append(time.perf_counter()))

    def shown() -> tuple[str, str]:
        page = kiosk.window.pager.current_page()
        return page.title.text(), page.body.toPlainText()

    rows = []
    for i in range(args.edits + 1):  # the first edit is a warm-up
        marker = f"{i:04d}"
        if i % 2:
            text = original.replace("title: ", f"title: ({marker}) ", 1)
            changed = lambda title, body, m=marker: f"({m})" in title  # noqa: E731
        else:
            text = original.replace("\n---\n", f"\n---\nEdit number {marker}.\n\n", 1)
            changed = lambda title, body, m=marker: f"Edit number {m}" in body  # noqa: E731
        rename = (i // 2) % 2 == 1
        app.processEvents()
        time.sleep(0.3)  # let the previous burst settle fully
        app.processEvents()
        reloads.clear()
        if rename:
            tmp_path = path.with_name("." + path.name + ".swp")
            tmp_path.write_text(text, encoding="utf-8")
            t0 = time.perf_counter()
            os.replace(tmp_path, path)
        else:
            t0 = time.perf_counter()
            path.write_text(text, encoding="utf-8")
        t_text = t_paint = None
        frames_at_text = 0
        loop = QEventLoop()
        poll = QTimer(interval=1)

        def check() -> None:
            nonlocal t_text, t_paint, frames_at_text
            if t_text is None and changed(*shown()):
                t_text = time.perf_counter()
                frames_at_text = frames.count
            elif t_text is not None and frames.count > frames_at_text:
                t_paint = time.perf_counter()
                loop.quit()

        poll.timeout.connect(check)
        poll.start()
        QTimer.singleShot(5000, loop.quit)
        loop.exec()
        poll.stop()
        if t_text is None:
            print(f"  edit {i}: the new text never showed (5 s)")
            continue
        if t_paint is None:
            t_paint = t_text
        if i:
            rows.append((t_text - t0, t_paint - t0, reloads[0] - t0 if reloads else float("nan"), len(reloads), "rename" if rename else "in place"))
    path.write_text(original, encoding="utf-8")
    for kind in ("in place", "rename"):
        sub = [r for r in rows if r[4] == kind]
        if sub:
            print(f"  {kind:<8} x{len(sub):2d}: text shown after {statistics.median(r[0] for r in sub) * 1000:5.0f} ms, painted after "
                  f"{statistics.median(r[1] for r in sub) * 1000:5.0f} ms (median; max {max(r[1] for r in sub) * 1000:.0f} ms); "
                  f"reloads per edit {statistics.median(r[3] for r in sub):.0f}")
    slow = [r for r in rows if r[1] > 0.3]
    for r in slow:
        print(f"  slow edit ({r[4]}): text shown {r[0] * 1000:.0f} ms, painted {r[1] * 1000:.0f} ms, first 'reloaded' {r[2] * 1000:.0f} ms, {r[3]} reloads")
    reload_cost = statistics.median(r[1] - r[2] for r in rows if r[2] == r[2]) * 1000
    print(f"  debounce {debounce} ms; 'reloaded' signal -> painted {reload_cost:.0f} ms (median; the reload itself runs before the signal)")
    c.figure("edit -> new content painted (median, debounce incl.)", statistics.median(r[1] for r in rows) * 1000, "ms", 300, fmt=".0f")
    c.figure("edit -> new content painted (worst)", max(r[1] for r in rows) * 1000, "ms", 300, fmt=".0f")
    t0 = time.perf_counter()
    for _ in range(5):
        kiosk.reload()
    print(f"  one kiosk.reload() on this deck ({sum(len(kiosk.state.cards(lang)) for lang in kiosk.state.decks)} cards in "
          f"{len(kiosk.state.decks)} language(s)): {(time.perf_counter() - t0) / 5 * 1000:.0f} ms")
    close_kiosk(kiosk)
    tmp.cleanup()


# --- (b) ---------------------------------------------------------------------------------------

CONFIG = """[clinic]
name = "Bench Clinic"
address = "1 Test Street"
phone = "(555) 010-0000"
website = "https://example.org/"

[welcome]
title = "Bench deck"
subtitle = "Generated cards"

[kiosk]
idle_seconds = 90
languages = ["en"]
"""


def generate_deck(folder: Path, count: int) -> Path:
    """`count` cards made from the sample ones (front matter and Markdown bodies), each with its own title."""
    samples = sorted((c.SAMPLE_CONTENT / "en").glob("*.md"))
    texts = [s.read_text(encoding="utf-8") for s in samples]
    root = folder / f"deck-{count}"
    (root / "en").mkdir(parents=True)
    (root / "kiosk.toml").write_text(CONFIG, encoding="utf-8")
    if (c.SAMPLE_CONTENT / "images").is_dir():
        shutil.copytree(c.SAMPLE_CONTENT / "images", root / "images")
    width = len(str(count * 10))
    for i in range(count):
        text = texts[i % len(texts)].replace("title: ", f"title: {i + 1}. ", 1)
        (root / "en" / f"{(i + 1) * 10:0{width}d}-card.md").write_text(text, encoding="utf-8")
    return root


def apply_parse_fixes(yaml_c: bool):
    """If `yaml_c`, libyaml's loader in kiosk/core/cards.py; returns an undo function.

    (kiosk/core/markdown.py already reuses one markdown-it parser, so there is nothing to patch there.)
    """
    import types

    import yaml

    import kiosk.core.cards

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    fast_yaml = types.SimpleNamespace(**{k: getattr(yaml, k) for k in dir(yaml) if not k.startswith("__")})
    fast_yaml.safe_load = (lambda text: yaml.load(text, Loader=loader)) if yaml_c else yaml.safe_load
    old = kiosk.core.cards.yaml
    kiosk.core.cards.yaml = fast_yaml

    def restore() -> None:
        kiosk.core.cards.yaml = old

    return restore


def deck_sizes(args: argparse.Namespace) -> None:
    from kiosk.core.store import ContentStore

    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"\n(b) loading generated decks of {', '.join(map(str, sizes))} cards (median of {args.repeat})")
    ContentStore(c.SAMPLE_CONTENT).reload()  # imports, icon name tables, Markdown set-up: paid once per process
    with tempfile.TemporaryDirectory(prefix="kiosk-decks-") as tmp:
        roots = {n: generate_deck(Path(tmp), n) for n in sizes}
        per_card, per_card_cpu = {}, {}
        baseline = {}
        for n in sizes:
            cold, warm, cold_cpu = [], [], []
            for _ in range(args.repeat):
                store = ContentStore(roots[n])
                t0, c0 = time.perf_counter(), c.cpu_s()
                state = store.reload()
                cold.append(time.perf_counter() - t0)
                cold_cpu.append(c.cpu_s() - c0)
                t0 = time.perf_counter()
                store.reload()
                warm.append(time.perf_counter() - t0)
            baseline[n] = state
            cards = len(state.cards("en"))
            errors = [p for p in state.problems if p.is_error]
            per_card[n] = statistics.median(cold) / cards
            per_card_cpu[n] = statistics.median(cold_cpu) / cards
            print(f"  {n:5d} cards: ContentStore.reload() {statistics.median(cold) * 1000:7.1f} ms wall ({statistics.median(cold_cpu) * 1000:7.1f} ms CPU) "
                  f"fresh store, {statistics.median(warm) * 1000:7.1f} ms wall same store again; {per_card[n] * 1000:.2f} ms wall, "
                  f"{per_card_cpu[n] * 1000:.2f} ms CPU per card; fastest run {min(cold) * 1000:.0f} ms{f'; {len(errors)} errors' if errors else ''}")
        largest, smallest = max(sizes), min(sizes)
        c.figure(f"ContentStore.reload(), {largest} cards, wall", per_card[largest] * largest * 1000, "ms", 1000, fmt=".0f")
        c.figure(f"ContentStore.reload(), {largest} cards, CPU", per_card_cpu[largest] * largest * 1000, "ms", 1000, fmt=".0f")
        c.figure(f"per-card CPU time, {largest} vs {smallest} cards (linearity)", per_card_cpu[largest] / per_card_cpu[smallest], "x", 1.5, fmt=".2f")
        for yaml_c in ((False, True) if args.try_fix else ()):
            restore = apply_parse_fixes(yaml_c)
            print(f"  {'with yaml CSafeLoader (not adopted; monkeypatched)' if yaml_c else 'again, as shipped (one markdown-it parser)'}:")
            for n in sizes:
                cold, cold_cpu = [], []
                for _ in range(args.repeat):
                    store = ContentStore(roots[n])
                    t0, c0 = time.perf_counter(), c.cpu_s()
                    state = store.reload()
                    cold.append(time.perf_counter() - t0)
                    cold_cpu.append(c.cpu_s() - c0)
                fixed_cpu = statistics.median(cold_cpu)
                same = state.cards("en") == baseline[n].cards("en") and len(state.problems) == len(baseline[n].problems)
                print(f"  {n:5d} cards: ContentStore.reload() {statistics.median(cold) * 1000:7.1f} ms wall ({fixed_cpu * 1000:7.1f} ms CPU) fresh store; "
                      f"{fixed_cpu / n * 1000:.2f} ms CPU per card ({per_card_cpu[n] * n / fixed_cpu:.2f}x less CPU; cards and problems {'identical' if same else 'DIFFERENT'} to the shipped code's)")
            restore()
        if args.no_screens:
            return
        from PySide6.QtWidgets import QApplication

        print("  building the kiosk's screens too: KioskApp(...) on the deck, window shown, first frame painted")
        app = QApplication.instance() or QApplication([sys.argv[0]])
        for n in sizes:
            times, reloads = [], []
            for _ in range(max(1, args.repeat if n <= 100 else 1)):
                t0 = time.perf_counter()
                app_, kiosk = c.make_kiosk(roots[n], (1920, 1080), animation_ms=0)
                times.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                kiosk.reload()
                app.processEvents()
                reloads.append(time.perf_counter() - t0)
                kiosk.window.close()
                kiosk.window.deleteLater()
                kiosk.deleteLater()
                c.drain_deferred_deletes()
            print(f"  {n:5d} cards: KioskApp built + first paint {statistics.median(times) * 1000:7.0f} ms "
                  f"({statistics.median(times) / n * 1000:.1f} ms per card); kiosk.reload() with nothing changed "
                  f"{statistics.median(reloads) * 1000:6.0f} ms; RSS now {c.rss_mb():.0f} MB")


# --- (c) ---------------------------------------------------------------------------------------


class StallProbe:
    """A 10 ms timer on the GUI thread: the longest interval between its ticks is the longest time
    the event loop, and so a touch, waited."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.intervals: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.intervals.append(now - self._last)
        self._last = now

    def restart(self) -> None:
        self.intervals.clear()
        self._last = time.perf_counter()

    def longest_ms(self) -> float:
        return max(self.intervals, default=0.0) * 1000

    def p99_ms(self) -> float:
        ordered = sorted(self.intervals)
        return ordered[int(len(ordered) * 0.99)] * 1000 if ordered else 0.0


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_until(app, done, seconds: float) -> bool:
    deadline = time.perf_counter() + seconds
    while not done():
        if time.perf_counter() > deadline:
            return False
        app.processEvents()
        time.sleep(0.001)
    return True


def bulk_drop(args: argparse.Namespace) -> None:
    """2,000 cards copied into a running kiosk's en/ folder, then one of them saved."""
    count = args.bulk
    print(f"\n(c) {count} cards copied into the running kiosk's en/ (KioskApp(watch=True) on the sample content, showing card 3)")
    tmp, root = c.private_content()
    app, kiosk = c.make_kiosk(root, (1920, 1080), watch=True, animation_ms=0)
    kiosk.window.go_to(3, animate=False)
    app.processEvents()
    rss_before = c.rss_mb()
    before = len(kiosk.views)
    with tempfile.TemporaryDirectory(prefix="kiosk-bulk-") as staging:
        source = generate_deck(Path(staging), count)
        probe = StallProbe()
        copy_done: list[float] = []

        def copy() -> None:  # as a file manager or sync tool would: one file after another, in another process's time
            for path in sorted((source / "en").glob("*.md")):
                shutil.copy(path, root / "en" / f"5{path.name}")
            copy_done.append(time.perf_counter())

        t0, cpu0 = time.perf_counter(), c.cpu_s()
        copier = threading.Thread(target=copy)
        copier.start()
        shown = run_until(app, lambda: bool(copy_done) and len(kiosk.views) == before + count and not kiosk.loader.is_busy(), 120)
        copier.join()
        copied = copy_done[0] - t0
        on_screen = time.perf_counter() - t0
        run_until(app, lambda: False, 1.0)  # and a second more, for anything that follows
        print(f"  copying took {copied * 1000:.0f} ms; all {count} cards on screen {on_screen:.2f} s after the copy began "
              f"({'yes' if shown else 'NOT within 120 s'}); kiosk CPU {c.cpu_s() - cpu0:.2f} s; "
              f"event loop: {len(probe.intervals)} ticks, p99 interval {probe.p99_ms():.0f} ms")
        print(f"  card views built: {len(kiosk.views.built()) if hasattr(kiosk.views, 'built') else len(kiosk.views)} of {len(kiosk.views)}; "
              f"pages {kiosk.window.pager.count()}; RSS {rss_before:.0f} MB before, {c.rss_mb():.0f} MB after, peak {peak_rss_mb():.0f} MB")
        c.figure(f"longest event-loop stall while {count} cards arrive", probe.longest_ms(), "ms", 100, fmt=".0f")
        c.figure(f"RSS with {count} more cards", c.rss_mb(), "MB", 300, fmt=".0f")
        # Afterwards, a save of one card: re-parses that card alone, off the GUI thread.
        target = root / "en" / "30-how-it-is-different.md"
        text = target.read_text(encoding="utf-8")
        parsed = kiosk.store.cache.parsed
        reloads: list[float] = []
        kiosk.reloaded.connect(lambda: reloads.append(time.perf_counter()))
        probe.restart()
        t0 = time.perf_counter()
        target.write_text(text.replace("\n---\n", "\n---\nSaved again.\n\n", 1), encoding="utf-8")
        run_until(app, lambda: bool(reloads) and not kiosk.loader.is_busy(), 30)
        run_until(app, lambda: False, 0.3)
        print(f"  then one card saved: on screen after {(reloads[0] - t0) * 1000 if reloads else float('nan'):.0f} ms "
              f"(debounce {kiosk.timing.debounce_ms} ms incl.); cards parsed again: {kiosk.store.cache.parsed - parsed}")
        c.figure(f"longest event-loop stall when one card of {before + count} is saved", probe.longest_ms(), "ms", 100, fmt=".0f")
    close_kiosk(kiosk)
    tmp.cleanup()


def main() -> None:
    args = parse()
    xvfb = None
    if args.xvfb:
        xvfb = c.start_xvfb(args.display, "1920x1080x24")
    else:
        c.use_offscreen()
    c.quiet_qt_logs()
    try:
        c.header(f"reload ({'Xvfb' if args.xvfb else 'offscreen'})")
        if args.only in (None, "a"):
            edit_latency(args)
        if args.only in (None, "b"):
            deck_sizes(args)
        if args.only in (None, "c"):
            bulk_drop(args)
    finally:
        c.stop(xvfb)


if __name__ == "__main__":
    main()
