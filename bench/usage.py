"""Usage counts: what counting costs per visit, and how big the database grows in a busy year.

    .venv/bin/python bench/usage.py                  # one simulated year of a busy clinic
    .venv/bin/python bench/usage.py --visits-per-hour 20 --years 2

A simulated busy clinic: open 12 hours a day (07:00-19:00), every day of the year, `--visits-per-hour`
visits each hour (default 10: 120 a day, 43,800 a year), 8 cards in 2 languages (80 % English),
each visit seeing 1-8 cards for 2-200 s each, a third of them reaching the contact screen, a fifth
answering "Was this helpful?", a few switching language, text size or contrast.

Figures:
- On the GUI thread, per visit: every recorder event of the visit plus handing it to the writer
  (what a patient's swipes pay). Target: <= 0.2 ms.
- On the writer thread, per visit: one `UsageDb.add` (one SQLite transaction in WAL mode). Target:
  <= 5 ms, so even a burst of finished visits is written long before the next one ends.
- The database file after the simulated years (after the retention prune and a checkpoint, as the
  kiosk leaves it), and per year. Target: <= 20 MB per year.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import figure, header  # noqa: E402

from kiosk.usage.core.visits import EndReason, VisitCounts, VisitRecorder  # noqa: E402
from kiosk.usage.core.db import UsageDb  # noqa: E402

CARDS = [f"{n}0-card-{n}.md" for n in range(1, 9)]


def simulate_visit(recorder: VisitRecorder, clock: list[float], rng: random.Random) -> VisitCounts | None:
    recorder.reset_choices("es" if rng.random() < 0.2 else "en", "normal", False)
    if rng.random() < 0.05:
        recorder.set_text_size(rng.choice(["large", "largest"]))
    if rng.random() < 0.02:
        recorder.set_high_contrast(True)
    seen = rng.randint(1, len(CARDS))
    for slug in CARDS[:seen]:
        recorder.show_card(slug, has_qr=slug == CARDS[-1])
        clock[0] += rng.uniform(2, 200)
        if rng.random() < 0.03:
            recorder.set_language("en" if recorder.language == "es" else "es")
        if rng.random() < 0.05:
            recorder.listened()
        if rng.random() < 0.2:
            recorder.helpful(slug, rng.random() < 0.8)
    if rng.random() < 0.33:
        recorder.show_contact()
    if rng.random() < 0.6:
        return recorder.end(EndReason.IDLE, unattended_s=100)
    return recorder.show_welcome()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visits-per-hour", type=int, default=10)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--keep-days", type=int, default=730)
    args = parser.parse_args()
    header("usage counts")
    rng = random.Random(13)
    clock = [0.0]
    wall = [datetime(2026, 1, 1, 7)]
    recorder = VisitRecorder(clock=lambda: clock[0], now=lambda: wall[0])
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-usage-") as folder:
        path = Path(folder) / "usage.sqlite3"
        db = UsageDb.open(path)
        gui_s = write_s = 0.0
        visits = 0
        days = 365 * args.years
        for day in range(days):
            for hour in range(7, 19):
                wall[0] = datetime(2026, 1, 1, hour) + timedelta(days=day)
                for _ in range(args.visits_per_hour):
                    started = time.perf_counter()
                    counts = simulate_visit(recorder, clock, rng)
                    gui_s += time.perf_counter() - started
                    if counts is None:
                        continue
                    started = time.perf_counter()
                    db.add(counts)
                    write_s += time.perf_counter() - started
                    visits += 1
            if day % 30 == 29:
                print(f"  day {day + 1}: {visits} visits", flush=True)
        db.prune(args.keep_days, (datetime(2026, 1, 1) + timedelta(days=days)).date())
        db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = {t: db.connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("hours", "shares", "cards")}
        db.close()
        size_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
    print(f"{visits} visits over {days} days; rows: {rows}")
    figure("GUI thread per visit (recorder events)", gui_s / visits * 1000, "ms", 0.2, fmt=".3f")
    figure("writer thread per visit (UsageDb.add)", write_s / visits * 1000, "ms", 5, fmt=".2f")
    figure(f"database after {args.years} year(s), per year", size_mb / args.years, "MB", 20, fmt=".1f")


if __name__ == "__main__":
    main()
