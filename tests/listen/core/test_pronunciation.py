"""A clinic's pronunciation list: whole words, same capitals, longest first, bad entries named by line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.store import ContentStore
from kiosk.listen.core.pronunciation import Pronunciation, list_problems, load_list, parse_list, pronounced
from kiosk.listen.core.spoken import screen_speech, screens_of

EN = Pronunciation.of({"IV": "I.V.", "SSRIs": "S S R I's", "IV drip": "I.V. drip", "OR": "operating room"})


@pytest.mark.parametrize("written, said", [
    ("by IV (a thin tube)", "by I.V. (a thin tube)"),
    ("IV, then rest.", "I.V., then rest."),
    ("Rest after the IV.", "Rest after the I.V."),  # one full stop, not two
    ("An IV drip.", "An I.V. drip."),  # the longer entry wins
    ("SSRIs can take weeks.", "S S R I's can take weeks."),
    ("IVF and DIVE and iv stay.", "IVF and DIVE and iv stay."),  # whole words, same capitals only
    ("Tea or coffee? The OR is ready.", "Tea or coffee? The operating room is ready."),
    ("SSRIs' effects", "S S R I's' effects"),
])
def test_whole_words_with_the_same_capitals(written, said):
    assert EN.apply(written) == said


def test_a_replacement_is_never_replaced_again():
    chain = Pronunciation.of({"A1": "B2", "B2": "C3"})
    assert chain.apply("A1 and B2") == "B2 and C3"


def test_words_next_to_letters_of_other_alphabets_are_still_whole_words():
    spanish = Pronunciation.of({"ISRS": "I S R S", "IV": "intravenosa"})
    assert spanish.apply("Los ISRS, por vía IV.") == "Los I S R S, por vía intravenosa."
    assert spanish.apply("ISRSé IVá") == "ISRSé IVá"


def test_bad_entries_are_named_by_line_and_the_rest_still_apply(tmp_path):
    text = '# a comment\nIV = "I.V."\nMRI = 3\n"CT scan" = ""\n" ER" = "E R"\nSSRIs = "S S R I\'s"\n\n[extra]\nOK = "okay"\n'
    result = parse_list(tmp_path / "en.toml", text)
    assert [(p.line, p.severity.value) for p in result.problems] == [(3, "warning"), (4, "warning"), (5, "warning"), (8, "warning")]
    assert "'MRI' must be said as text in quotes" in result.problems[0].message
    assert "[extra]: sections are not used here" in result.problems[3].message
    assert result.pronunciation.words == (("SSRIs", "S S R I's"), ("IV", "I.V."))


def test_a_list_that_is_not_toml_is_an_error_at_its_line(tmp_path):
    result = parse_list(tmp_path / "en.toml", 'IV = "I.V."\nSSRIs "S S R I\'s"\n')
    [problem] = result.problems
    assert (problem.line, problem.severity.value) == (2, "error") and "not a valid pronunciation list" in problem.message
    assert not result.pronunciation


def test_unreadable_and_odd_files(tmp_path):
    speech = tmp_path / "speech"
    speech.mkdir()
    assert load_list(tmp_path, "en").problems == () and not load_list(tmp_path, "en").pronunciation
    (speech / "en.toml").write_bytes(b'IV = "I.V."\nX = "caf\xe9"\n')
    assert [(p.line, p.message) for p in load_list(tmp_path, "en").problems] == [(2, "file is not UTF-8 text; save it as UTF-8")]
    (speech / "en.toml").unlink()
    os.mkfifo(speech / "en.toml")  # never opened for reading: a FIFO would block
    [problem] = load_list(tmp_path, "en").problems
    assert "named pipe" in problem.message


def test_a_list_for_a_language_not_in_kiosk_toml_is_left_alone(tmp_path):
    (tmp_path / "speech").mkdir()
    (tmp_path / "speech" / "de.toml").write_text('IV = 3\n', encoding="utf-8")
    assert list_problems(tmp_path, ("en", "es")) == []
    assert len(list_problems(tmp_path, ("en", "de"))) == 1


def test_the_sample_lists_fix_the_sample_deck(content):
    """espeak-ng reads "IV" as "Roman four" in English and "cuatro" in Spanish; the sample's lists say it right."""
    state = ContentStore(content).reload()
    for language, slug, fixed in (("en", "40-a-treatment-session.md", "by I.V., a thin tube into a vein"),
                                  ("es", "40-a-treatment-session.md", "por suero en la vena (vía intravenosa)"),
                                  ("en", "30-how-it-is-different.md", "S S R I's, a kind of antidepressant, can take weeks to work."),
                                  ("es", "30-how-it-is-different.md", "Los I S R S son antidepresivos.")):
        screens = screens_of(state, language)
        screen = next(screens.at(i) for i in range(screens.count) if screens.at(i).slug == slug)
        speech = pronounced(screen_speech(state, language, screen), load_list(content, language).pronunciation)
        assert fixed in speech.text
    assert list_problems(content, ("en", "es")) == []


def test_kiosk_speak_prints_what_the_list_makes_of_a_card(content, capsys):
    screen = "4"  # 40-a-treatment-session.md, after the welcome screen and three cards
    (content / "speech" / "en.toml").unlink()
    assert main(["speak", "--content", str(content), "--screen", screen]) == 0
    before = capsys.readouterr().out
    (content / "speech" / "en.toml").write_text('IV = "eye vee"\n', encoding="utf-8")
    assert main(["speak", "--content", str(content), "--screen", screen]) == 0
    after = capsys.readouterr().out
    assert "by IV, a thin tube" in before and "by eye vee, a thin tube" in after
    assert before.replace("IV", "eye vee") == after


def test_kiosk_check_names_a_bad_entry_with_file_and_line(content, capsys):
    path: Path = content / "speech" / "en.toml"
    path.write_text(path.read_text(encoding="utf-8") + "MRI = 3\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n")
    main(["check", str(content)])
    assert f"{path}:{line}: warning: 'MRI' must be said as text in quotes" in capsys.readouterr().out
