"""The staff summary and the CSV: totals, shares, and small counts hidden where they could identify."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from helpers.usage import visit

from kiosk.usage.core.db import UsageDb
from kiosk.usage.core.report import format_csv, format_table, summarize


def filled(tmp_path) -> UsageDb:
    db = UsageDb.open(tmp_path / "u.db")
    for n in range(12):  # 12 visits on Nov 30: 9 English, 3 Spanish
        spanish = n < 3
        db.add(visit(2026113009 + n % 3, completed=n % 2 == 0, idle=n % 4 == 0,
                     languages=("es",) if spanish else ("en",),
                     cards=(("10-a.md", "es" if spanish else "en"), ("20-b.md", "es" if spanish else "en")),
                     text_size="largest" if n == 5 else "normal"))
    for _ in range(2):  # 2 visits on Dec 2
        db.add(visit(2026120214))
    return db


def test_summary_totals_and_shares(tmp_path):
    db = filled(tmp_path)
    summary = summarize(db)
    assert (summary.first, summary.last) == (date(2026, 11, 30), date(2026, 12, 2))
    assert (summary.visits, summary.completed, summary.idle_resets) == (14, 6, 3)
    assert summary.cards_per_visit == (12 * 2 + 2) / 14
    assert summary.shares["language"] == {"en": 11, "es": 3}
    assert [card.card for card in summary.cards] == ["10-a.md", "20-b.md"]
    assert summary.cards[0].counts.views == 14 and summary.cards[0].helpful_share == 1.0
    assert summary.visits_per_day() == [(date(2026, 11, 30), 12), (date(2026, 12, 1), 0), (date(2026, 12, 2), 2)]
    assert [c.card for c in summary.least_viewed(2, known=["10-a.md", "20-b.md", "30-c.md"])] == ["30-c.md", "20-b.md"]
    only = summarize(db, date(2026, 12, 1), date(2026, 12, 2))
    assert only.visits == 2 and only.cards[0].counts.views == 2
    db.close()


def test_table_shows_every_count(tmp_path):
    db = filled(tmp_path)
    text = format_table(summarize(db), title_of=lambda slug: {"10-a.md": "What is it?"}.get(slug, slug),
                        language_name={"en": "English", "es": "Español"}.__getitem__)
    db.close()
    assert "Visits                      14 (7.0 a day on the 2 days with visits)" in text
    assert "Reached the contact screen  6 (43%)" in text
    assert "Languages                   English 79%, Español 21%" in text
    assert "Text size                   normal 93%, largest 7%" in text
    assert "Mon 2026-11-30     12  ##############################" in text
    assert "Wed 2026-12-02      2  #####" in text
    assert any(line.split()[:4] == ["What", "is", "it?", "14"] for line in text.splitlines())


def test_empty_period(tmp_path):
    db = UsageDb.open(tmp_path / "u.db")
    assert "No visits in this period." in format_table(summarize(db))
    db.close()


def test_csv_hides_counts_under_five(tmp_path):
    db = filled(tmp_path)
    rows = list(csv.DictReader(io.StringIO(format_csv(db, date(2026, 11, 30), date(2026, 12, 2), title_of=lambda s: s.upper()))))
    db.close()
    day = {(r["date"], r["card"], r["language"]): r for r in rows}
    total = day[("2026-11-30", "(all)", "(all)")]
    assert (total["visits"], total["completed"], total["idle_resets"], total["largest_text"]) == ("12", "6", "<5", "<5")
    # 3 Spanish visits are hidden, and so is the English count that would give them away (12 - 9).
    assert day[("2026-11-30", "(all)", "es")]["visits"] == "<5"
    assert day[("2026-11-30", "(all)", "en")]["visits"] == "hidden"
    card = day[("2026-11-30", "10-a.md", "en")]
    assert (card["title"], card["views"], card["median_seconds"], card["p90_seconds"]) == ("10-A.MD", "9", "15", "19")
    spanish = day[("2026-11-30", "10-a.md", "es")]
    assert (spanish["views"], spanish["median_seconds"]) == ("<5", "")
    assert day[("2026-12-02", "(all)", "(all)")]["visits"] == "<5"
    values = [v for r in rows for k, v in r.items() if k not in ("date", "card", "title", "language")]
    assert not any(v in ("1", "2", "3", "4") for v in values)


@pytest.mark.parametrize("title", ["=HYPERLINK(\"http://evil.example\",\"Click\")", "+1 call us", "-2 doses", "@SUM(A1)", "\tTabbed"])
def test_a_card_title_that_starts_like_a_formula_is_text_in_the_csv(tmp_path, title):
    db = UsageDb.open(tmp_path / "u.db")
    for _ in range(5):
        db.add(visit(2026113009))
    rows = list(csv.DictReader(io.StringIO(format_csv(db, date(2026, 11, 30), date(2026, 11, 30), title_of=lambda slug: title))))
    [card] = [row for row in rows if row["card"] == "10-a.md"]
    assert card["title"] == "'" + title  # Excel and LibreOffice show it as typed, and never run it
    db.close()


def library(tmp_path) -> UsageDb:
    """Visits to a topic library: 6 open The basics (two of them also Risks), 2 open Risks alone."""
    db = UsageDb.open(tmp_path / "u.db")
    for n in range(8):
        basics = n < 6
        cards = ((("10-basics", "10-what.md", "en"), ("10-basics", "20-how.md", "en")) if basics else ())
        risks = n in (0, 1, 6, 7)
        cards += (("30-risks", "10-risks.md", "en"),) if risks else ()
        topics = (("10-basics", "en"),) * basics + (("30-risks", "en"),) * risks
        db.add(visit(2026113009, cards=cards, topics=topics))
    return db


NAMES = {"10-basics": "The basics", "30-risks": "Risks", "10-basics/10-what.md": "What is it?",
         "10-basics/20-how.md": "How it helps", "30-risks/10-risks.md": "Risks and limits"}


def test_a_library_shows_its_topics_first_then_the_cards_within_each(tmp_path):
    db = library(tmp_path)
    summary = summarize(db)
    assert [(t.topic, t.opened, t.views) for t in summary.topics] == [("10-basics", 6, 12), ("30-risks", 4, 4)]
    assert [card.key for card in summary.cards] == ["10-basics/10-what.md", "10-basics/20-how.md", "30-risks/10-risks.md"]
    text = format_table(summary, title_of=lambda key: NAMES.get(key, key))
    lines = text.splitlines()
    topics_at, cards_at = lines.index("Topics, most opened first"), lines.index("Cards within each topic, most viewed first")
    assert topics_at < cards_at
    assert lines[topics_at + 2].split() == ["The", "basics", "6", "75%", "12"]
    assert any(line.split()[:6] == ["The", "basics", "›", "What", "is", "it?"] for line in lines[cards_at:])
    rows = list(csv.DictReader(io.StringIO(format_csv(db, summary.first, summary.last, title_of=lambda key: NAMES.get(key, "")))))
    opened = [(row["topic"], row["title"], row["opened"]) for row in rows if row["card"] == "(all)" and row["topic"]]
    assert opened == [("10-basics", "The basics", "6"), ("30-risks", "Risks", "<5")]
    assert {(row["topic"], row["card"], row["title"]) for row in rows if row["views"]} == {
        ("10-basics", "10-what.md", "What is it?"), ("10-basics", "20-how.md", "How it helps"), ("30-risks", "10-risks.md", "Risks and limits")}
    db.close()


def test_a_single_deck_report_has_no_topics(tmp_path):
    db = filled(tmp_path)
    text = format_table(summarize(db))
    db.close()
    assert "Topics" not in text and "Cards, most viewed first" in text
