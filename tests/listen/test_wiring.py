"""Listen, driven through real taps and swipes with Qt's mock speech engine.

Qt's mock engine has no Spanish voice, so these tests give Spanish the Finnish one
(`voice.es = "fi_FI"`): the test then sees which voice Spanish asked for, and the words the engine
reports saying are the Spanish text. The mock says a word every 100 ms less half the rate, so the
cards here are short and the rate is the fastest kiosk.toml allows.
"""

from __future__ import annotations

import re
import sys

import pytest
from conftest import DATA, write_card
from helpers.clocks import SteppedClock
from helpers.gestures import mouse_drag, touch_tap
from helpers.speech import FAKE_HELPER
from PySide6.QtCore import QCoreApplication, QEvent, QPoint

import kiosk.listen.runtime.speech_process as speech_process
from kiosk.cli import main
from kiosk.core.tuning import SpeechTiming, Timing
from kiosk.ui.card import CardView

SPANISH_CARD = """---
title: Antes de la sesión
---
Traiga esto:

1. Su lista de medicinas
2. Una persona que maneje

| Efecto | Frecuencia |
|---|---|
| Mareo | Común |
"""


@pytest.fixture
def listen_content(content):
    with (content / "kiosk.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[speech]\nvoice.es = "fi_FI"\nrate = 50\n')
    for language in ("en", "es"):
        for path in (content / language).glob("*.md"):
            path.unlink()
    write_card(content, "10-before.md", "---\ntitle: Before\n---\nBring a friend.\n\n- Water\n- Snacks\n", "en")
    write_card(content, "20-after.md", "---\ntitle: After\n---\nRest well today.\n", "en")
    write_card(content, "10-before.md", SPANISH_CARD, "es")
    write_card(content, "20-after.md", "---\ntitle: Después\n---\nDescanse hoy.\n", "es")
    return content


def highlighted(view: CardView) -> str:
    selections = view.body.extraSelections()  # held: the cursors die with the list
    return selections[0].cursor.selectedText() if selections else ""


def tap(kiosk, widget) -> None:
    touch_tap(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def words(text: str) -> list[str]:
    """Words as the mock engine splits one utterance (its \\W+ is ASCII only: "sesión" is two words,
    and an utterance opening with a mark, as "¿Dudas?" does, starts with an empty word)."""
    pieces = re.split(r"[^A-Za-z0-9_]+", text)
    return pieces[:-1] if pieces and pieces[-1] == "" else pieces


@pytest.fixture
def mock_engine(monkeypatch):
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")  # as IT would pick an engine


@pytest.fixture
def listening(make_kiosk, listen_content, qtbot, mock_engine):
    def make(clock: SteppedClock | None = None, **timing):
        idle_ms = timing.pop("idle_ms", None)
        kiosk = make_kiosk(listen_content, timing=Timing(animation_ms=0, **timing), **({"clock": clock} if clock else {}))
        assert not kiosk.listening.bar.isVisible()  # nothing is started with the kiosk
        kiosk.listening.start_after_first_frame()  # as `kiosk run` does
        qtbot.waitUntil(kiosk.listening.bar.isVisible, timeout=20_000)  # the helper started and the engine answered
        if idle_ms is not None:  # from now: the helper's start (a second on a busy machine) must not end the visit
            kiosk.idle.set_timeout(idle_ms)
            kiosk.idle.start()
        kiosk.said, kiosk.heard = [], []
        kiosk.listening.speaker.said.connect(kiosk.said.append)
        kiosk.listening.speaker.heard.connect(kiosk.heard.append)
        return kiosk

    return make


def test_spanish_card_read_in_spanish_lists_and_tables_in_order(listening, listen_content, qtbot, capsys):
    kiosk = listening()
    bar = kiosk.listening.bar
    tap(kiosk, kiosk.window.visit_bar.language_buttons["es"])
    kiosk.window.go_to(1)
    assert bar.main.text().strip() == "Escuchar"
    with qtbot.waitSignal(kiosk.listening.speaker.finished, timeout=15000):
        tap(kiosk, bar.main)
    assert kiosk.said == [
        "Antes de la sesión.", "Traiga esto:", "1. Su lista de medicinas.", "2. Una persona que maneje.",
        "Efecto: Mareo; Frecuencia: Común.", "Esto no sustituye los consejos de su equipo médico.",
    ]
    assert kiosk.heard == [word for said in kiosk.said for word in words(said)]  # what the engine itself reports saying
    assert kiosk.listening.speaker.process.values["locale"] == "fi_FI"  # Spanish's configured voice, as the engine confirmed
    # `kiosk speak` prints exactly what the kiosk handed the engine.
    assert main(["speak", "--content", str(listen_content), "--screen", "1", "--language", "es"]) == 0
    assert capsys.readouterr().out.splitlines() == kiosk.said
    assert bar.main.text().strip() == "Escuchar" and not bar.stop.isVisible()


def test_pause_resume_and_stop_by_tapping(listening, qtbot):
    kiosk = listening()
    bar, speaker = kiosk.listening.bar, kiosk.listening.speaker
    kiosk.window.go_to(1)
    tap(kiosk, bar.main)
    qtbot.waitUntil(lambda: len(kiosk.heard) >= 1)
    assert bar.main.text().strip() == "Pause" and bar.stop.isVisible()
    tap(kiosk, bar.main)
    assert speaker.state.value == "paused" and bar.main.text().strip() == "Keep listening"
    qtbot.waitUntil(lambda: speaker._engine_state in ("paused", "ready"))
    heard = len(kiosk.heard)
    qtbot.wait(400)  # four words' time: nothing is said while paused
    assert len(kiosk.heard) == heard
    tap(kiosk, bar.main)
    qtbot.waitUntil(lambda: len(kiosk.heard) > heard)
    with qtbot.waitSignal(speaker.finished, timeout=2000):
        tap(kiosk, bar.stop)
    assert speaker.state.value == "idle" and not bar.stop.isVisible()
    stopped = len(kiosk.heard)
    qtbot.wait(300)
    assert len(kiosk.heard) == stopped


def test_the_block_being_read_is_highlighted(listening, qtbot):
    kiosk = listening()
    kiosk.window.go_to(1)
    view = kiosk.window.pager.current_page()
    assert isinstance(view, CardView)
    tap(kiosk, kiosk.listening.bar.main)
    qtbot.waitUntil(lambda: view.title.property("reading") is True)
    qtbot.waitUntil(lambda: bool(highlighted(view)), timeout=3000)
    assert view.title.property("reading") is False
    assert highlighted(view) == "Bring a friend."
    qtbot.waitUntil(lambda: highlighted(view) == "Water")
    with qtbot.waitSignal(kiosk.listening.speaker.finished, timeout=5000):
        tap(kiosk, kiosk.listening.bar.stop)
    assert highlighted(view) == "" and view.title.property("reading") is False


def test_a_swipe_during_speech_moves_on_and_stops_it(listening, qtbot):
    kiosk = listening()
    kiosk.window.go_to(1)
    tap(kiosk, kiosk.listening.bar.main)
    qtbot.waitUntil(lambda: len(kiosk.heard) >= 1)
    pager = kiosk.window.pager
    middle = pager.mapTo(kiosk.window, pager.rect().center())
    with qtbot.waitSignal(kiosk.listening.speaker.finished, timeout=2000):
        mouse_drag(kiosk.window, middle, middle - QPoint(pager.width() // 2, 0))
    assert kiosk.window.current_index() == 2
    assert kiosk.listening.speaker.state.value == "idle"


def test_changing_language_stops_speech(listening, qtbot):
    kiosk = listening()
    kiosk.window.go_to(1)
    tap(kiosk, kiosk.listening.bar.main)
    qtbot.waitUntil(lambda: len(kiosk.heard) >= 1)
    with qtbot.waitSignal(kiosk.listening.speaker.finished, timeout=2000):
        tap(kiosk, kiosk.window.visit_bar.language_buttons["es"])
    assert kiosk.language == "es" and kiosk.listening.speaker.state.value == "idle"


def test_volume_steps_belong_to_the_visit(listening, qtbot):
    # kiosk.toml's idle wait while the taps land (a loaded machine can pause longer than a short one
    # between two taps, and the prompt would take the next tap), then a short one.
    kiosk = listening(countdown_s=1, tick_ms=20)
    bar = kiosk.listening.bar
    engine = kiosk.listening.speaker.process.values  # as the engine confirmed them
    kiosk.window.go_to(1)
    tap(kiosk, bar.louder)
    assert kiosk.visit.volume == 80
    qtbot.waitUntil(lambda: abs(engine.get("volume", 0) - 0.8) < 1e-6)
    for _ in range(10):
        tap(kiosk, bar.quieter)
    assert kiosk.visit.volume == 10 and not bar.quieter.isEnabled() and bar.louder.isEnabled()
    kiosk.idle.set_timeout(200)
    with qtbot.waitSignal(kiosk.visit_reset, timeout=3000):
        pass
    assert kiosk.visit.volume == 70 and bar.quieter.isEnabled()
    qtbot.waitUntil(lambda: abs(engine.get("volume", 0) - 0.7) < 1e-6)


def test_idle_waits_while_reading_then_the_prompt_is_spoken(listening, qtbot):
    # The countdown runs on the test's clock: it cannot end before the prompt has been said, however slow the machine.
    clock = SteppedClock()
    kiosk = listening(countdown_s=2, tick_ms=20, clock=clock)
    prompt_seen_while_reading = []
    kiosk.listening.speaker.heard.connect(
        lambda _word: prompt_seen_while_reading.append(kiosk.idle_overlay.isVisible()) if kiosk.listening.is_reading() else None
    )
    kiosk.window.go_to(1)
    tap(kiosk, kiosk.listening.bar.main)
    kiosk.idle.set_timeout(150)  # once the tap has landed: a loaded machine's pause before it cannot bring the prompt first
    qtbot.waitUntil(lambda: kiosk.idle_overlay.isVisible(), timeout=10000)
    assert prompt_seen_while_reading and not any(prompt_seen_while_reading)  # ~1 s of reading, idle 150 ms
    qtbot.waitUntil(lambda: kiosk.said[-2:] == ["Still reading?", "Touch anywhere to keep reading."], timeout=5000)
    clock.now += 1  # the countdown's end
    with qtbot.waitSignal(kiosk.visit_reset, timeout=5000):
        pass
    assert kiosk.listening.speaker.state.value == "idle" and not kiosk.listening.used_in_visit


def test_a_visit_without_speech_gets_a_silent_prompt(listening, qtbot):
    kiosk = listening(idle_ms=100, countdown_s=1, tick_ms=50)
    # The reset comes ~0.2 s after go_to (also with the CPU shared 4 ways); once it took over 3 s at
    # load 14 and the cause was not found again: if it recurs, the message says how far it got.
    seen: list[str] = []
    kiosk.idle.idle.connect(lambda: seen.append(f"idle on screen {kiosk.current_index()}, speaker {kiosk.listening.speaker.state.value}"))
    kiosk.idle_overlay.started.connect(lambda: seen.append("prompt"))
    kiosk.idle_overlay.expired.connect(lambda: seen.append("expired"))
    kiosk.window.go_to(1)
    with qtbot.waitSignal(kiosk.visit_reset, timeout=3000, raising=False) as reset:
        pass
    assert reset.signal_triggered, f"no visit reset within 3 s; what happened: {seen}"
    assert kiosk.said == []


def test_touch_during_the_spoken_prompt_silences_it(listening, qtbot):
    kiosk = listening(countdown_s=5, tick_ms=1000)
    kiosk.window.go_to(2)
    tap(kiosk, kiosk.listening.bar.main)
    kiosk.idle.set_timeout(150)  # once the tap has landed: a loaded machine's pause before it cannot bring the prompt first
    with qtbot.waitSignal(kiosk.idle_overlay.started, timeout=10000):  # after the reading
        pass
    assert kiosk.listening.speaker.is_prompt  # being said now (polling could miss a short one)
    kiosk.idle.set_timeout(60_000)  # no idle again between the tap and the checks, however slow the machine
    tap(kiosk, kiosk.window.navbar.back)  # dismisses the prompt (and only the prompt)
    assert not kiosk.idle_overlay.isVisible()
    assert kiosk.listening.speaker.state.value == "idle"
    assert kiosk.window.current_index() == 2


def test_listen_is_hidden_where_there_is_no_voice_and_the_staff_panel_says_why(make_kiosk, content, qtbot, mock_engine):
    kiosk = make_kiosk(content)  # the sample asks for es_419, which the mock lacks
    kiosk.listening.speaker.start()
    bar = kiosk.listening.bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    tap(kiosk, kiosk.window.visit_bar.language_buttons["es"])
    assert not bar.isVisible()
    assert "Listen (read aloud) is hidden in 'es': no voice 'es_419' (this engine has no Spanish voice)" in kiosk.staff_info().problems
    assert not [line for line in kiosk.staff_info().problems if "'en'" in line]


def test_without_an_engine_listen_is_hidden_everywhere(make_kiosk):
    kiosk = make_kiosk()  # the tests' default: KIOSK_SPEECH_ENGINE=none
    assert not kiosk.listening.bar.isVisible()
    notes = [line for line in kiosk.staff_info().problems if line.startswith("Listen")]
    assert notes == [f"Listen (read aloud) is hidden in '{code}': speech is switched off on this computer (KIOSK_SPEECH_ENGINE=none)" for code in ("en", "es")]


def test_the_main_button_stays_under_the_finger(listening, qtbot):
    kiosk = listening()
    kiosk.window.go_to(1)
    bar = kiosk.listening.bar
    where = bar.main.mapTo(kiosk.window, bar.main.rect().center())
    tap(kiosk, bar.main)
    qtbot.waitUntil(lambda: bar.stop.isVisible())
    qtbot.waitUntil(lambda: bar.main.mapTo(kiosk.window, bar.main.rect().center()) == where, timeout=1000)
    tap(kiosk, bar.main)  # the same place now pauses
    assert kiosk.listening.speaker.state.value == "paused"


def test_a_recorded_card_offers_listen_even_without_a_voice(make_kiosk, listen_content, qtbot, monkeypatch):
    from helpers.speech import FakeRecordingPlayer

    import kiosk.listen.runtime.recordings as recordings_module

    monkeypatch.setattr(recordings_module, "PlayerProcess", FakeRecordingPlayer)
    (listen_content / "audio").mkdir()
    (listen_content / "audio" / "after.wav").write_bytes((DATA / "audio" / "tone.wav").read_bytes())
    write_card(listen_content, "20-after.md", "---\ntitle: After\naudio: audio/after.wav\n---\nRest well today.\n", "en")
    kiosk = make_kiosk(listen_content)  # the tests' default: no speech engine at all
    bar = kiosk.listening.bar
    kiosk.window.go_to(1)
    assert not bar.isVisible()
    tap(kiosk, kiosk.window.navbar.next)
    assert bar.isVisible()
    tap(kiosk, bar.main)
    assert kiosk.listening.speaker.recordings.player.calls == ["play after.wav"]
    with qtbot.waitSignal(kiosk.listening.speaker.finished, timeout=2000):
        tap(kiosk, kiosk.window.navbar.back)  # a page change stops the recording too
    assert not bar.isVisible()


def test_a_keypad_play_key_listens_pauses_and_resumes(listening, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def key(code) -> None:  # with its text given, QTest does not guess one (and warn) for media keys
        for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
            QTest.sendKeyEvent(action, kiosk.window, code, "", Qt.KeyboardModifier.NoModifier)

    kiosk = listening()
    speaker = kiosk.listening.speaker
    kiosk.window.go_to(1)
    key(Qt.Key.Key_MediaTogglePlayPause)
    qtbot.waitUntil(lambda: len(kiosk.heard) >= 1)
    assert speaker.state.value == "speaking"
    key(Qt.Key.Key_MediaTogglePlayPause)
    assert speaker.state.value == "paused"
    key(Qt.Key.Key_VolumeUp)
    assert kiosk.visit.volume == 80
    with qtbot.waitSignal(speaker.finished, timeout=2000):
        key(Qt.Key.Key_MediaStop)


def test_a_stuck_engine_shows_listen_not_working_then_listen_comes_back(make_kiosk, listen_content, qtbot, monkeypatch, tmp_path):
    """The fake helper takes the sentence and never answers again; the next helper (after the back-off) works."""
    monkeypatch.delenv("KIOSK_SPEECH_ENGINE")
    monkeypatch.setattr(speech_process, "helper_command", lambda *_argument: [sys.executable, str(FAKE_HELPER), "hangs-on-say", str(tmp_path / "recovered")])
    kiosk = make_kiosk(listen_content, timing=Timing(animation_ms=0, speech=SpeechTiming(reply_ms=300, start_ms=2_000, retry_ms=1_000)))
    bar, speaker = kiosk.listening.bar, kiosk.listening.speaker
    kiosk.listening.start_after_first_frame()
    qtbot.waitUntil(bar.isVisible, timeout=20_000)
    kiosk.window.go_to(1)
    tap(kiosk, bar.main)
    assert speaker.state.value == "speaking"
    with qtbot.waitSignal(speaker.finished, timeout=5_000):  # the helper missed its deadline: killed, reading over
        pass
    assert bar.isVisible() and bar.not_working.isVisible() and not bar.main.isVisible() and not bar.stop.isVisible()
    assert bar.not_working.text() == "Listening is not working right now"
    assert any(line.startswith("Listen (read aloud) is not working right now: the speech engine did not answer a request (say)")
               for line in kiosk.staff_info().problems)
    tap(kiosk, kiosk.window.visit_bar.language_buttons["es"])
    assert bar.not_working.text() == "La lectura en voz alta no funciona en este momento"
    tap(kiosk, kiosk.window.visit_bar.language_buttons["en"])
    qtbot.waitUntil(bar.main.isVisible, timeout=20_000)  # a new helper answered
    assert not bar.not_working.isVisible() and not speaker.in_trouble
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the controls are back in their places
    with qtbot.waitSignal(speaker.finished, timeout=10_000):  # the whole card, read by the new helper
        tap(kiosk, bar.main)
    assert not speaker.in_trouble


def test_the_pronunciation_list_changes_what_the_engine_hears_not_the_screen(listening, listen_content, qtbot, capsys):
    write_card(listen_content, "30-drip.md", "---\ntitle: The IV\n---\nAn IV drip, not IVF.\n", "en")
    kiosk = listening()
    kiosk.reload()
    lists = kiosk.listening.lists
    qtbot.waitUntil(lambda: lists.pronunciation("en").apply("IV") == "I.V.")  # read off the screen's thread
    kiosk.window.go_to(3)
    view = kiosk.window.pager.current_page()
    with qtbot.waitSignal(kiosk.listening.speaker.finished, timeout=15000):
        tap(kiosk, kiosk.listening.bar.main)
    assert kiosk.said[:2] == ["The I.V.", "An I.V. drip, not IVF."]  # the sample's content/speech/en.toml
    assert view.title.text() == "The IV" and "An IV drip" in view.body.toPlainText()
    assert main(["speak", "--content", str(listen_content), "--screen", "3"]) == 0
    assert capsys.readouterr().out.splitlines() == kiosk.said
    (listen_content / "speech" / "en.toml").write_text('IV = "eye vee"\n', encoding="utf-8")  # an edit, no restart
    kiosk.reload()  # what the content watcher does on the edit
    qtbot.waitUntil(lambda: lists.pronunciation("en").apply("IV") == "eye vee")
    kiosk.said.clear()
    with qtbot.waitSignal(kiosk.listening.speaker.finished, timeout=15000):
        tap(kiosk, kiosk.listening.bar.main)
    assert kiosk.said[:2] == ["The eye vee.", "An eye vee drip, not IVF."]


def test_the_care_team_line_is_said_once_a_visit(listening, qtbot):
    """Every card shows it; said after each card, it doubled the card's own "Ask your care team"."""
    kiosk = listening()
    bar, speaker = kiosk.listening.bar, kiosk.listening.speaker
    footer = "This does not replace your care team's advice."
    kiosk.window.go_to(1)
    with qtbot.waitSignal(speaker.finished, timeout=15000):
        tap(kiosk, bar.main)
    assert kiosk.said[-1] == footer
    kiosk.window.go_to(2)
    kiosk.said.clear()
    with qtbot.waitSignal(speaker.finished, timeout=15000):
        tap(kiosk, bar.main)
    assert kiosk.said == ["After.", "Rest well today."]
    kiosk.visit_reset.emit()  # the next patient hears it again
    kiosk.said.clear()
    with qtbot.waitSignal(speaker.finished, timeout=15000):
        tap(kiosk, bar.main)
    assert kiosk.said[-1] == footer


def test_the_volume_buttons_have_a_visible_label(listening):
    kiosk = listening()
    assert kiosk.listening.bar.meter.caption == "Volume"
    kiosk.set_language("es")
    assert kiosk.listening.bar.meter.caption == "Volumen"


def test_a_voice_switched_off_hides_listen_except_on_recorded_cards(make_kiosk, listen_content, qtbot, mock_engine, capsys):
    """voice.es = "none": a clinic judged the voice too poor to help; its recordings still play."""
    with (listen_content / "kiosk.toml").open("a", encoding="utf-8") as toml:
        toml.write('voice.es = "none"\n')
    toml_text = (listen_content / "kiosk.toml").read_text(encoding="utf-8")
    toml_text = toml_text.replace('voice.es = "fi_FI"\n', "")  # the fixture's, replaced
    (listen_content / "kiosk.toml").write_text(toml_text, encoding="utf-8")
    (listen_content / "audio").mkdir()
    (listen_content / "audio" / "despues.wav").write_bytes((DATA / "audio" / "tone.wav").read_bytes())
    write_card(listen_content, "20-after.md", "---\ntitle: Después\naudio: audio/despues.wav\n---\nDescanse hoy.\n", "es")
    kiosk = make_kiosk(listen_content)
    kiosk.listening.speaker.start()
    bar = kiosk.listening.bar
    qtbot.waitUntil(bar.isVisible, timeout=20_000)  # English: the mock's voice
    kiosk.set_language("es")
    kiosk.window.go_to(1, animate=False)
    assert not bar.isVisible()
    kiosk.window.go_to(2, animate=False)  # the recorded card
    qtbot.waitUntil(bar.isVisible, timeout=2000)
    assert "Listen (read aloud) is hidden in 'es': switched off in kiosk.toml ([speech] voice.es = \"none\")" in kiosk.staff_info().problems
    main(["check", str(listen_content)])
    line = next(number for number, text in enumerate(toml_text.split("\n"), start=1) if text.startswith("voice.es"))
    assert (f"{listen_content / 'kiosk.toml'}:{line}: note: Listen is switched off in 'es' (voice.es = \"none\"): 1 of 2 cards "
            "have a staff recording (audio:) and are still read aloud; the others show no Listen button") in capsys.readouterr().out


def test_a_tap_on_listen_is_answered_while_the_content_share_does_not_answer(make_kiosk, listen_content, hung_share, qtbot,
                                                                             mock_engine):
    """The pronunciation list (content/speech/<language>.toml) was read at the tap, on the screen's thread:
    with the content on a network share that stopped answering, the tap held the screen until it did."""
    from PySide6.QtCore import QElapsedTimer

    share = hung_share(listen_content)
    kiosk = make_kiosk(share.mount, timing=Timing(animation_ms=0))
    kiosk.listening.start_after_first_frame()
    bar = kiosk.listening.bar
    qtbot.waitUntil(bar.isVisible, timeout=20_000)
    qtbot.waitUntil(lambda: bool(kiosk.listening.lists.pronunciation("en")), timeout=10_000)
    kiosk.window.go_to(1)
    share.hang()
    try:
        clock = QElapsedTimer()
        clock.start()
        tap(kiosk, bar.main)
        assert clock.elapsed() < 1_000, f"the tap held the screen's thread {clock.elapsed()} ms"
        qtbot.waitUntil(lambda: kiosk.listening.speaker.state.value != "idle", timeout=10_000)  # reading, with the list read before
    finally:
        share.release()
