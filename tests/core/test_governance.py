"""Review and show dates: read from the header with their lines, judged against a given day."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import write_card

from kiosk.core.cards import load_card
from kiosk.core.check import lint
from kiosk.core.governance import Governance, dated_problems, review_list, sign_off_problems

HEADER = ("---\ntitle: Risks\nreviewed: 2026-11-01\nreview_by: 2027-05-01\nshow_from: 2026-12-01\nshow_until: 2027-03-31\n"
          "source: Clinic protocol v3\napproved_by: Dr A. Name, MD\napproved: 2026-10-20\n---\nBody.\n")


def load(content, text):
    return load_card(write_card(content, "15-dated.md", text), content)


def test_dates_and_source_are_read_with_their_lines(content):
    result = load(content, HEADER)
    assert result.problems == ()
    g = result.card.governance
    assert (g.reviewed, g.review_by, g.show_from, g.show_until, g.source) == (
        date(2026, 11, 1), date(2027, 5, 1), date(2026, 12, 1), date(2027, 3, 31), "Clinic protocol v3")
    assert [g.line(key) for key in ("reviewed", "review_by", "show_from", "show_until", "source")] == [3, 4, 5, 6, 7]


def test_a_card_without_dates_is_always_shown_and_never_due():
    assert Governance().is_shown(date(1999, 1, 1))
    assert dated_problems(None, Governance(), date(2030, 1, 1)) == []


@pytest.mark.parametrize(
    ("line", "severity", "message"),
    [
        ("reviewed: last week", "warning", "'reviewed' must be a date written year-month-day, such as 2026-11-01 (not 'last week'); it is ignored"),
        ("review_by: 05/01/2027", "warning", "'review_by' must be a date written year-month-day, such as 2027-05-01 (not '05/01/2027'); it is ignored"),
        ("show_from: 2026-02-30", "error", "'show_from' must be a date written year-month-day, such as 2026-12-01 (not '2026-02-30')"),
        ("show_until: [2027]", "error", "'show_until' must be a date written year-month-day, such as 2027-03-31 (not 'a list or group, not a date')"),
    ],
)
def test_a_bad_date_names_its_line_and_what_to_type(content, line, severity, message):
    result = load(content, f"---\ntitle: Risks\n{line}\n---\nBody.\n")
    assert [(p.line, p.severity.value, p.message) for p in result.problems] == [(3, severity, message)]
    # Whether to show a card with a bad show date cannot be decided: it is left out (its last good version kept).
    assert (result.card is None) == (severity == "error")


def test_show_until_before_show_from_says_the_card_is_never_shown(content):
    result = load(content, "---\ntitle: Risks\nshow_from: 2027-02-01\nshow_until: 2027-01-01\n---\nBody.\n")
    assert [(p.line, p.message) for p in result.problems] == [
        (4, "'show_until' (2027-01-01) is before 'show_from' (2027-02-01): the card is never shown")]


@pytest.mark.parametrize(
    ("today", "shown"),
    [(date(2026, 11, 30), False), (date(2026, 12, 1), True), (date(2027, 3, 31), True), (date(2027, 4, 1), False)],
)
def test_show_window_includes_both_of_its_days(today, shown):
    g = Governance(show_from=date(2026, 12, 1), show_until=date(2027, 3, 31))
    assert g.is_shown(today) is shown


G = Governance(review_by=date(2027, 5, 1), show_from=date(2026, 12, 1), show_until=date(2027, 6, 30),
               lines=(("review_by", 4), ("show_from", 5), ("show_until", 6)))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 1), [(5, "note", "hidden until 2026-12-01 (its show_from date); patients do not see this card now")]),
        (date(2027, 3, 31), []),  # 31 days before review_by: nothing yet
        (date(2027, 4, 1), [(4, "note", "due for review by 2027-05-01 (in 30 days)")]),
        (date(2027, 4, 30), [(4, "note", "due for review by 2027-05-01 (in 1 day)")]),
        (date(2027, 5, 1), [(4, "note", "due for review by 2027-05-01 (today)")]),
        (date(2027, 5, 2), [(4, "warning", "review overdue: this card was due for review by 2027-05-01 (1 day ago); "
                                           "check it is still right, then update 'reviewed' and 'review_by'")]),
        (date(2027, 7, 1), [
            (4, "warning", "review overdue: this card was due for review by 2027-05-01 (61 days ago); "
                           "check it is still right, then update 'reviewed' and 'review_by'"),
            (6, "note", "hidden since 2027-07-01 (its show_until date was 2027-06-30); patients do not see this card now"),
        ]),
    ],
)
def test_what_a_day_means_for_a_card(tmp_path, today, expected):
    assert [(p.line, p.severity.value, p.message) for p in dated_problems(tmp_path, G, today)] == expected


def test_check_prints_review_and_show_notes_with_file_and_line(content):
    path = write_card(content, "15-dated.md", HEADER)
    write_card(content, "15-dated.md", HEADER, language="es")
    problems = [p for p in lint(content, today=date(2027, 4, 10)) if p.path.name == "15-dated.md"]
    hidden = "hidden since 2027-04-01 (its show_until date was 2027-03-31); patients do not see this card now"
    assert [p.format() for p in problems] == [
        f"{path}:4: note: due for review by 2027-05-01 (in 21 days)",
        f"{path}:6: note: {hidden}",
        f"{content / 'es' / '15-dated.md'}:4: note: due for review by 2027-05-01 (in 21 days)",
        f"{content / 'es' / '15-dated.md'}:6: note: {hidden}",
    ]


def test_sign_off_is_read_with_its_lines(content):
    result = load(content, HEADER)
    g = result.card.governance
    assert (g.approved_by, g.approved) == ("Dr A. Name, MD", date(2026, 10, 20))
    assert (g.line("approved_by"), g.line("approved")) == (8, 9)
    assert sign_off_problems(result.card.path, g) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("", (1, "not signed off: once a clinician has checked this card, add 'approved_by: Dr A. Name, MD' and "
                 "'approved: 2026-11-01' (the day they signed) to its header")),
        ("approved_by: Dr B. Lee, PMHNP\n", (3, "the sign-off has no date: add the day it was signed, such as 'approved: 2026-11-01'")),
        ("approved: 2026-11-01\n", (3, "'approved' has a date but nobody is named: add who signed it, such as 'approved_by: Dr A. Name, MD'")),
    ],
)
def test_a_card_without_a_full_sign_off_gets_a_warning(content, lines, expected):
    card = load(content, f"---\ntitle: Risks\n{lines}---\nBody.\n").card
    [problem] = sign_off_problems(card.path, card.governance)
    assert (problem.line, problem.message) == expected and not problem.is_error


def test_a_bad_sign_off_date_is_a_warning_and_ignored(content):
    result = load(content, "---\ntitle: Risks\napproved_by: Dr A. Name, MD\napproved: soon\n---\nBody.\n")
    assert [(p.line, p.message) for p in result.problems] == [
        (4, "'approved' must be a date written year-month-day, such as 2026-11-01 (not 'soon'); it is ignored")]
    assert result.card.governance.approved is None


def test_check_warns_on_each_unsigned_card(content):
    write_card(content, "15-signed.md", HEADER)
    unsigned = {p.path.name for p in lint(content, today=date(2026, 12, 7)) if p.message.startswith("not signed off")}
    assert "15-signed.md" not in unsigned and "05-key-points.md" in unsigned


def test_the_review_list_names_due_cards_then_unsigned_ones_per_folder(tmp_path):
    from kiosk.core.cards import Card

    def card(folder: str, name: str, **governance) -> Card:
        return Card(name, tmp_path / folder / name, "T", None, None, "", governance=Governance(**governance))

    signed = {"approved_by": "Dr A. Name, MD", "approved": date(2026, 1, 1)}
    cards = [card("en", "10-a.md", review_by=date(2026, 12, 10), **signed), card("en", "20-b.md"), card("es", "20-b.md"),
             card("en", "30-c.md", review_by=date(2026, 11, 30))]
    assert review_list(cards, tmp_path, date(2026, 12, 1)) == [
        "en/30-c.md: review by 2026-11-30 (overdue by 1 day)",
        "en/10-a.md: review by 2026-12-10 (in 9 days)",
        "en: 2 cards not signed off by a clinician: 20-b.md, 30-c.md",
        "es: 1 card not signed off by a clinician: 20-b.md",
    ]
