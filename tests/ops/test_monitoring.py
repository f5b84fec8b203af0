"""The metrics wiring on a real kiosk: what kiosk.prom says after a start, a reload, a visit and a dark night."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT
from prometheus_client.parser import text_string_to_metric_families

from kiosk.core.problems import Severity
from kiosk.ops.core.content_version import content_digest
from kiosk.ops.core.recent import RecentEvents
from kiosk.ops.core.status import History
from kiosk.ops.runtime.screen_schedule import ScreenSchedule
from kiosk.ops.runtime.watchdog import Watchdog
from kiosk.ops.wiring import Monitoring


class Power:
    """A display switch that works, or says why it cannot."""

    def __init__(self, works: bool = True) -> None:
        self.works = works

    def set_on(self, on: bool) -> str:
        word = "on" if on else "off"
        return f"display {word} (fake)" if self.works else f"could not switch the display {word}: no DPMS here"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def sample(path: Path, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(path.read_text(encoding="utf-8")):
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return s.value
    raise KeyError((name, labels))


@pytest.fixture
def watched(make_kiosk, qtbot, tmp_path):
    """A kiosk on the sample, its metrics file, and a screen schedule at 21:00 with hours 20:00-07:00."""
    kiosk = make_kiosk()
    night = datetime.fromisoformat("2026-12-01T21:00")
    power = Power()
    schedule = ScreenSchedule(power, now=lambda: night, check_ms=600_000, parent=kiosk)
    watchdog = Watchdog(env={})
    clock = Clock()
    monitoring = Monitoring(
        kiosk, SAMPLE_CONTENT, tmp_path / "kiosk.prom", version="9.9.9", history=History(2, "clean stop"), watchdog=watchdog,
        awake=None, schedule=schedule, speech_available=lambda language: language == "en",
        visits=RecentEvents(clock=clock), parent=kiosk,
    )
    watchdog.ready()
    monitoring.start()
    assert monitoring.file.flush(5)  # written on the metrics file's own thread
    yield kiosk, monitoring, schedule, power, clock
    monitoring.stopped()
    schedule.stop()


def test_the_first_write_says_what_is_on_screen(watched, qtbot) -> None:
    kiosk, monitoring, _, _, _ = watched
    path = monitoring.file.path
    state = kiosk.state
    assert sample(path, "kiosk_up") == 1 and sample(path, "kiosk_ready") == 1
    assert sample(path, "kiosk_build_info", version="9.9.9") == 1
    assert sample(path, "kiosk_restarts_total") == 2 and sample(path, "kiosk_previous_run_clean") == 1
    assert state.pending == {"es"}, "the first language first; Spanish is read after the first frame"
    assert sample(path, "kiosk_cards_shown", language="en") == sum(len(t.cards("en")) for t in state.topics) > 0
    assert sample(path, "kiosk_topics_shown", language="en") >= 1
    with pytest.raises(KeyError):
        sample(path, "kiosk_cards_shown", language="es")  # not yet read: left out, not reported empty
    warnings = sum(p.severity is Severity.WARNING for p in state.problems)
    assert sample(path, "kiosk_content_problems", severity="warning") == warnings >= 1  # the demo PIN
    assert sample(path, "kiosk_speech_available", language="en") == 1 and sample(path, "kiosk_speech_available", language="es") == 0
    assert sample(path, "kiosk_content_reloads_total") == 1
    kiosk.complete()
    qtbot.waitUntil(lambda: sample(path, "kiosk_content_reloads_total") == 2)
    assert sample(path, "kiosk_cards_shown", language="es") == sum(len(t.cards("es")) for t in kiosk.state.topics) > 0
    # The digest comes from the worker thread a moment later.
    qtbot.waitUntil(lambda: monitoring.file.content.digest == content_digest(SAMPLE_CONTENT), timeout=10_000)
    qtbot.waitUntil(lambda: sample(path, "kiosk_content_info", digest=content_digest(SAMPLE_CONTENT),
                                   commit=monitoring.file.content.commit) == 1)


def test_schedule_darkness_is_off_on_purpose_not_down(watched, qtbot) -> None:
    _, monitoring, schedule, _, _ = watched
    path = monitoring.file.path
    schedule.set_hours("20:00", "07:00")  # 21:00: dark now
    qtbot.waitUntil(lambda: sample(path, "kiosk_display_on") == 0)
    assert sample(path, "kiosk_display_state", kiosk_display_state="off_schedule") == 1
    assert sample(path, "kiosk_up") == 1 and sample(path, "kiosk_ready") == 1, "switched off on purpose is not down"


def test_a_display_that_cannot_be_switched_says_so(watched, qtbot) -> None:
    _, monitoring, schedule, power, _ = watched
    power.works = False
    schedule.set_hours("20:00", "07:00")
    path = monitoring.file.path
    qtbot.waitUntil(lambda: sample(path, "kiosk_display_state", kiosk_display_state="switch_failed") == 1)
    assert sample(path, "kiosk_display_on") == 1


def test_visits_in_the_last_hour_and_reloads_are_counted(watched, qtbot) -> None:
    kiosk, monitoring, _, _, clock = watched
    path = monitoring.file.path
    monitoring.on_visit()
    clock.now += 1_800
    monitoring.on_visit()
    qtbot.waitUntil(lambda: sample(path, "kiosk_visits_total") == 2)
    assert sample(path, "kiosk_visits_last_hour") == 2
    clock.now += 1_900  # the first visit is now more than an hour ago
    kiosk.reload()
    qtbot.waitUntil(lambda: sample(path, "kiosk_content_reloads_total") == 2)
    assert sample(path, "kiosk_visits_last_hour") == 1 and sample(path, "kiosk_visits_total") == 2


def test_a_finished_visit_in_the_usage_counts_reaches_the_metrics(make_kiosk, qtbot, tmp_path) -> None:
    """The signal kiosk.run connects: UsageStore.visit_finished -> Monitoring.on_visit."""
    from kiosk.core.visit import Kind, Screen
    from kiosk.usage.runtime import UsageStore

    usage = UsageStore(tmp_path / "usage.db")
    try:
        finished: list[int] = []
        usage.visit_finished.connect(lambda: finished.append(1))
        usage.on_screen(Screen(Kind.CARD, "10-what-is-ketamine"))
        usage.on_screen(Screen(Kind.WELCOME, ""))
        assert finished == [1]
    finally:
        usage.stop()
