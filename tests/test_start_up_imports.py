"""Start-up loads what the first screen needs and leaves the rest for when it is first used.

The staff pad and panel, the usage panel and its database, the checks `kiosk check` adds, Listen's
engine side and Qt's speech module cost a fresh kiosk tens of milliseconds before its first card if
imported eagerly. `kiosk snapshot --screen 1` in a fresh process is the probe: it builds the real
kiosk and pictures its first card, then says which modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO, SAMPLE_CONTENT

LATER = {
    "kiosk.staff.ui.pinpad", "kiosk.staff.ui.panel",  # built when staff first hold the corner
    "kiosk.usage.runtime", "kiosk.usage.ui.panel", "kiosk.usage.ui.chart", "sqlite3", "csv",  # kiosk run's store; the staff usage page
    "kiosk.core.check", "kiosk.core.plain_language", "kiosk.core.freshness",  # kiosk check and the staff panel's list
    "kiosk.listen.wiring", "kiosk.listen.runtime.speaker", "PySide6.QtTextToSpeech",  # a snapshot never speaks
    "importlib.resources",  # kiosk.core.paths finds the package from its own path
}
PROBE = """
import json, sys
from kiosk.cli import main
code = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)))
sys.exit(code)
"""


def test_a_snapshot_of_the_first_card_loads_none_of_what_waits_for_later(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE, "snapshot", "--screen", "1", "--content", str(SAMPLE_CONTENT), "--out", str(tmp_path)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "kiosk.app" in loaded and not LATER & loaded, f"loaded before they are needed: {sorted(LATER & loaded)}"
