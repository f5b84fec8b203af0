"""The budgets of tests/perf: each figure measured, held to its limit, and gathered into one table.

A budget asserts on what another job on the machine barely changes (CPU time, counts of renders,
parses, views built, bytes) with a margin under the target, so it does not fail because the machine
is busy; wall times are printed beside it. At the end of a perf run the figures are printed as the
README's performance table (`--perf-table FILE` also writes it to FILE).
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TABLE_HEAD = ("| budget | measured | limit | how it is measured, and what else was seen |\n"
              "|---|---|---|---|")


def _number(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return f"{text} {unit}".strip()


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    limit: float
    unit: str
    note: str = ""
    higher_is_better: bool = False

    def ok(self) -> bool:
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def row(self) -> str:
        limit = ("≥ " if self.higher_is_better else "≤ ") + _number(self.limit, self.unit)
        verdict = "" if self.ok() else " **over budget**"
        return f"| {self.name} | {_number(self.value, self.unit)}{verdict} | {limit} | {self.note} |"


@dataclass
class Budgets:
    figures: list[Figure] = field(default_factory=list)
    load_at_start: str = field(default_factory=lambda: load_average())

    def check(self, name: str, value: float, limit: float, unit: str, note: str = "", *, higher_is_better: bool = False) -> None:
        """Record the figure for the table, then fail if it is over its limit."""
        figure = Figure(name, value, limit, unit, note, higher_is_better)
        self.figures.append(figure)
        print(figure.row())
        assert figure.ok(), f"{name}: {_number(value, unit)}, the budget is {figure.row().split('|')[3].strip()}"

    def table(self) -> str:
        lines = [TABLE_HEAD, *(figure.row() for figure in self.figures)]
        lines.append(f"\nMeasured on {machine()}; load average {self.load_at_start} at the start of the run, "
                     f"{load_average()} at the end.")
        return "\n".join(lines)


BUDGETS_KEY = pytest.StashKey[Budgets]()


def budgets_of(config: pytest.Config) -> Budgets:
    if BUDGETS_KEY not in config.stash:
        config.stash[BUDGETS_KEY] = Budgets()
    return config.stash[BUDGETS_KEY]


def report(terminal: pytest.TerminalReporter, config: pytest.Config) -> None:
    """After a perf run: the table on the terminal, and in the file `--perf-table` names."""
    budgets = config.stash.get(BUDGETS_KEY, None)
    if budgets is None or not budgets.figures:
        return
    table = budgets.table()
    terminal.write_sep("=", "performance budgets (the README's table)")
    terminal.write_line(table)
    if path := config.getoption("perf_table"):
        Path(path).write_text(table + "\n", encoding="utf-8")
        terminal.write_line(f"written to {path}")


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine() -> str:
    model = "?"
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import PySide6

    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, PySide6 {PySide6.__version__}, offscreen"
