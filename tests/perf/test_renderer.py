"""The card renderer (markdown-it-py, the kiosk's guards and checks, nh3) on many card bodies."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT

from kiosk.core.markdown import render_markdown

pytestmark = pytest.mark.perf

CARDS = 500
PER_CARD_MS = 1.0  # Python-Markdown, the engine before, took 330 ms for the same 500 bodies


def test_render_cpu_per_card(budgets):
    samples = []
    for language in ("en", "es"):
        for path in sorted((SAMPLE_CONTENT / language).glob("*.md")):
            samples.append(path.read_text(encoding="utf-8").split("\n---\n", 1)[1])
    bodies = [samples[number % len(samples)] for number in range(CARDS)]
    root = Path("/nonexistent-content")  # no picture resolves: nothing is read from disk
    render_markdown(bodies[0], root)
    runs = []
    for _ in range(5):
        started = time.process_time()
        for body in bodies:
            render_markdown(body, root)
        runs.append(time.process_time() - started)
    budgets.check("the card renderer, CPU per card", statistics.median(runs) / CARDS * 1000, PER_CARD_MS, "ms",
                  f"render_markdown on {CARDS} sample-card bodies (both languages), median of 5")
