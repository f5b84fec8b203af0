"""`kiosk check` on a big deck: the 655 examples of the CommonMark spec as cards, fit check included."""

from __future__ import annotations

import resource
import subprocess
import sys
import time

import pytest
from conftest import REPO, SAMPLE_CONTENT

pytestmark = pytest.mark.perf

CHECK_655_S = 10.0  # issue 17: it took 47 s when the fit check built a kiosk per card (0.6 s before the fit check)
CHECK_SAMPLE_S = 3.0  # the sample deck: 18 cards in two languages on two screens


def timed_check(root, env) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(CPU s, wall s, result) of `kiosk check ROOT` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kiosk", "check", str(root)], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall, done


def test_check_on_the_655_commonmark_examples(budgets, fresh_env, commonmark_cards):
    cpu, wall, done = timed_check(commonmark_cards, fresh_env)
    lines = done.stdout.splitlines()
    fit = [line for line in lines if "needs scrolling" in line or "at the largest text size" in line]
    assert fit, "the fit check found nothing to say about 655 cards: did it run?"
    budgets.check("`kiosk check` on the 655 CommonMark examples as cards (CPU)", cpu, CHECK_655_S, "s",
                  f"fresh process, fit check on 1920x1080 and 1080x1920 included: {len(lines)} lines, {len(fit)} of them "
                  f"about fitting; {wall:.1f} s wall")


def test_check_on_the_sample_deck(budgets, fresh_env):
    cpu, wall, done = timed_check(SAMPLE_CONTENT, fresh_env)
    budgets.check("`kiosk check` on the sample deck (CPU)", cpu, CHECK_SAMPLE_S, "s",
                  f"fresh process, 18 cards in 2 languages, fit check included; {wall:.1f} s wall")
