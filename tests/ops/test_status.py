"""status.json: the facts IT monitors, and restarts and crashes told apart across runs."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from kiosk.ops.core.status import History, read_history, status_text


def test_status_has_version_problems_last_reload_uptime_and_restarts():
    started = datetime(2026, 12, 1, 8, 0).astimezone()
    text = status_text(version="1.2.3", started=started, now=started + timedelta(hours=2, seconds=5), uptime_s=7205.4,
                       history=History(4, "clean stop"), errors=1, warnings=2, last_reload="2026-12-01 09:00:00")
    data = json.loads(text)
    assert data["version"] == "1.2.3" and data["uptime_s"] == 7205 and data["restarts"] == 4
    assert (data["content_problems"], data["content_errors"], data["content_warnings"]) == (3, 1, 2)
    assert data["last_reload"] == "2026-12-01 09:00:00" and data["running"] is True
    assert data["started"].startswith("2026-12-01T08:00:00")


def test_history_counts_starts_and_tells_a_crash_from_a_stop(tmp_path):
    path = tmp_path / "status.json"
    assert read_history(path) == History(0, "first start")
    now = datetime.now()
    path.write_text(status_text(version="1", started=now, now=now, uptime_s=0, history=History(), errors=0, warnings=0, last_reload=""))
    assert read_history(path) == History(1, "crash, kill or power cut")  # still "running": it never said it stopped
    path.write_text(status_text(version="1", started=now, now=now, uptime_s=0, history=History(1), errors=0, warnings=0,
                                last_reload="", running=False))
    assert read_history(path) == History(2, "clean stop")
    path.write_text("{broken")
    assert read_history(path).previous_end.startswith("unknown")


def test_uptime_comes_from_the_monotonic_clock_when_the_wall_clock_is_set_back(qapp, tmp_path):
    from kiosk.ops.runtime.status_file import StatusFile

    wall = [datetime(2026, 12, 1, 8, 0).astimezone()]
    elapsed = [100.0]
    status = StatusFile(tmp_path, "1", lambda: (0, 0, ""), now=lambda: wall[0], monotonic=lambda: elapsed[0])
    elapsed[0] += 600
    wall[0] -= timedelta(days=1)  # ten minutes on, NTP sets the clock back a day
    status.write()
    assert status.flush(5)
    data = json.loads((tmp_path / "status.json").read_text(encoding="utf-8"))
    assert data["uptime_s"] == 600  # was -85800
