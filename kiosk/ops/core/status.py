"""A small status file for fleet monitoring: `status.json` in the state folder, rewritten once a minute.

IT watching many waiting rooms wants one file to read over SSH or a monitoring agent, without the
journal: which version runs, whether content has problems, when content was last loaded, how long
the kiosk has been up and how often it has started before. `running` is true while the kiosk runs
and false after a clean stop, so the next start can tell a crash (or kill, or power cut) from a stop.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

STATUS_FILE = "status.json"


@dataclass(frozen=True)
class History:
    """What the previous run's status file says about earlier runs."""

    restarts: int = 0  # how many times the kiosk started before this run
    previous_end: str = "first start"  # "clean stop", "crash, kill or power cut", or "first start"


def read_history(path: Path) -> History:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        starts = int(data["restarts"]) + 1
        clean = data.get("running") is False
    except FileNotFoundError:
        return History()
    except (OSError, ValueError, TypeError, KeyError):
        return History(previous_end="unknown (the last status file could not be read)")
    return History(max(0, starts), "clean stop" if clean else "crash, kill or power cut")


def status_text(
    *, version: str, started: datetime, now: datetime, uptime_s: float, history: History, errors: int, warnings: int,
    last_reload: str, running: bool = True,
) -> str:
    """The file's JSON; times are local ISO 8601 with the offset. `uptime_s` comes from the monotonic
    clock: `now - started` went negative when the wall clock was set back."""
    data = {
        "version": version,
        "pid": os.getpid(),
        "running": running,
        "started": started.astimezone().isoformat(timespec="seconds"),
        "updated": now.astimezone().isoformat(timespec="seconds"),
        "uptime_s": max(0, int(uptime_s)),
        "restarts": history.restarts,
        "previous_end": history.previous_end,
        "content_problems": errors + warnings,
        "content_errors": errors,
        "content_warnings": warnings,
        "last_reload": last_reload,
    }
    return json.dumps(data, indent=1) + "\n"
