"""What the kiosk tells a monitoring system, in the Prometheus text format: facts in, text out.

IT with fifty waiting rooms runs Prometheus (node_exporter's textfile collector reads `kiosk.prom`)
or Zabbix (which reads the same format). The most common complaint about unattended screens is one
that came up blank with no way to tell why from afar, so the file says whether the kiosk is up and on
screen, which content it shows and what is wrong with it, and whether a dark display was switched
off on purpose (the screen schedule) or is a fault. The text is made by `prometheus_client`, the
Prometheus project's own library, on a registry of our own, so names, escaping and types follow the
format exactly; nothing here serves HTTP or opens a socket.

Names follow Prometheus conventions: the `kiosk_` prefix, base units (`_seconds`, `_bytes`),
`_total` for counters, `_info` for version labels, and every series present from the first write
(zero rather than missing), so an alert never waits for a series to appear.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from kiosk.core.problems import Severity
from kiosk.ops.core.content_version import ContentVersion
from kiosk.ops.core.prometheus_text import (
    Collector,
    CollectorRegistry,
    CounterMetricFamily,
    GaugeMetricFamily,
    InfoMetricFamily,
    Metric,
    ProcessCollector,
    StateSetMetricFamily,
    generate_latest,
)

# The display's states, exactly one true. Off by the schedule is on purpose (clinic hours), not down;
# "switch_failed" means the display could not be switched as the schedule asked (see the log).
DISPLAY_STATES = ("on", "off_schedule", "switch_failed")


@dataclass(frozen=True)
class Facts:
    """Everything the file says, gathered by the kiosk at the moment of writing."""

    version: str
    started: float  # Unix time of this start
    up: bool = True  # False in the last write of a clean stop
    ready: bool = False  # on screen with content (systemd's READY) and not stopping
    restarts: int = 0  # starts before this one, from status.json
    previous_clean: bool | None = None  # how the previous run ended; None at the first start
    content: ContentVersion = field(default_factory=ContentVersion)
    cards_shown: Mapping[str, int] = field(default_factory=dict)  # language -> cards patients can reach, all topics
    topics_shown: Mapping[str, int] = field(default_factory=dict)  # language -> topics on the grid (1 without a library)
    problems: Mapping[Severity, int] = field(default_factory=dict)
    reloads: int = 0
    last_reload: float | None = None  # Unix time content was last read and put on screen
    content_loaded: bool = True  # False while the content folder has not answered once since start-up
    speech: Mapping[str, bool] = field(default_factory=dict)  # language -> Listen available
    display: str = "on"  # one of DISPLAY_STATES
    blanking_prevented: bool = True  # the system's own screen blanking (DPMS, screen saver) is off
    visits_last_hour: int = 0
    visits: int = 0  # since this start
    watchdog_enabled: bool = False
    watchdog_pings: int = 0


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def _per_label(name: str, documentation: str, label: str, values: Mapping[str, float]) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for key, value in sorted(values.items()):
        family.add_metric([key], value)
    return family


def _families(facts: Facts) -> Iterator[Metric]:
    yield InfoMetricFamily("kiosk_build", "The kiosk program's version.", value={"version": facts.version})
    yield _gauge("kiosk_up", "1 while the kiosk runs; 0 written at a clean stop (a stale file means a crash).", facts.up)
    yield _gauge("kiosk_ready", "1 once the kiosk is on screen with its content.", facts.up and facts.ready)
    yield _gauge("kiosk_content_loaded", "0 while the content folder has not answered since start-up (a network share "
                 "that stopped answering): the screen shows no topics until it does.", facts.content_loaded)
    yield _gauge("kiosk_start_time_seconds", "When this run of the kiosk started, Unix time.", facts.started)
    yield CounterMetricFamily("kiosk_restarts", "Starts of the kiosk before this one (kept in status.json).", value=facts.restarts)
    yield _gauge("kiosk_previous_run_clean", "1 if the previous run ended with a clean stop, 0 after a crash, kill or power cut.",
                 float("nan") if facts.previous_clean is None else facts.previous_clean)
    content = InfoMetricFamily("kiosk_content", "The content on screen: digest of its files, git commit when a checkout.",
                               labels=["digest", "commit"])
    content.add_metric([facts.content.digest, facts.content.commit], {})
    yield content
    if facts.content.sources:
        sources = InfoMetricFamily("kiosk_content_source", "Each repository of a fleet release on screen (deploy/fleet).",
                                   labels=["source", "tag", "commit"])
        for source in facts.content.sources:
            sources.add_metric(list(source), {})
        yield sources
    yield _per_label("kiosk_cards_shown", "Cards patients can reach now, in every topic.", "language", facts.cards_shown)
    yield _per_label("kiosk_topics_shown", "Topics patients can choose now (1 for content without a topic library).", "language",
                     facts.topics_shown)
    yield _per_label("kiosk_content_problems", "Content problems `kiosk check` would list, by severity.", "severity",
                     {severity.value: facts.problems.get(severity, 0) for severity in Severity})
    yield CounterMetricFamily("kiosk_content_reloads", "Times content was read and put on screen since the start.", value=facts.reloads)
    yield _gauge("kiosk_content_last_reload_timestamp_seconds",
                 "When content was last read and put on screen (cards with errors keep their last good version), Unix time.",
                 float("nan") if facts.last_reload is None else facts.last_reload)
    yield _per_label("kiosk_speech_available", "1 where Listen can read aloud, per language.", "language",
                     {language: float(on) for language, on in facts.speech.items()})
    yield StateSetMetricFamily("kiosk_display_state", "The display's state: off_schedule is dark on purpose, not down.",
                               value={state: state == facts.display for state in DISPLAY_STATES})
    yield _gauge("kiosk_display_on", "1 while the display is lit, 0 while the screen schedule keeps it dark.",
                 facts.display != "off_schedule")
    yield _gauge("kiosk_display_blanking_prevented",
                 "1 when the kiosk switched off the system's screen blanking (DPMS, screen saver); 0: it may go dark by itself.",
                 facts.blanking_prevented)
    yield _gauge("kiosk_visits_last_hour", "Visits that ended in the last hour (0 when [stats] counting is off).", facts.visits_last_hour)
    yield CounterMetricFamily("kiosk_visits", "Visits that ended since the start.", value=facts.visits)
    yield _gauge("kiosk_watchdog_enabled", "1 when systemd's watchdog expects pings from the kiosk.", facts.watchdog_enabled)
    yield CounterMetricFamily("kiosk_watchdog_pings", "Watchdog pings sent to systemd since the start.", value=facts.watchdog_pings)


class _Collector(Collector):
    def __init__(self, facts: Facts) -> None:
        self._facts = facts

    def collect(self) -> Iterator[Metric]:
        return _families(self._facts)


def metrics_registry(facts: Facts, *, process: bool = True) -> CollectorRegistry:
    """A registry of our own (never the library's global one) holding `facts`, and, where the
    platform has /proc, the library's process collector: resident memory, CPU, open files."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Collector(facts))
    if process:
        ProcessCollector(namespace="kiosk", registry=registry)
    return registry


def metrics_text(facts: Facts, *, process: bool = True) -> str:
    return generate_latest(metrics_registry(facts, process=process)).decode("utf-8")
