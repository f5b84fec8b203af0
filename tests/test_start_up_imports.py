"""Start-up loads what the first screen needs and leaves the rest for when it is first used.

The staff pad and panel, the usage panel and its database, the checks `kiosk check` adds, Listen's
engine side, Qt's speech module and the handout's PDF writer cost a fresh kiosk tens of milliseconds
before its first card if imported eagerly; so do the card parser's libraries, markdown-it-py and
PyYAML, when the parse cache in the state folder already holds every card. `kiosk snapshot --screen 1`
in a fresh process is the probe: it builds the real kiosk and pictures its first card, then says
which modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SAMPLE_CONTENT

LATER = {
    "kiosk.staff.ui.pinpad", "kiosk.staff.ui.panel",  # built when staff first hold the corner
    "kiosk.usage.runtime", "kiosk.usage.ui.panel", "kiosk.usage.ui.chart", "sqlite3", "csv",  # kiosk run's store; the staff usage page
    "kiosk.core.check", "kiosk.core.plain_language", "kiosk.core.freshness",  # kiosk check and the staff panel's list
    "kiosk.listen.wiring", "kiosk.listen.runtime.speaker", "PySide6.QtTextToSpeech",  # a snapshot never speaks
    "kiosk.listen.runtime.player_process", "PySide6.QtMultimedia",  # nor plays a recording (QtMultimedia: only in its helper)
    "importlib.resources",  # kiosk.core.paths finds the package from its own path
    "kiosk.handout.runtime", "kiosk.handout.core",  # the staff panel's handout button
}
# Needed only for cards that are really parsed: none, when the parse cache holds them all.
PARSER = {"kiosk.core.card_parse", "kiosk.core.markdown", "kiosk.core.front_matter", "markdown_it", "yaml", "nh3"}
PROBE = """
import json, sys
from kiosk.cli import main
code = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)))
sys.exit(code)
"""


def loaded_by_a_snapshot(out: Path) -> set[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # KIOSK_STATE_DIR: this test's own (conftest)
    done = subprocess.run([sys.executable, "-c", PROBE, "snapshot", "--screen", "1", "--content", str(SAMPLE_CONTENT), "--out", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_a_snapshot_of_the_first_card_loads_none_of_what_waits_for_later(tmp_path):
    first = loaded_by_a_snapshot(tmp_path / "first")
    assert "kiosk.app" in first and not LATER & first, f"loaded before they are needed: {sorted(LATER & first)}"
    assert PARSER <= first, "nothing parsed before: every card is parsed"
    again = loaded_by_a_snapshot(tmp_path / "again")
    assert not (LATER | PARSER) & again, f"loaded with every card in the parse cache: {sorted((LATER | PARSER) & again)}"
