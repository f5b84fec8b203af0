"""The code's shape is checked with the tests, so nobody learns of a broken layer only from CI.

The import contracts (kiosk.core is Qt-free; entry > app > ui > runtime > core), ruff's rule set and
mypy on all of kiosk/ are configured in pyproject.toml; .ci/run also runs each on its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["lint-imports", "--no-cache"],
        ["ruff", "check", "--no-cache", "kiosk", "tests", "bench", "scripts", "deploy"],
        ["mypy"],
    ],
    ids=["import-contracts", "ruff", "mypy"],
)
def test_code_shape(command):
    tool = BIN / command[0]
    if not tool.exists():
        pytest.fail(f"{command[0]} is not installed: pip install -e '.[test]'")
    result = subprocess.run([str(tool), *command[1:]], cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


MAX_LINES = 320  # "about 300": one idea per module; past this, split the module by idea


def test_no_product_module_grows_past_about_300_lines():
    long = {str(path.relative_to(REPO)): n for path in sorted((REPO / "kiosk").rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these modules by idea (over {MAX_LINES} lines): {long}"
