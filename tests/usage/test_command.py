"""`kiosk stats` as staff run it: the table, the CSV, date ranges, and no counts yet."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from conftest import write_card
from helpers.usage import visit

from kiosk.cli import main
from kiosk.usage.core.db import UsageDb


@pytest.fixture
def titled(tmp_path) -> Path:
    """Content whose card titles the table should show instead of file names."""
    root = tmp_path / "content"
    root.mkdir()
    (root / "kiosk.toml").write_text('[kiosk]\nlanguages = ["en", "es"]\n', encoding="utf-8")
    write_card(root, "10-what-is-ketamine.md", "---\ntitle: What is ketamine?\n---\nText.\n")
    write_card(root, "10-what-is-ketamine.md", "---\ntitle: ¿Qué es la ketamina?\n---\nTexto.\n", "es")
    return root


def fill(visits) -> None:
    db = UsageDb.open(Path(os.environ["KIOSK_STATE_DIR"]) / "usage.sqlite3")
    for item in visits:
        db.add(item)
    db.close()


def sample_visits():
    return [visit(2026110109, cards=(("10-what-is-ketamine.md", "en"),), completed=True) for _ in range(6)] + [
        visit(2026110314, cards=(("10-what-is-ketamine.md", "es"), ("40-a-treatment-session.md", "es")), languages=("es",)),
    ]


def test_table_with_titles_from_the_content(capsys, titled):
    fill(sample_visits())
    assert main(["stats", "--content", str(titled)]) == 0
    out = capsys.readouterr().out
    assert "Usage counts 2026-11-01 to 2026-11-03" in out
    assert "Visits                      7 (3.5 a day on the 2 days with visits)" in out
    assert "English 86%, Español 14%" in out
    assert "Sun 2026-11-01      6" in out and "Tue 2026-11-03      1" in out
    assert "What is ketamine?" in out and "10-what-is-ketamine.md" not in out


def test_date_range(capsys):
    fill(sample_visits())
    assert main(["stats", "--since", "2026-11-02", "--until", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert "Usage counts 2026-11-02 to 2026-11-30" in out and "Visits                      1 " in out
    assert main(["stats", "--since", "2026-12-01", "--until", "2026-12-31"]) == 0
    assert "No visits in this period." in capsys.readouterr().out


def test_csv_file(tmp_path, capsys, titled):
    fill(sample_visits())
    target = tmp_path / "usage.csv"
    assert main(["stats", "--csv", str(target), "--content", str(titled)]) == 0
    assert "counts of 1 to 4 shown as <5" in capsys.readouterr().out
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    first = next(r for r in rows if r["card"] == "10-what-is-ketamine.md" and r["language"] == "en")
    assert (first["date"], first["title"], first["views"], first["completions"]) == ("2026-11-01", "What is ketamine?", "6", "6")
    assert [r["visits"] for r in rows if r["card"] == "(all)" and r["language"] == "(all)"] == ["6", "<5"]


def test_no_counts_yet(capsys):
    assert main(["stats"]) == 1
    assert "no usage counts yet" in capsys.readouterr().err


def test_bad_dates(capsys):
    fill(sample_visits())
    assert main(["stats", "--since", "2026-12-01", "--until", "2026-11-01"]) == 2
    assert "--since is after --until" in capsys.readouterr().err
