"""DisplayPower: the command each platform gets, and a plain line when nothing can be done."""

from __future__ import annotations

from kiosk.ops.runtime.display_power import DisplayPower


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
