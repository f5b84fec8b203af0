"""Where the kiosk writes `kiosk.prom`: one setting, read without loading the metrics library."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from kiosk.core.state import state_dir

METRICS_FILE = "kiosk.prom"
METRICS_FILE_ENV = "KIOSK_METRICS_FILE"


def metrics_path(env: Mapping[str, str] | None = None) -> Path:
    """`KIOSK_METRICS_FILE`, else `kiosk.prom` beside status.json in the state folder.

    An environment variable, like KIOSK_STATE_DIR, rather than a kiosk.toml setting: where the
    monitoring agent reads is a property of the machine, set by IT in the unit, while kiosk.toml
    travels with the content to many kiosks and is edited by staff; and a broken kiosk.toml must not
    move the file that would tell IT about it.
    """
    env = os.environ if env is None else env
    configured = env.get(METRICS_FILE_ENV, "").strip()
    return Path(configured) if configured else state_dir(env) / METRICS_FILE
