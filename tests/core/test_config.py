"""kiosk.toml: each bad value falls back on its own, with a problem on the line staff must fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, SAMPLE_CONTENT

from kiosk.core.config import MAX_CONFIG_BYTES, Config, load_config
from kiosk.core.problems import Severity

CONFIGS = DATA / "configs"
TEST_PIN_SHA256 = "a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972"  # sha256("2468")
# hash_pin("2468", salt=00112233445566778899aabbccddeeff): the staff_pin of the test configs.
TEST_PIN = "scrypt$16384$8$1$00112233445566778899aabbccddeeff$f9e3f4915303b2269ab1d8c2017b630f2e7b8d557ec3264dd028464f3cdca09b"


def summary(result) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity.value, p.message) for p in result.problems]


def errors(result) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in result.problems if p.severity is Severity.ERROR]


def load(name: str, tmp_path: Path):
    """Load a data config from a private copy named kiosk.toml, as the kiosk would find it."""
    path = tmp_path / "kiosk.toml"
    shutil.copy(CONFIGS / name, path)
    return load_config(path)


def test_sample_config_has_the_clinic_facts_and_no_errors():
    result = load_config(SAMPLE_CONTENT / "kiosk.toml")
    assert result.usable is True
    assert errors(result) == []
    clinic = result.config.clinic
    assert clinic.name == "Calliope Health Ketamine"
    assert clinic.phone == "(301) 828-9513"
    assert clinic.website == "https://calliope.health/"
    assert clinic.address.startswith("4300 Montgomery Ave")
    assert result.config.kiosk.idle_seconds == 90
    assert result.config.kiosk.languages == ("en", "es")


def test_missing_file_is_an_error_and_unusable_so_the_last_good_stays(tmp_path):
    path = tmp_path / "kiosk.toml"
    result = load_config(path)
    assert result.usable is False
    assert result.config == Config()
    assert result.config.clinic.is_empty
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.path, problem.line, problem.severity) == (path, 1, Severity.ERROR)
    assert problem.message.startswith("kiosk.toml is missing; the kiosk keeps its last good settings")


def test_good_values_are_kept_and_the_pin_hash_is_lowercased(tmp_path):
    result = load("good-pin.toml", tmp_path)
    assert result.usable is True
    assert summary(result) == []
    assert result.config.kiosk.idle_seconds == 60
    assert result.config.kiosk.staff_pin == result.config.kiosk.pin_hash == TEST_PIN


def test_toml_syntax_error_points_at_its_line_and_is_unusable(tmp_path):
    result = load("syntax-error.toml", tmp_path)
    assert result.usable is False
    assert result.config == Config()
    assert summary(result) == [(11, "error", "not valid TOML: Unclosed array")]


def test_toml_error_at_end_of_document_points_at_the_last_line(tmp_path):
    # tomllib says "(at end of document)" instead of a line: the last line is the best guess.
    result = load("unterminated-eof.toml", tmp_path)
    assert result.usable is False
    [(line, message)] = errors(result)
    assert line == 3
    assert message.startswith("not valid TOML: Unterminated string")


def test_deeply_nested_toml_is_an_error_not_a_crash(tmp_path):
    # tomllib raises RecursionError (not TOMLDecodeError) for deep arrays.
    result = load("deep-nesting.toml", tmp_path)
    assert result.usable is False
    [(line, message)] = errors(result)
    assert line == 1
    assert "nested too deeply" in message


def test_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path):
    result = load("not-utf8.toml", tmp_path)
    assert result.usable is False
    assert summary(result) == [(3, "error", "file is not UTF-8 text")]


def test_not_utf8_after_a_bom_still_names_the_right_line(tmp_path):
    # UnicodeDecodeError.start counts from after a BOM; the line must not be one too low.
    result = load("bom-not-utf8.toml", tmp_path)
    assert result.usable is False
    assert summary(result) == [(3, "error", "file is not UTF-8 text")]


@pytest.mark.parametrize("name", ["idle-too-small.toml", "idle-wrong-type.toml", "idle-float.toml"])
def test_bad_idle_seconds_is_an_error_on_its_line_and_falls_back_to_90(tmp_path, name):
    result = load(name, tmp_path)
    assert result.usable is True
    assert summary(result) == [(10, "error", "idle_seconds must be a whole number of at least 10; using 90")]
    assert result.config.kiosk.idle_seconds == 90
    # The rest of the file still counts.
    assert result.config.clinic.website == "https://calliope.health/"
    assert result.config.kiosk.pin_hash == TEST_PIN


@pytest.mark.parametrize("name", ["bad-languages.toml", "empty-languages.toml"])
def test_bad_languages_is_an_error_and_falls_back_to_english(tmp_path, name):
    result = load(name, tmp_path)
    assert result.usable is True
    [(line, message)] = errors(result)
    assert line == 10
    assert message.startswith("languages must be a list of folder names")
    assert result.config.kiosk.languages == ("en",)
    assert result.config.kiosk.idle_seconds == 60


def test_bad_pin_hash_is_an_error_on_its_line_and_disables_staff_exit(tmp_path):
    result = load("bad-pin.toml", tmp_path)
    assert result.usable is True
    assert summary(result) == [
        (9, "error", "staff_pin must look like scrypt$N$r$p$salt$key as made by `kiosk pin`; staff exit is disabled")
    ]
    assert result.config.kiosk.pin_hash is None


def test_the_old_sha256_still_works_with_a_warning_that_says_how_to_upgrade(tmp_path):
    result = load("legacy-pin.toml", tmp_path)
    assert summary(result) == [(9, "warning", (
        "staff_pin_sha256 is an unsalted SHA-256 that anyone who sees this file can turn back into the PIN in under a "
        "second: run `kiosk pin` and replace this line with the staff_pin line it prints"
    ))]
    assert result.config.kiosk.pin_hash == TEST_PIN_SHA256


def pin_config(tmp_path, lines: str):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[clinic]\nname = "C"\nphone = "1"\nwebsite = "https://c.example/"\n[kiosk]\n{lines}', encoding="utf-8")
    return load_config(path)


def test_staff_pin_wins_over_the_old_line_which_gets_a_warning(tmp_path):
    result = pin_config(tmp_path, f'staff_pin = "{TEST_PIN}"\nstaff_pin_sha256 = "{TEST_PIN_SHA256}"\n')
    assert summary(result) == [(7, "warning", "staff_pin_sha256 is ignored because staff_pin is set; delete this line")]
    assert result.config.kiosk.pin_hash == TEST_PIN


def test_a_broken_staff_pin_never_falls_back_to_the_old_line(tmp_path):
    result = pin_config(tmp_path, f'staff_pin_sha256 = "{TEST_PIN_SHA256}"\nstaff_pin = "scrypt$1000$8$1$00$00"\n')
    assert [line for line, _ in errors(result)] == [7]
    assert "staff_pin must have N a power of two (it is 1000); staff exit is disabled" in errors(result)[0][1]
    assert result.config.kiosk.pin_hash is None


@pytest.mark.parametrize("form", ["staff_pin", "staff_pin_sha256"])
def test_the_demo_pin_is_warned_about_in_either_form(tmp_path, form):
    from kiosk.core.pin import DEMO_PIN, hash_pin, legacy_sha256

    value = hash_pin(DEMO_PIN) if form == "staff_pin" else legacy_sha256(DEMO_PIN)
    result = pin_config(tmp_path, f'{form} = "{value}"\n')
    assert (6, "warning", "staff PIN is the demo PIN 2580: change it before deploying (`kiosk pin`)") in summary(result)


def test_no_pin_at_all_is_a_warning(tmp_path):
    assert summary(pin_config(tmp_path, "idle_seconds = 60\n")) == [
        (5, "warning", "no staff_pin: staff exit is disabled (make one with `kiosk pin`)")
    ]


def test_unknown_section_and_key_are_warnings_on_their_lines(tmp_path):
    result = load("unknown-section-key.toml", tmp_path)
    assert result.usable is True
    assert summary(result) == [
        (10, "warning", "unknown key 'idle_secs' in [kiosk]"),
        (12, "warning", "unknown section [printer] (expected one of clinic, kiosk, welcome, stats, speech, check, display)"),
    ]
    assert result.config.kiosk.idle_seconds == 60


def test_unknown_dotted_table_points_at_its_header(tmp_path):
    # A dotted header names a key of its parent section: the warning points at the header.
    result = load("dotted-table.toml", tmp_path)
    assert summary(result) == [(11, "warning", "unknown key 'hours' in [clinic]")]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("website-ftp.toml", "must start with https:// or http://"),
        ("website-nodot.toml", "has no site name"),
        ("website-spaces.toml", "must not contain spaces"),
        ("website-long.toml", "web address is 224 characters; at most 200"),
    ],
)
def test_bad_website_is_an_error_on_its_line_and_is_dropped(tmp_path, name, reason):
    result = load(name, tmp_path)
    assert result.usable is True
    [(line, message)] = errors(result)
    assert line == 5
    assert reason in message
    assert message.endswith("the contact screen shows no QR code")
    assert result.config.clinic.website == ""
    assert result.config.clinic.name == "Calliope Health Ketamine"


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "kiosk.toml"
    text = (SAMPLE_CONTENT / "kiosk.toml").read_text(encoding="utf-8")
    padding = "# padding\n" * (MAX_CONFIG_BYTES // 10 + 1)
    path.write_text(text + padding, encoding="utf-8")
    result = load_config(path)
    assert result.usable is False
    assert result.config == Config()
    [(line, message)] = errors(result)
    assert line == 1
    assert f"at most {MAX_CONFIG_BYTES} allowed" in message


def test_the_crisis_line_is_given_per_language_and_other_clinic_facts_stay(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('[clinic]\nname = "Clinic"\nphone = "555"\nwebsite = "https://example.org/"\ncrisis = "Call 988."\n\n'
                    '[clinic.es]\ncrisis = "Llame al 988."\nname = "Clínica"\n\n[clinic.fr]\ncrisis = 988\n', encoding="utf-8")
    result = load_config(path)
    clinic = result.config.clinic
    assert (clinic.crisis, clinic.for_language("en").crisis, clinic.for_language("de").crisis) == ("Call 988.",) * 3
    spanish = clinic.for_language("es")
    assert (spanish.crisis, spanish.name, spanish.phone) == ("Llame al 988.", "Clínica", "555")
    assert [row for row in summary(result) if "staff_pin" not in row[2]] == [(11, "error", "[clinic.fr] values must be text in quotes")]


def test_no_crisis_line_is_no_problem_and_shows_nothing(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('[clinic]\nname = "Clinic"\nphone = "555"\nwebsite = "https://example.org/"\n', encoding="utf-8")
    result = load_config(path)
    assert [p for p in result.problems if "staff_pin" not in p.message] == [] and result.config.clinic.for_language("es").crisis == ""
