"""The usage counts over a year of a busy clinic: what each visit costs the screen's thread and the
writer, and how big the database grows."""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.usage.core.db import UsageDb
from kiosk.usage.core.visits import EndReason, VisitCounts, VisitRecorder

pytestmark = pytest.mark.perf

CARDS = [f"{number}0-card-{number}.md" for number in range(1, 9)]
DAYS, HOURS, VISITS_PER_HOUR = 365, range(7, 19), 10  # 12 open hours a day, 10 visits an hour
GUI_MS = 0.2  # per visit, on the screen's thread
WRITER_MS = 5.0  # per visit, on the writer thread
YEAR_MB = 20.0


def visit(recorder: VisitRecorder, clock: list[float], rng: random.Random) -> VisitCounts | None:
    recorder.reset_choices("es" if rng.random() < 0.2 else "en", "normal", False)
    if rng.random() < 0.05:
        recorder.set_text_size(rng.choice(["large", "largest"]))
    for slug in CARDS[:rng.randint(1, len(CARDS))]:
        recorder.show_card(slug, has_qr=slug == CARDS[-1])
        clock[0] += rng.uniform(2, 200)
        if rng.random() < 0.05:
            recorder.listened()
        if rng.random() < 0.2:
            recorder.helpful(slug, rng.random() < 0.8)
    if rng.random() < 0.33:
        recorder.show_contact()
    return recorder.end(EndReason.IDLE, unattended_s=100) if rng.random() < 0.6 else recorder.show_welcome()


def test_a_year_of_visits(budgets, tmp_path: Path):
    rng, clock, wall = random.Random(13), [0.0], [datetime(2026, 1, 1, 7)]
    recorder = VisitRecorder(clock=lambda: clock[0], now=lambda: wall[0])
    db = UsageDb.open(tmp_path / "usage.sqlite3")
    gui = writer = 0.0
    visits = 0
    for day in range(DAYS):
        for hour in HOURS:
            wall[0] = datetime(2026, 1, 1, hour) + timedelta(days=day)
            for _ in range(VISITS_PER_HOUR):
                started = time.process_time()
                counts = visit(recorder, clock, rng)
                gui += time.process_time() - started
                if counts is not None:
                    started = time.process_time()
                    db.add(counts)
                    writer += time.process_time() - started
                    visits += 1
    db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    size = sum(path.stat().st_size for path in tmp_path.iterdir()) / 1e6
    budgets.check("usage counts: screen's thread per visit (CPU)", gui / visits * 1000, GUI_MS, "ms",
                  f"{visits:,} visits of a simulated year (12 open hours a day, 10 visits an hour, 8 cards)")
    budgets.check("usage counts: writer thread per visit (CPU)", writer / visits * 1000, WRITER_MS, "ms", "UsageDb.add, SQLite")
    budgets.check("usage counts: database after a year", size, YEAR_MB, "MB", "after a WAL checkpoint")
