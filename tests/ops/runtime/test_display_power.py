"""The display's power, every platform branch with fake commands, so all of them run on a Linux CI machine:
ScreenAwake keeps the screen from blanking; DisplayPower switches it off and on for the screen schedule."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.ops.runtime.display_power import (
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    INHIBIT_COMMAND,
    DisplayPower,
    ScreenAwake,
)

XSET = [["xset", "s", "off"], ["xset", "s", "noblank"], ["xset", "-dpms"]]
WAITS_FOREVER = [sys.executable, "-c", "import threading; threading.Event().wait()"]


class Runner:
    """Records commands; answers with a fixed exit code, or raises, per command."""

    def __init__(self, answers: dict[str, int | BaseException] | None = None) -> None:
        self.answers = answers or {}
        self.commands: list[list[str]] = []

    def __call__(self, command: list[str]) -> int:
        self.commands.append(list(command))
        answer = self.answers.get(" ".join(command), 0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


class Spawner:
    """Records the command and starts a stand-in process instead."""

    def __init__(self, stand_in: list[str] | None = None, error: OSError | None = None) -> None:
        self.stand_in = stand_in or WAITS_FOREVER
        self.error = error
        self.commands: list[list[str]] = []
        self.children: list[subprocess.Popen[bytes]] = []

    def __call__(self, command: list[str]) -> subprocess.Popen[bytes]:
        self.commands.append(list(command))
        if self.error is not None:
            raise self.error
        child = subprocess.Popen(self.stand_in, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.children.append(child)
        return child


def which_finds(*names: str):
    return lambda name: f"/usr/bin/{name}" if name in names else None


class WindowsApi:
    def __init__(self, answer: int | OSError = 0x80000000) -> None:
        self.answer = answer
        self.calls: list[int] = []

    def __call__(self, flags: int) -> int:
        self.calls.append(flags)
        if isinstance(self.answer, OSError):
            raise self.answer
        return self.answer


@pytest.fixture
def spawner():
    spawner = Spawner()
    yield spawner
    for child in spawner.children:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=10)


def awake(**kwargs) -> ScreenAwake:
    """A ScreenAwake that fails the test if it reaches a real command or Windows."""
    kwargs.setdefault("run", Runner({}))
    kwargs.setdefault("which", which_finds())
    kwargs.setdefault("windows_api", WindowsApi(OSError("real Windows API reached")))
    kwargs.setdefault("spawn", Spawner(error=OSError("real spawn reached")))
    return ScreenAwake(**kwargs)


# Windows


def test_windows_keeps_display_and_system_on_until_release():
    api, runner = WindowsApi(), Runner()
    screen = awake(system="Windows", env={}, windows_api=api, run=runner)
    note = screen.inhibit()
    assert api.calls == [ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED]
    assert api.calls == [0x80000003]
    assert "SetThreadExecutionState" in note
    screen.release()
    screen.release()
    assert api.calls == [0x80000003, ES_CONTINUOUS]
    assert runner.commands == []


def test_windows_refusal_is_noted_and_not_released():
    api = WindowsApi(answer=0)
    screen = awake(system="Windows", env={}, windows_api=api)
    note = screen.inhibit()
    assert "SetThreadExecutionState refused" in note and "power settings" in note
    screen.release()
    assert api.calls == [0x80000003]


def test_windows_api_error_is_noted():
    screen = awake(system="Windows", env={}, windows_api=WindowsApi(OSError("access denied")))
    note = screen.inhibit()
    assert "SetThreadExecutionState failed" in note and "access denied" in note
    screen.release()


def test_windows_without_ctypes_windll_still_does_not_raise():
    # The real API on this Linux machine: ctypes has no WinDLL here.
    note = ScreenAwake(system="Windows", env={}).inhibit()
    assert note.startswith("could not keep the screen awake")


# X11


def test_x11_turns_screen_saver_blanking_and_dpms_off():
    runner = Runner()
    screen = awake(system="Linux", env={"DISPLAY": ":0"}, run=runner, which=which_finds("xset"))
    note = screen.inhibit()
    assert runner.commands == XSET
    assert ":0" in note and "DPMS off" in note
    screen.release()
    assert runner.commands == XSET


def test_x11_without_xset_runs_nothing_and_says_so():
    runner = Runner()
    note = awake(system="Linux", env={"DISPLAY": ":0"}, run=runner, which=which_finds()).inhibit()
    assert runner.commands == []
    assert "xset not found" in note and "x11-xserver-utils" in note


def test_x11_failing_command_is_named_and_the_others_still_run():
    runner = Runner({"xset -dpms": 1})
    note = awake(system="Linux", env={"DISPLAY": ":1"}, run=runner, which=which_finds("xset")).inhibit()
    assert runner.commands == XSET
    assert "may still be on" in note and "`xset -dpms` exited with 1" in note
    assert "`xset s off`" not in note and "`xset s noblank`" not in note


@pytest.mark.parametrize("error", [OSError("Exec format error"), subprocess.TimeoutExpired(["xset"], 5)])
def test_x11_runner_that_raises_is_noted(error):
    runner = Runner({" ".join(c): error for c in XSET})
    note = awake(system="Linux", env={"DISPLAY": ":0"}, run=runner, which=which_finds("xset")).inhibit()
    assert runner.commands == XSET
    assert note.count("failed") == 3 and str(error) in note


# Wayland


def test_wayland_holds_systemd_inhibit_until_release(spawner):
    runner = Runner()
    screen = awake(
        system="Linux", env={"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, run=runner,
        which=which_finds("systemd-inhibit", "xset"), spawn=spawner,
    )
    screen.grace_s = 0.1
    note = screen.inhibit()
    assert spawner.commands == [[
        "systemd-inhibit", "--what=idle", "--who=kiosk", "--why=patient kiosk on display", "--mode=block",
        "sleep", "infinity",
    ]]
    assert spawner.commands == [INHIBIT_COMMAND]
    assert runner.commands == [], "xset must not run under Wayland, even with Xwayland's DISPLAY set"
    assert "systemd-inhibit" in note and "idle" in note
    child = spawner.children[0]
    assert child.poll() is None
    screen.release()
    assert child.returncode is not None
    screen.release()


def test_wayland_inhibit_twice_keeps_one_inhibitor(spawner):
    screen = awake(system="Linux", env={"WAYLAND_DISPLAY": "wayland-0"}, which=which_finds("systemd-inhibit"), spawn=spawner)
    screen.grace_s = 0.1
    screen.inhibit()
    screen.inhibit()
    assert [child.poll() is None for child in spawner.children] == [False, True]
    screen.release()


def test_wayland_inhibitor_that_dies_at_once_is_reported():
    spawner = Spawner(stand_in=[sys.executable, "-c", "import sys; sys.stderr.write('Failed to connect to bus'); sys.exit(1)"])
    screen = awake(system="Linux", env={"WAYLAND_DISPLAY": "wayland-0"}, which=which_finds("systemd-inhibit"), spawn=spawner)
    screen.grace_s = 10
    note = screen.inhibit()
    assert "systemd-inhibit exited with 1" in note and "Failed to connect to bus" in note
    assert "compositor's own settings apply" in note
    screen.release()


def test_wayland_inhibitor_that_cannot_start_is_reported():
    spawner = Spawner(error=PermissionError(13, "Permission denied"))
    screen = awake(system="Linux", env={"WAYLAND_DISPLAY": "wayland-0"}, which=which_finds("systemd-inhibit"), spawn=spawner)
    note = screen.inhibit()
    assert spawner.commands == [INHIBIT_COMMAND]
    assert "could not start systemd-inhibit" in note and "Permission denied" in note
    screen.release()


def test_wayland_without_systemd_inhibit_leaves_it_to_the_compositor():
    spawner = Spawner(error=OSError("must not start"))
    note = awake(system="Linux", env={"WAYLAND_DISPLAY": "wayland-0"}, spawn=spawner).inhibit()
    assert spawner.commands == []
    assert "compositor's own settings apply" in note and "cage" in note


# Everything else


@pytest.mark.parametrize("system, env", [("Linux", {}), ("Darwin", {"DISPLAY": ":0"}), ("", {})])
def test_no_known_way_is_noted(system, env):
    runner, spawner, api = Runner(), Spawner(error=OSError("must not start")), WindowsApi()
    screen = awake(system=system, env=env, run=runner, which=which_finds("xset", "systemd-inhibit"), spawn=spawner, windows_api=api)
    note = screen.inhibit()
    assert "no way to keep the screen awake on this system; check the display's power settings" in note
    screen.release()
    assert runner.commands == [] and spawner.commands == [] and api.calls == []


# What the metrics report (kiosk_display_blanking_prevented)


def test_blanking_prevented_only_when_the_switch_worked(spawner):
    x11 = awake(system="Linux", env={"DISPLAY": ":0"}, run=Runner(), which=which_finds("xset"))
    assert not x11.blanking_prevented
    x11.inhibit()
    assert x11.blanking_prevented
    failing = awake(system="Linux", env={"DISPLAY": ":0"}, run=Runner({"xset -dpms": 1}), which=which_finds("xset"))
    failing.inhibit()
    assert not failing.blanking_prevented
    windows = awake(system="Windows", env={}, windows_api=WindowsApi(answer=0))
    windows.inhibit()
    assert not windows.blanking_prevented
    wayland = awake(system="Linux", env={"WAYLAND_DISPLAY": "wayland-0"}, which=which_finds("systemd-inhibit"), spawn=spawner)
    wayland.inhibit()
    assert wayland.blanking_prevented
    wayland.release()


# --- DisplayPower: the command each platform gets, and a plain line when nothing can be done ----------


def power(system="Linux", env=None, tools=("xset", "wlopm", "wlr-randr"), code=0, outputs=("HDMI-A-1",), api=True, dpms=True):
    ran: list[list[str]] = []

    def run(command):
        ran.append(command)
        return code

    calls: list[int] = []
    made = DisplayPower(system=system, env=env or {}, run=run, which=lambda name: name if name in tools else None,
                        output=lambda command: fake_output(command, outputs, dpms), windows_api=lambda state: calls.append(state) or api)
    return made, ran, calls


def fake_output(command, outputs, dpms):
    if command == ["xset", "q"]:
        return "DPMS (Energy Star):\n  Standby: 600\n" if dpms else "DPMS (Energy Star):\n  Server does not have the DPMS Extension\n"
    return "".join(f'{name} "Some Monitor"\n  Enabled: yes\n' for name in outputs)


def test_an_x_server_without_dpms_is_said_so_not_pretended(tmp_path):
    made, ran, _ = power(env={"DISPLAY": ":0"}, dpms=False)
    assert made.set_on(False) == "cannot switch the display off: this X server has no DPMS extension"
    assert ran == []


def test_x11_uses_dpms_and_switches_dpms_off_again_after_waking():
    made, ran, _ = power(env={"DISPLAY": ":0"})
    assert made.set_on(False) == "display off (xset dpms force off)"
    assert made.set_on(True) == "display on (xset dpms force on)"
    assert ran == [["xset", "dpms", "force", "off"], ["xset", "dpms", "force", "on"], ["xset", "-dpms"]]


def test_wayland_prefers_wlopm_then_wlr_randr_per_output():
    made, ran, _ = power(env={"WAYLAND_DISPLAY": "wayland-0"})
    assert made.set_on(False) == "display off (wlopm --off)" and ran == [["wlopm", "--off", "*"]]
    made, ran, _ = power(env={"WAYLAND_DISPLAY": "wayland-0"}, tools=("wlr-randr",), outputs=("HDMI-A-1", "DP-2"))
    assert made.set_on(True) == "display on (wlr-randr --on: HDMI-A-1, DP-2)"
    assert ran == [["wlr-randr", "--output", "HDMI-A-1", "--on"], ["wlr-randr", "--output", "DP-2", "--on"]]


def test_where_it_is_not_possible_the_line_says_why():
    made, ran, _ = power(env={"WAYLAND_DISPLAY": "wayland-0"}, tools=())
    assert "neither wlopm nor wlr-randr is installed" in made.set_on(False) and ran == []
    made, _, _ = power(env={})
    assert made.set_on(False).startswith("cannot switch the display off here (Linux, no DISPLAY or WAYLAND_DISPLAY)")
    made, _, _ = power(env={"DISPLAY": ":0"}, code=1)
    assert made.set_on(False) == "could not switch the display off: `xset dpms force off` exited with 1"


def test_windows_sends_sc_monitorpower():
    made, _, calls = power(system="Windows")
    assert made.set_on(False) == "display off (SC_MONITORPOWER)" and made.set_on(True) == "display on (SC_MONITORPOWER)"
    assert calls == [2, -1]
