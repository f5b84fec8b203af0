"""kiosk.prom's text, read back with prometheus_client's own parser (and promtool, where installed)."""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.core.problems import Severity
from kiosk.ops.core.content_version import ContentVersion
from kiosk.ops.core.metrics import DISPLAY_STATES, Facts, metrics_text
from kiosk.ops.core.metrics_path import METRICS_FILE_ENV, metrics_path

FACTS = Facts(
    version="0.1.0", started=1_790_000_000.0, ready=True, restarts=3, previous_clean=False,
    content=ContentVersion("0123456789abcdef", "f" * 40, (("shared", "v14", "a" * 40), ("clinic", "north-7", "b" * 40))),
    cards_shown={"en": 9, "es": 8}, topics_shown={"en": 3, "es": 2}, problems={Severity.WARNING: 2, Severity.NOTE: 5}, reloads=4, last_reload=1_790_000_100.0,
    speech={"en": True, "es": False}, display="on", blanking_prevented=True, visits_last_hour=6, visits=41,
    watchdog_enabled=True, watchdog_pings=120,
)


def samples(facts: Facts, *, process: bool = False) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """{(sample name, sorted labels): value} of the parsed text."""
    text = metrics_text(facts, process=process)
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text) for sample in family.samples
    }


def value(parsed: dict, name: str, **labels: str) -> float:
    return parsed[(name, tuple(sorted(labels.items())))]


def test_every_fact_is_a_sample_with_its_labels() -> None:
    parsed = samples(FACTS)
    assert value(parsed, "kiosk_build_info", version="0.1.0") == 1
    assert value(parsed, "kiosk_up") == 1 and value(parsed, "kiosk_ready") == 1
    assert value(parsed, "kiosk_start_time_seconds") == 1_790_000_000.0
    assert value(parsed, "kiosk_restarts_total") == 3 and value(parsed, "kiosk_previous_run_clean") == 0
    assert value(parsed, "kiosk_content_info", digest="0123456789abcdef", commit="f" * 40) == 1
    assert value(parsed, "kiosk_content_source_info", source="clinic", tag="north-7", commit="b" * 40) == 1
    assert value(parsed, "kiosk_cards_shown", language="en") == 9 and value(parsed, "kiosk_cards_shown", language="es") == 8
    assert value(parsed, "kiosk_topics_shown", language="en") == 3
    assert value(parsed, "kiosk_content_problems", severity="warning") == 2
    assert value(parsed, "kiosk_content_problems", severity="error") == 0, "every severity is there, zero or not"
    assert value(parsed, "kiosk_content_reloads_total") == 4
    assert value(parsed, "kiosk_content_last_reload_timestamp_seconds") == 1_790_000_100.0
    assert value(parsed, "kiosk_speech_available", language="es") == 0
    assert value(parsed, "kiosk_visits_last_hour") == 6 and value(parsed, "kiosk_visits_total") == 41
    assert value(parsed, "kiosk_watchdog_enabled") == 1 and value(parsed, "kiosk_watchdog_pings_total") == 120


def test_off_on_purpose_is_not_down() -> None:
    """The schedule's dark screen: up and ready, display off, the state saying why; a failed switch is not off."""
    dark = samples(replace(FACTS, display="off_schedule"))
    assert value(dark, "kiosk_up") == 1 and value(dark, "kiosk_ready") == 1
    assert value(dark, "kiosk_display_on") == 0
    assert value(dark, "kiosk_display_state", kiosk_display_state="off_schedule") == 1
    assert sum(value(dark, "kiosk_display_state", kiosk_display_state=state) for state in DISPLAY_STATES) == 1
    failed = samples(replace(FACTS, display="switch_failed"))
    assert value(failed, "kiosk_display_state", kiosk_display_state="switch_failed") == 1
    assert value(failed, "kiosk_display_on") == 1, "the schedule could not switch it off: it is still lit"
    lit = samples(FACTS)
    assert value(lit, "kiosk_display_on") == 1 and value(lit, "kiosk_display_state", kiosk_display_state="on") == 1


def test_a_clean_stop_says_down_and_not_ready() -> None:
    parsed = samples(replace(FACTS, up=False))
    assert value(parsed, "kiosk_up") == 0 and value(parsed, "kiosk_ready") == 0


def test_a_first_start_has_every_series_with_unknowns_as_nan() -> None:
    parsed = samples(Facts(version="0.1.0", started=1.0))
    assert math.isnan(value(parsed, "kiosk_previous_run_clean"))
    assert math.isnan(value(parsed, "kiosk_content_last_reload_timestamp_seconds"))
    assert value(parsed, "kiosk_content_info", digest="", commit="") == 1
    assert not any(name == "kiosk_content_source_info" for name, _ in parsed), "only a fleet release names sources"


def test_names_follow_the_conventions() -> None:
    text = metrics_text(FACTS, process=True)
    families = list(text_string_to_metric_families(text))
    assert all(family.name.startswith("kiosk_") for family in families)
    for family in families:
        if family.type == "counter":
            assert all(sample.name.endswith("_total") for sample in family.samples), family.name
        assert "_ms" not in family.name and "_mb" not in family.name, "base units only"
    if sys.platform.startswith("linux"):
        rss = [s.value for f in families for s in f.samples if s.name == "kiosk_process_resident_memory_bytes"]
        assert rss and rss[0] > 10_000_000, "the library's process collector reads the kiosk's own RSS"


def test_special_characters_in_labels_are_escaped() -> None:
    odd = ContentVersion("d", "", (('we"ird\\name', "tag\nwith newline", "c"),))
    parsed = samples(Facts(version='1.0 "beta"', started=1.0, content=odd))
    assert value(parsed, "kiosk_build_info", version='1.0 "beta"') == 1
    assert value(parsed, "kiosk_content_source_info", source='we"ird\\name', tag="tag\nwith newline", commit="c") == 1


def test_the_path_is_the_environment_variable_or_beside_status_json(tmp_path: Path) -> None:
    assert metrics_path({METRICS_FILE_ENV: str(tmp_path / "m.prom")}) == tmp_path / "m.prom"
    assert metrics_path({"KIOSK_STATE_DIR": str(tmp_path)}) == tmp_path / "kiosk.prom"


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool is not installed (.ci/run installs it)")
def test_promtool_check_metrics_passes(tmp_path: Path) -> None:
    for facts in (FACTS, Facts(version="0.1.0", started=1.0), replace(FACTS, display="off_schedule", up=False)):
        done = subprocess.run(["promtool", "check", "metrics"], input=metrics_text(facts), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and not done.stdout.strip() and not done.stderr.strip(), done.stdout + done.stderr


NO_TLS = """
import importlib.abc, sys
class NoTLS(importlib.abc.MetaPathFinder):  # as in the PyInstaller build: ssl left out (build.spec)
    def find_spec(self, name, path=None, target=None):
        if name in ("ssl", "_ssl"):
            raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, NoTLS())
from kiosk.ops.core.metrics import Facts, metrics_registry
from kiosk.ops.core.prometheus_text import write_to_textfile
write_to_textfile(sys.argv[1], metrics_registry(Facts(version="built", started=1.0)))
try:
    import ssl
except ImportError:
    print("ssl still missing")
"""


def test_the_metrics_work_in_a_build_without_tls(tmp_path: Path) -> None:
    """prometheus_client imports ssl at its top; the built kiosk has none, and its metrics must still be written."""
    target = tmp_path / "kiosk.prom"
    done = subprocess.run([sys.executable, "-c", NO_TLS, str(target)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ssl still missing", "the stand-in is gone once the library is loaded"
    assert samples_of(target.read_text(encoding="utf-8"))[("kiosk_build_info", (("version", "built"),))] == 1


def samples_of(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value for f in text_string_to_metric_families(text) for s in f.samples}
