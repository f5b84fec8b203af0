"""A visit becomes hourly counters: hour bucketing, time on card, completions, choices, the end."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.usage.core.visits import (
    DWELL_BOUNDS, DWELL_BUCKETS, CardCounts, EndReason, VisitRecorder, dwell_bucket, dwell_quantile, hour_key,
)


class Clocks:
    """A monotonic clock and a wall clock that tests move by hand."""

    def __init__(self, wall: datetime) -> None:
        self.t = 1000.0
        self.wall = wall

    def tick(self, seconds: float) -> None:
        self.t += seconds

    def recorder(self, **kwargs) -> VisitRecorder:
        return VisitRecorder(clock=lambda: self.t, now=lambda: self.wall, **kwargs)


def cards(visit) -> dict[tuple[str, str], CardCounts]:
    """The one deck's cards (topic "") by (file, language)."""
    assert all(topic == "" for topic, _slug, _language, _counts in visit.cards)
    return {(slug, language): counts for _topic, slug, language, counts in visit.cards}


def bucket(seconds: float) -> tuple[int, ...]:
    histogram = [0] * DWELL_BUCKETS
    histogram[dwell_bucket(seconds)] = 1
    return tuple(histogram)


def test_hour_key_is_the_finest_time_kept():
    assert hour_key(datetime(2026, 3, 7, 9, 59, 59, 999)) == 2026030709
    assert hour_key(datetime(2026, 12, 31, 23, 0)) == 2026123123


def test_a_visit_is_counted_in_the_hour_it_began():
    clocks = Clocks(datetime(2026, 11, 30, 10, 58))
    recorder = clocks.recorder()
    recorder.show_card("10-a.md")
    clocks.wall = datetime(2026, 11, 30, 11, 3)
    clocks.tick(300)
    visit = recorder.show_welcome()
    assert visit.hour == 2026113010
    recorder.show_card("10-a.md")
    assert recorder.end(EndReason.HOME).hour == 2026113011


def test_time_on_card_views_completion_and_qr():
    clocks = Clocks(datetime(2026, 11, 30, 9))
    recorder = clocks.recorder()
    recorder.show_card("10-a.md")
    clocks.tick(12)
    recorder.show_card("20-b.md", has_qr=True)
    clocks.tick(4)
    recorder.show_card("10-a.md")  # back again: still one view, time adds up
    clocks.tick(30)
    recorder.show_contact()
    clocks.tick(100)  # time on the contact screen is nobody's card time
    visit = recorder.show_welcome()
    assert visit.completed and not visit.idle_reset and visit.cards_viewed == 2
    assert cards(visit) == {
        ("10-a.md", "en"): CardCounts(views=1, completions=1, dwell=bucket(42)),
        ("20-b.md", "en"): CardCounts(views=1, completions=1, qr_shown=1, dwell=bucket(4)),
    }
    assert recorder.show_welcome() is None  # the visit is gone


def test_idle_end_leaves_out_the_unattended_time():
    clocks = Clocks(datetime(2026, 11, 30, 9))
    recorder = clocks.recorder()
    recorder.show_card("10-a.md")
    clocks.tick(15 + 100)
    visit = recorder.end(EndReason.IDLE, unattended_s=100)
    assert visit.idle_reset and not visit.completed
    assert cards(visit)[("10-a.md", "en")].dwell == bucket(15)


def test_language_switch_on_a_card_counts_a_view_in_each_language():
    clocks = Clocks(datetime(2026, 11, 30, 9))
    recorder = clocks.recorder()
    recorder.show_card("10-a.md", has_qr=True)
    clocks.tick(5)
    recorder.set_language("es")
    clocks.tick(25)
    recorder.helpful("10-a.md", True)
    visit = recorder.end(EndReason.HOME)
    assert visit.languages == ("en", "es")
    assert cards(visit) == {
        ("10-a.md", "en"): CardCounts(views=1, qr_shown=1, dwell=bucket(5)),
        ("10-a.md", "es"): CardCounts(views=1, qr_shown=1, helpful_yes=1, dwell=bucket(25)),
    }


def test_choices_made_on_the_welcome_screen_belong_to_the_next_visit():
    clocks = Clocks(datetime(2026, 11, 30, 9))
    recorder = clocks.recorder()
    recorder.set_language("es")
    recorder.set_text_size("largest")
    recorder.set_high_contrast(True)
    assert not recorder.in_visit
    recorder.show_card("10-a.md")
    visit = recorder.end(EndReason.HOME)
    assert (visit.languages, visit.text_size, visit.high_contrast) == (("es",), "largest", True)
    recorder.reset_choices("en", "normal", False)
    recorder.show_card("10-a.md")
    visit = recorder.end(EndReason.IDLE)
    assert (visit.languages, visit.text_size, visit.high_contrast) == (("en",), "normal", False)


def test_helpful_last_answer_counts_once_and_listen_is_per_card():
    clocks = Clocks(datetime(2026, 11, 30, 9))
    recorder = clocks.recorder()
    recorder.helpful("10-a.md", True)  # no visit yet: nothing to count it in
    recorder.listened()
    recorder.show_card("10-a.md")
    recorder.helpful("10-a.md", True)
    recorder.helpful("10-a.md", False)
    recorder.listened()
    recorder.listened()
    recorder.show_card("20-b.md")
    visit = recorder.end(EndReason.STOP)
    counted = cards(visit)
    assert (counted[("10-a.md", "en")].helpful_yes, counted[("10-a.md", "en")].helpful_no) == (0, 1)
    assert counted[("10-a.md", "en")].listens == 1 and counted[("20-b.md", "en")].listens == 0
    assert not visit.idle_reset


def test_welcome_and_contact_alone_are_no_visit():
    clocks = Clocks(datetime(2026, 11, 30, 9))
    recorder = clocks.recorder()
    recorder.show_contact()
    assert recorder.show_welcome() is None
    assert recorder.end(EndReason.IDLE) is None


@pytest.mark.parametrize(("seconds", "index"), [(0, 0), (2.99, 0), (3, 1), (59, 4), (299, 6), (300, 7), (1e9, 7)])
def test_dwell_buckets(seconds, index):
    assert dwell_bucket(seconds) == index


def test_dwell_quantiles_from_the_histogram():
    assert dwell_quantile([0] * DWELL_BUCKETS, 0.5) is None
    histogram = [0] * DWELL_BUCKETS
    histogram[2] = 10  # ten views of 10-20 s
    assert dwell_quantile(histogram, 0.5) == pytest.approx(15)
    assert dwell_quantile(histogram, 0.9) == pytest.approx(19)
    histogram[-1] = 90
    assert dwell_quantile(histogram, 0.5) == float("inf")
    assert len(DWELL_BOUNDS) + 1 == DWELL_BUCKETS
