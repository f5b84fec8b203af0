"""The deploy kit: systemd units that keep the kiosk running, and the build's promises to IT.

The units are read with a small parser (systemd allows a key many times, which configparser does
not) and, where `systemd-analyze` exists and can run, checked by `systemd-analyze verify` too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINUX = REPO / "deploy" / "linux"
FLEET = REPO / "deploy" / "fleet"
# Every unit of the kit, the fleet's too (deploy/fleet: content pull from signed tags, ansible-pull).
UNITS = sorted(p for folder in (LINUX, FLEET) for pattern in ("*.service", "*.timer") for p in folder.glob(pattern))
KIOSK_UNITS = ["kiosk-cage.service", "kiosk-x11.service"]
# Programs a unit starts that a test machine need not have: verify only says they are missing.
OPTIONAL_PROGRAMS = {"/usr/bin/cage", "/usr/bin/xinit", "/usr/bin/git", "/usr/bin/ansible-pull"}


def parse_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """{section: [(key, value), ...]} in file order; comments and blank lines left out."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if match := re.fullmatch(r"\[([A-Za-z]+)\]", line):
            current = sections.setdefault(match.group(1), [])
            continue
        key, sep, value = line.partition("=")
        assert current is not None and sep, f"{path.name}:{number}: not a `Key=value` line inside a section: {raw!r}"
        current.append((key.strip(), value.strip()))
    return sections


LIST_KEYS = {"After", "Before", "Wants", "Requires", "Conflicts", "WantedBy"}


def values(unit: dict[str, list[tuple[str, str]]], section: str, key: str) -> list[str]:
    """Every value of `key` in `section`, unit lists split (After=a b, After=c -> a, b, c)."""
    found = [v for k, v in unit.get(section, []) if k == key]
    return [word for v in found for word in v.split()] if key in LIST_KEYS else found


def one(unit: dict[str, list[tuple[str, str]]], section: str, key: str) -> str:
    found = values(unit, section, key)
    assert len(found) == 1, f"[{section}] {key}= should be set once, found {found}"
    return found[0]


def test_the_kit_is_complete() -> None:
    for name in [*KIOSK_UNITS, "kiosk-content-pull.service", "kiosk-content-pull.timer", "README.md"]:
        assert (LINUX / name).is_file(), name
    for name in ["README.md", "shell-launcher.xml", "install-task.ps1"]:
        assert (REPO / "deploy" / "windows" / name).is_file(), name
    assert (REPO / "deploy" / "sync.md").is_file()


@pytest.mark.parametrize("name", KIOSK_UNITS)
def test_kiosk_units_log_in_on_tty1_and_always_restart(name: str) -> None:
    unit = parse_unit(LINUX / name)
    assert one(unit, "Service", "Restart") == "always"
    assert one(unit, "Service", "RestartSec") == "2"
    assert one(unit, "Service", "User") == "kiosk"
    assert one(unit, "Service", "PAMName") == "login"
    assert one(unit, "Service", "TTYPath") == "/dev/tty1"
    assert one(unit, "Service", "StandardInput") == "tty"
    assert "systemd-user-sessions.service" in values(unit, "Unit", "After")
    assert values(unit, "Unit", "Conflicts") == ["getty@tty1.service"]
    # Restart=always is worthless if systemd gives up after a few quick crashes.
    assert one(unit, "Unit", "StartLimitIntervalSec") == "0"
    assert values(unit, "Install", "WantedBy") == ["graphical.target"]
    environment = values(unit, "Service", "Environment")
    assert any(e.startswith("LANG=") and "UTF-8" in e for e in environment), "Qt warns under a non-UTF-8 locale"


def test_cage_unit_runs_the_kiosk_under_cage_on_wayland() -> None:
    unit = parse_unit(LINUX / "kiosk-cage.service")
    exec_start = one(unit, "Service", "ExecStart")
    assert exec_start.startswith("/usr/bin/cage ")
    assert exec_start.endswith("-- /opt/kiosk/kiosk run")
    assert "QT_QPA_PLATFORM=wayland" in values(unit, "Service", "Environment")


def test_x11_unit_runs_a_bare_x_server_without_cursor_or_blanking() -> None:
    unit = parse_unit(LINUX / "kiosk-x11.service")
    exec_start = one(unit, "Service", "ExecStart")
    client, _, server = exec_start.partition(" -- ")
    assert client == "/usr/bin/xinit /opt/kiosk/kiosk run"
    assert server.split()[:2] == [":0", "vt1"]
    for option in ["-nocursor", "-dpms"]:
        assert option in server.split()
    assert "-s 0" in server
    assert "QT_QPA_PLATFORM=xcb" in values(unit, "Service", "Environment")


def test_content_pull_only_fast_forwards_on_a_timer() -> None:
    service = parse_unit(LINUX / "kiosk-content-pull.service")
    assert one(service, "Service", "Type") == "oneshot"
    assert one(service, "Service", "ExecStart") == "/usr/bin/git -C /opt/kiosk/content pull --ff-only --quiet"
    assert one(service, "Service", "User") == "kiosk-sync", "the kiosk user only reads the content"
    timer = parse_unit(LINUX / "kiosk-content-pull.timer")
    assert values(timer, "Timer", "OnUnitActiveSec") and values(timer, "Timer", "OnBootSec")
    assert values(timer, "Install", "WantedBy") == ["timers.target"]


def _verify(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["systemd-analyze", "verify", "--man=no", str(path)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("path", UNITS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_systemd_analyze_verify(path: Path, tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    probe = tmp_path / "probe.service"
    probe.write_text("[Service]\nType=oneshot\nExecStart=/bin/true\n", encoding="utf-8")
    baseline = _verify(probe)
    if baseline.returncode != 0 or baseline.stderr.strip():
        pytest.skip(f"systemd-analyze verify cannot run here: {(baseline.stderr or baseline.stdout).strip()[:200]}")
    unit = tmp_path / path.name
    shutil.copy(path, unit)
    result = _verify(unit)
    missing = re.compile(r"Command (\S+) is not executable: No such file or directory")
    problems = [
        line for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and not ((m := missing.search(line)) and m.group(1) in OPTIONAL_PROGRAMS)
    ]
    assert not problems, "\n".join(problems)


HARDENING = {
    "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "read-only", "PrivateTmp": "yes",
    "ProtectKernelTunables": "yes", "ProtectKernelModules": "yes", "ProtectControlGroups": "yes",
    "RestrictAddressFamilies": "AF_UNIX AF_NETLINK", "IPAddressDeny": "any", "CapabilityBoundingSet": "",
}


@pytest.mark.parametrize("name", KIOSK_UNITS)
def test_kiosk_units_are_notify_with_a_watchdog_reload_and_sandbox(name: str) -> None:
    unit = parse_unit(LINUX / name)
    assert one(unit, "Service", "Type") == "notify"
    assert one(unit, "Service", "NotifyAccess") == "all", "the kiosk is the compositor's child"
    assert int(one(unit, "Service", "WatchdogSec")) >= 10
    assert "pkill -HUP" in one(unit, "Service", "ExecReload") and "-x kiosk" in one(unit, "Service", "ExecReload")
    assert one(unit, "Service", "StateDirectory") == one(unit, "Service", "LogsDirectory") == "kiosk"
    environment = values(unit, "Service", "Environment")
    assert "KIOSK_STATE_DIR=/var/lib/kiosk" in environment and "KIOSK_LOG_DIR=/var/log/kiosk" in environment
    for key, value in HARDENING.items():
        assert one(unit, "Service", key) == value, key
    assert "PrivateDevices" not in dict(unit["Service"]), "the compositor needs the GPU, the touchscreen and the tty"


def test_the_lockdown_files_ship_with_the_kit() -> None:
    assert "kernel.sysrq = 0" in (LINUX / "sysctl-kiosk.conf").read_text(encoding="utf-8")
    xorg = (LINUX / "xorg-kiosk.conf").read_text(encoding="utf-8")
    assert 'Option "DontVTSwitch" "true"' in xorg and 'Option "DontZap" "true"' in xorg
    logind = (LINUX / "logind-kiosk.conf").read_text(encoding="utf-8")
    assert "NAutoVTs=0" in logind and "HandlePowerKey=ignore" in logind
    assert "install usb-storage /bin/false" in (LINUX / "modprobe-kiosk.conf").read_text(encoding="utf-8")
    assert " -s " not in one(parse_unit(LINUX / "kiosk-cage.service"), "Service", "ExecStart"), "cage -s allows VT switching"


@pytest.mark.parametrize("name", KIOSK_UNITS)
def test_systemd_analyze_security_rates_the_kiosk_units_ok(name: str) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    result = subprocess.run(["systemd-analyze", "security", "--offline=yes", str(LINUX / name)],
                            capture_output=True, text=True, timeout=60)
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout + result.stderr)
    if match is None:
        pytest.skip(f"systemd-analyze security cannot run here: {(result.stderr or result.stdout).strip()[:200]}")
    assert float(match.group(1)) <= 4.0, result.stdout[-2000:]
