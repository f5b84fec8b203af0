"""sd_notify: READY and WATCHDOG datagrams reach a socket the test binds (path and abstract), from the event loop."""

from __future__ import annotations

import os
import socket
import sys

import pytest

from kiosk.ops.runtime.watchdog import Watchdog, notify, watchdog_interval_ms

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="AF_UNIX datagrams are for systemd")


@pytest.fixture(params=["path", "abstract"])
def notify_socket(request, tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    if request.param == "path":
        name = str(tmp_path / "notify")
        sock.bind(name)
    else:
        name = f"@kiosk-test-{os.getpid()}-{id(sock)}"
        sock.bind("\0" + name[1:])
    sock.setblocking(False)
    yield sock, name
    sock.close()


def received(sock: socket.socket) -> list[str]:
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode())
        except BlockingIOError:
            return messages


def test_notify_sends_one_datagram(notify_socket):
    sock, name = notify_socket
    assert notify("READY=1", {"NOTIFY_SOCKET": name})
    assert received(sock) == ["READY=1"]
    assert not notify("READY=1", {})
    assert not notify("READY=1", {"NOTIFY_SOCKET": "relative/name"})


def test_a_notify_socket_nobody_reads_never_holds_the_sender(notify_socket):
    # A reader that stopped reading (a stuck supervisor, a test harness gone) fills the socket's queue
    # after a few datagrams; a blocking send then waited for ever, on the screen's thread.
    import threading

    sock, name = notify_socket
    results: list[bool] = []
    sender = threading.Thread(target=lambda: results.extend(notify("WATCHDOG=1", {"NOTIFY_SOCKET": name}) for _ in range(500)),
                              daemon=True)
    sender.start()
    sender.join(timeout=10)
    assert not sender.is_alive(), "notify() blocked on a full notify socket"
    assert results[0] and not results[-1]  # the first ones arrived; once full, the rest are dropped
    assert received(sock)[0] == "WATCHDOG=1"


def test_ready_then_pings_from_the_event_loop_only(notify_socket, qtbot):
    sock, name = notify_socket
    env = {"NOTIFY_SOCKET": name, "WATCHDOG_USEC": "100000", "WATCHDOG_PID": str(os.getpid())}
    watchdog = Watchdog(env)
    assert watchdog.interval_ms == 50
    assert not watchdog.is_ready and watchdog.pings == 0
    watchdog.ready()
    assert received(sock) == ["READY=1\nSTATUS=showing the kiosk", "WATCHDOG=1"]
    assert received(sock) == [], "no ping without the event loop turning: a hung UI stops them"
    pings: list[str] = []
    qtbot.waitUntil(lambda: pings.extend(received(sock)) or len(pings) >= 2, timeout=5000)
    assert set(pings) == {"WATCHDOG=1"}
    assert watchdog.is_ready and watchdog.pings == 1 + len(pings), "the metrics count the pings sent"
    watchdog.reloading()
    assert not watchdog.is_ready
    watchdog.stopping()
    assert received(sock)[-2:] == ["RELOADING=1", "STOPPING=1"]
    qtbot.wait(120)
    assert received(sock) == [], "no pings after STOPPING"


@pytest.mark.parametrize(
    ("env", "interval"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 15000),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getppid())}, 15000),  # cage or xinit is the main process
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
    ],
)
def test_watchdog_interval_is_half_of_watchdog_usec_for_this_process_or_its_parent(env, interval):
    assert watchdog_interval_ms(env) == interval


def test_without_a_socket_nothing_is_sent_and_the_log_says_why():
    watchdog = Watchdog({})
    watchdog.ready()
    assert not watchdog.enabled and "no watchdog" in watchdog.describe()
