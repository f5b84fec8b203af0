"""`kiosk speak`: what staff proof-read is what the kiosk says; clear exits when there is nothing to say."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_CONTENT

from kiosk.cli import main
from kiosk.core.spoken import screen_speech, screens_of
from kiosk.core.store import ContentStore


def test_prints_one_sentence_per_line_in_the_chosen_language(capsys):
    assert main(["speak", "--content", str(SAMPLE_CONTENT), "--screen", "6", "--language", "es"]) == 0
    out = capsys.readouterr().out.splitlines()
    state = ContentStore(SAMPLE_CONTENT).reload()
    assert out == screen_speech(state, "es", screens_of(state, "es").at(6)).text.split("\n")
    assert out[0] == "Riesgos y efectos secundarios."


def test_default_language_is_the_first_of_kiosk_toml(capsys):
    assert main(["speak", "--content", str(SAMPLE_CONTENT), "--screen", "8"]) == 0
    assert "Phone: 3 0 1, 8 2 8, 9 5 1 3." in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--screen", "99"], "error: there is no screen 99; screens are 0 to 8"),
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
