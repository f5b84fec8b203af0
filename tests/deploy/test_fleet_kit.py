"""The fleet kit in deploy/fleet: its units, the playbook's promises about them, the content repository's CI.

`systemd-analyze verify` runs on these units in tests/test_deploy.py with the others; the playbook's
syntax is checked by .ci/run with a pinned ansible-core. Here: what each file must say so the pieces
fit together (the unit runs the script the playbook installs, the drop-in can point the kiosk at the
switched content, the CI example really runs `kiosk check` and `kiosk snapshot` on every push).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from test_deploy import LINUX, one, parse_unit, values

FLEET = Path(__file__).resolve().parents[2] / "deploy" / "fleet"
PLAYBOOK = FLEET / "ansible" / "kiosk.yml"


def playbook_tasks() -> list[dict]:
    plays = yaml.safe_load(PLAYBOOK.read_text(encoding="utf-8"))
    assert len(plays) == 1
    return plays[0]["tasks"]


def test_the_content_pull_unit_runs_the_script_the_playbook_installs_as_the_content_owner() -> None:
    unit = parse_unit(FLEET / "kiosk-fleet-content.service")
    assert one(unit, "Service", "Type") == "oneshot"
    assert one(unit, "Service", "User") == "kiosk-sync", "the kiosk user only reads the content"
    command = one(unit, "Service", "ExecStart").split()
    assert command[:2] == ["/usr/bin/python3", "/usr/local/lib/kiosk/kiosk_content_pull.py"]
    installed = [t for t in playbook_tasks() if t.get("ansible.builtin.copy", {}).get("dest") == command[1]]
    assert installed and installed[0]["ansible.builtin.copy"]["src"].endswith("/fleet/kiosk_content_pull.py")
    assert command[2:] == ["--config", "/etc/kiosk/content-pull.toml"]
    assert one(unit, "Service", "ProtectSystem") == "strict"
    assert values(unit, "Service", "ReadWritePaths") == ["/var/lib/kiosk-content"]
    timer = parse_unit(FLEET / "kiosk-fleet-content.timer")
    assert values(timer, "Timer", "OnUnitActiveSec") == ["10min"] and values(timer, "Install", "WantedBy") == ["timers.target"]


def test_the_playbook_installs_every_unit_of_the_kit() -> None:
    loops = [t["loop"] for t in playbook_tasks() if "ansible.builtin.copy" in t and "loop" in t]
    units = sorted(p.name for pattern in ("kiosk-*.service", "kiosk-*.timer") for p in FLEET.glob(pattern))
    assert any(all(isinstance(item, str) for item in loop) and sorted(loop) == units for loop in loops), (units, loops)


def test_the_drop_in_can_point_either_kiosk_unit_at_the_switched_content() -> None:
    """The template inserts `--content` after `/opt/kiosk/kiosk run`: each unit must say it exactly once."""
    for name in ["kiosk-cage.service", "kiosk-x11.service"]:
        exec_start = one(parse_unit(LINUX / name), "Service", "ExecStart")
        assert exec_start.count("/opt/kiosk/kiosk run") == 1, name
    template = (FLEET / "ansible" / "templates" / "kiosk-fleet.conf.j2").read_text(encoding="utf-8")
    assert "ExecStart=\n" in template, "a drop-in must clear ExecStart before setting it again"
    assert "--content ' ~ kiosk_content_home ~ '/current'" in template
    assert "Environment=KIOSK_METRICS_FILE={{ kiosk_metrics_file }}" in template


def test_the_pull_settings_template_names_what_the_script_reads() -> None:
    template = (FLEET / "ansible" / "templates" / "content-pull.toml.j2").read_text(encoding="utf-8")
    example = (FLEET / "content-pull.example.toml").read_text(encoding="utf-8")
    for key in ["live", "check", "allowed_signers"]:
        assert re.search(rf"^{key} = ", template, re.MULTILINE) and re.search(rf"^{key} = ", example, re.MULTILINE), key
    assert "[[source]]" in template and "[[source]]" in example


def test_the_content_ci_example_checks_and_snapshots_on_every_push() -> None:
    workflow = yaml.safe_load((FLEET / "content-ci.github.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers and "pull_request" in triggers
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(re.search(r"\bkiosk check merged\b", run) for run in steps)
    assert any(re.search(r"\bkiosk snapshot --content merged\b", run) for run in steps)
    upload = [step for job in workflow["jobs"].values() for step in job["steps"] if str(step.get("uses", "")).startswith("actions/upload-artifact")]
    assert upload and upload[0]["with"]["path"] == "previews/"


def test_ansible_core_is_pinned_for_ci() -> None:
    lines = [line.split("#")[0].strip() for line in (FLEET / "ansible" / "requirements-ci.txt").read_text(encoding="utf-8").splitlines()]
    requirements = [line for line in lines if line]
    assert requirements and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.]*", line) for line in requirements), requirements
    assert any(line.startswith("ansible-core==") for line in requirements)
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert "deploy/fleet/ansible/requirements-ci.txt" in ci and "--syntax-check" in ci
