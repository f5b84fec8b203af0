"""`kiosk speak`: what staff proof-read is what the kiosk says; clear exits when there is nothing to say."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_CONTENT

from kiosk.cli import main
from kiosk.listen.core.spoken import screen_speech, screens_of
from kiosk.core.store import ContentStore


def test_prints_one_sentence_per_line_in_the_chosen_language(capsys):
    assert main(["speak", "--content", str(SAMPLE_CONTENT), "--screen", "6", "--language", "es"]) == 0
    out = capsys.readouterr().out.splitlines()
    state = ContentStore(SAMPLE_CONTENT).reload()
    assert out == screen_speech(state, "es", screens_of(state, "es").at(6)).text.split("\n")
    assert out[0] == "Riesgos y desventajas."


def test_default_language_is_the_first_of_kiosk_toml(capsys):
    assert main(["speak", "--content", str(SAMPLE_CONTENT), "--screen", "10"]) == 0  # the contact screen
    assert "Phone: 3 0 1, 8 2 8, 9 5 1 3." in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--screen", "99"], "error: there is no screen 99; screens are 0 to 10"),
        (["--screen", "1", "--language", "fr"], "error: language 'fr' is not in kiosk.toml (languages: en, es)"),
    ],
)
def test_nothing_to_say_exits_2(capsys, args, message):
    assert main(["speak", "--content", str(SAMPLE_CONTENT), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err.splitlines()


def test_unusable_folder_exits_2(tmp_path, capsys):
    assert main(["speak", "--content", str(tmp_path / "nope"), "--screen", "0"]) == 2
    assert "not a content folder" in capsys.readouterr().err


def test_check_voices_warns_about_each_language_without_a_voice(content, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")  # Qt's mock engine has English voices, no Spanish
    assert main(["check", "--voices", str(content)]) == 0
    lines = capsys.readouterr().out.splitlines()
    toml = content / "kiosk.toml"
    languages_line = next(n for n, line in enumerate(toml.read_text().splitlines(), 1) if line.startswith("languages"))
    assert f"{toml}:{languages_line}: warning: Listen is hidden in 'es' on this computer: no voice 'es_419' (this engine has no Spanish voice); set [speech] voice.es to one it has" in lines
    assert not [line for line in lines if "'en'" in line]


def test_check_voices_names_the_voice_line(content, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")
    with (content / "kiosk.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[speech]\nvoice.es = "es_MX"\n')
    assert main(["check", "--voices", str(content)]) == 0
    last = len((content / "kiosk.toml").read_text().splitlines())
    assert any(line.startswith(f"{content / 'kiosk.toml'}:{last}: warning: Listen is hidden in 'es'") for line in capsys.readouterr().out.splitlines())


def test_check_voices_is_quiet_about_speech_switched_off(capsys):
    assert main(["check", "--voices", str(SAMPLE_CONTENT)]) == 0  # the tests run with KIOSK_SPEECH_ENGINE=none
    assert "Listen" not in capsys.readouterr().out


def test_check_without_voices_never_asks_the_engine(content, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")  # an engine that would answer at once, and has no Spanish voice
    assert main(["check", str(content)]) == 0
    assert "Listen" not in capsys.readouterr().out


def test_say_speaks_through_the_engine(content, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")
    with (content / "kiosk.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[speech]\nrate = 50\n")
    (content / "kiosk.toml").write_text((content / "kiosk.toml").read_text().replace('phone = "(301) 828-9513"\n', ""))
    assert main(["speak", "--content", str(content), "--screen", "0", "--say"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Ketamine for anxiety."


def test_say_without_an_engine_exits_1(capsys):
    assert main(["speak", "--content", str(SAMPLE_CONTENT), "--screen", "0", "--say"]) == 1
    assert "error: cannot speak: speech is switched off" in capsys.readouterr().err


def test_speak_a_topic_s_screen_numbered_as_its_snapshots(capsys):
    from conftest import LIBRARY

    assert main(["speak", "--content", str(LIBRARY), "--topic", "first", "--screen", "2", "--language", "es"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["¿Cómo ayuda?", "Puede aliviar sus síntomas."]
    assert main(["speak", "--content", str(LIBRARY), "--topic", "10-first", "--screen", "4"]) == 2
    assert "error: there is no screen 4 of topic 10-first; its screens are 1 to 3" in capsys.readouterr().err
    assert main(["speak", "--content", str(LIBRARY), "--topic", "fourth", "--screen", "1"]) == 2
    assert "error: there is no topic fourth; the topics are 10-first, 20-mornings, 30-english-only" in capsys.readouterr().err
