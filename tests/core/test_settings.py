"""Each kiosk.toml setting is declared once; what staff read and what the loader accepts come from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

from kiosk.core.config import Config, load_config, sections
from kiosk.core.settings import declared, settings_table


def test_the_readme_settings_table_is_made_from_the_declarations():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- settings table:[^\n]*-->\n(.*?)\n<!-- end of settings table -->", readme, re.S)
    assert match, "README.md has no generated settings table"
    assert match.group(1) == settings_table(sections()), (
        "README settings table is out of step; regenerate it with:\n"
        "python -c 'from kiosk.core.config import sections; from kiosk.core.settings import settings_table; "
        "print(settings_table(sections()))'"
    )


def test_every_declared_setting_has_help_and_a_rule():
    for _name, section in sections():
        for item, spec in declared(section):
            assert spec.help and spec.kind.rule, item.name


def every_setting():
    for name, section in sections():
        for item, spec in declared(section):
            yield name, item.name, item.default, spec


@pytest.mark.parametrize(("section", "key", "default", "spec"), list(every_setting()), ids=lambda v: str(v)[:20])
def test_a_wrong_value_of_any_setting_names_its_line_and_falls_back_to_the_declared_default(tmp_path, section, key, default, spec):
    path = tmp_path / "kiosk.toml"
    other = "kiosk" if section == "clinic" else "clinic"
    path.write_text(f'[{other}]\n\n\n[{section}]\n{key} = {{ wrong = {{ nested = 1 }} }}\n', encoding="utf-8")
    result = load_config(path)
    bad = [p for p in result.problems if p.is_error]
    assert [(p.line, p.message.split(" ")[0]) for p in bad] == [(5, key)]
    assert getattr(getattr(result.config, section), key) == default
    assert spec.fallback in bad[0].message if spec.fallback else f"using {spec.kind.show(default)}" in bad[0].message


def test_a_key_nobody_declared_is_a_warning_on_its_line(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('[kiosk]\nidle_seconds = 30\nidel_seconds = 40\n\n[welcome.es]\ntitel = "Hola"\n', encoding="utf-8")
    result = load_config(path)
    assert [(p.line, p.message) for p in result.problems if not p.is_error and "unknown" in p.message] == [
        (3, "unknown key 'idel_seconds' in [kiosk]"),
        (6, "unknown key 'titel' in [welcome.es]"),
    ]
    assert result.config.kiosk.idle_seconds == 30


def test_defaults_are_the_declared_ones(tmp_path):
    assert load_config(Path(tmp_path) / "kiosk.toml").config == Config()
    assert Config().kiosk.idle_seconds == 90 and Config().kiosk.languages == ("en",)
