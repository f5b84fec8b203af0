"""`kiosk check` and `kiosk pin`, called as staff would: exact lines, exact exit codes."""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, SAMPLE_LIBRARY, write_card

from kiosk.cli import main
from kiosk.core.check import lint
from helpers.check_lines import without_sign_off

CARDS = DATA / "cards"
CONFIGS = DATA / "configs"
HASH_2468 = "a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972"


def output_lines(capsys) -> tuple[list[str], list[str]]:
    """What `kiosk check` printed, without the sign-off warnings of the sample's unsigned cards."""
    captured = capsys.readouterr()
    return without_sign_off(captured.out.splitlines()), captured.err.splitlines()


def test_sample_content_checks_clean(capsys):
    """Apart from two warnings it carries on purpose: the demo PIN, and a sign-off warning on every
    card (the sample is a demo until a clinic's clinician signs it). Notes about the largest text
    size are worth knowing and nothing to fix."""
    assert main(["check", str(SAMPLE_LIBRARY)]) == 0  # the shipped sample, as a clinic gets it: three topics
    captured = capsys.readouterr()
    assert captured.err == ""
    out = captured.out.splitlines()
    cards = sorted(SAMPLE_LIBRARY.rglob("*.md"))
    assert sorted(line.split(":")[0] for line in out if "not signed off" in line) == [str(path) for path in cards]
    assert [line for line in without_sign_off(out) if "demo PIN" not in line and ": note: " not in line] == []


def test_error_exits_1_with_path_line_severity_message(content, monkeypatch, capsys):
    shutil.copy(CONFIGS / "good-pin.toml", content / "kiosk.toml")  # no demo-PIN warning in the way
    shutil.copy(CARDS / "yaml-error.md", content / "en" / "15-broken.md")
    monkeypatch.chdir(content.parent)
    assert main(["check", "content"]) == 1
    out, err = output_lines(capsys)
    assert err == []
    path = Path("content", "en", "15-broken.md")
    assert out == [f"{path}:4: error: front matter is not valid YAML: mapping values are not allowed here"]


def test_only_warnings_exit_0_and_are_printed(content, monkeypatch, capsys):
    shutil.copy(CONFIGS / "good-pin.toml", content / "kiosk.toml")
    shutil.copy(CARDS / "unknown-icon.md", content / "en" / "15-icon.md")
    shutil.copy(CARDS / "titel-typo.md", content / "en" / "16-typo.md")
    monkeypatch.chdir(content.parent)
    assert main(["check", "content"]) == 0
    out, _ = output_lines(capsys)
    assert len(out) == 2
    assert out[0].startswith(f"{Path('content', 'en', '15-icon.md')}:3: warning: unknown icon 'fa5s.not-a-real-icon-name'")
    assert out[1] == (f"{Path('content', 'en', '16-typo.md')}:3: warning: "
                      "unknown front matter key 'titel' (did you mean 'title'?); it is ignored")


@pytest.mark.parametrize("make", ["missing", "file"])
def test_unusable_dir_exits_2(tmp_path, capsys, make):
    target = tmp_path / "nothing-here"
    if make == "file":
        target.write_text("not a folder", encoding="utf-8")
    assert main(["check", str(target)]) == 2
    out, err = output_lines(capsys)
    assert out == []
    assert err == [f"{target}: error: not a content folder (it does not exist or is not a folder)"]


def test_language_without_interface_text_gets_a_note_and_english_buttons(content):
    shutil.copy(CONFIGS / "two-languages.toml", content / "kiosk.toml")
    (content / "fr").mkdir()
    shutil.copy(CARDS / "valid-fr.md", content / "fr" / "10-quoi.md")
    problems = [p for p in without_sign_off(lint(content)) if "version of this card" not in p.message]  # fr has 1 card, en 7
    assert [p for p in problems if p.is_error] == []
    [problem] = problems
    assert (problem.path, problem.line, problem.severity.value) == (content / "kiosk.toml", 10, "note")
    assert problem.message.startswith("no interface text for language 'fr' (resources/i18n/fr.toml): its buttons and prompts are in English")


def test_python_dash_m_kiosk_check_runs(content):
    shutil.copy(CONFIGS / "good-pin.toml", content / "kiosk.toml")
    shutil.copy(CARDS / "no-title.md", content / "en" / "15-untitled.md")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(content)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert without_sign_off(done.stdout.splitlines()) == [f"{content / 'en' / '15-untitled.md'}:1: error: front matter has no 'title'"]


def fake_getpass(monkeypatch, *answers: str) -> list[str]:
    prompts: list[str] = []
    replies = iter(answers)

    def ask(prompt: str = "Password: ", stream=None) -> str:
        prompts.append(prompt)
        return next(replies)

    monkeypatch.setattr(getpass, "getpass", ask)
    return prompts


def test_pin_prints_a_staff_pin_line_that_the_kiosk_accepts(monkeypatch, capsys, tmp_path):
    from kiosk.core.config import load_config
    from kiosk.core.pin import pin_matches

    prompts = fake_getpass(monkeypatch, "246813", "246813")
    assert main(["pin"]) == 0
    out, err = output_lines(capsys)
    assert len(prompts) == 2
    assert err == []
    assert out[-1].startswith('staff_pin = "scrypt$16384$8$1$') and out[-1].endswith('"')
    (tmp_path / "kiosk.toml").write_text(f"[kiosk]\n{out[-1]}\n", encoding="utf-8")
    stored = load_config(tmp_path / "kiosk.toml").config.kiosk.pin_hash
    assert pin_matches("246813", stored) and not pin_matches("246812", stored)


def test_pin_of_four_digits_works_with_a_note_about_guessing(monkeypatch, capsys):
    fake_getpass(monkeypatch, "2468", "2468")
    assert main(["pin"]) == 0
    out, err = output_lines(capsys)
    assert err == ["note: a PIN of 4 digits can be found from a copied kiosk.toml in minutes; 6 or more digits take days"]
    assert out[-1].startswith('staff_pin = "scrypt$')


def test_check_names_a_malformed_staff_pin_at_its_line_and_an_old_one_with_the_upgrade(content, capsys):
    toml = content / "kiosk.toml"
    lines = toml.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("staff_pin ="))
    lines[number - 1] = 'staff_pin = "scrypt$16384$8$1$zz$00"'
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", str(content)]) == 1
    out, _ = output_lines(capsys)
    assert f"{toml}:{number}: error: staff_pin must look like scrypt$N$r$p$salt$key as made by `kiosk pin`; staff exit is disabled" in out
    lines[number - 1] = f'staff_pin_sha256 = "{HASH_2468}"'
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    main(["check", str(content)])
    out, _ = output_lines(capsys)
    assert f"{toml}:{number}: warning: staff_pin_sha256 is an unsalted SHA-256 that anyone who sees this file can turn back into the PIN in under a second: run `kiosk pin` and replace this line with the staff_pin line it prints" in out


def test_pin_mismatch_exits_1(monkeypatch, capsys):
    fake_getpass(monkeypatch, "2468", "2469")
    assert main(["pin"]) == 1
    out, err = output_lines(capsys)
    assert out == []
    assert err == ["error: the two PINs differ"]


def test_pin_with_letters_exits_1_without_asking_twice(monkeypatch, capsys):
    prompts = fake_getpass(monkeypatch, "24a8")
    assert main(["pin"]) == 1
    out, err = output_lines(capsys)
    assert len(prompts) == 1
    assert out == []
    assert err == ["error: a PIN is digits only"]


def test_fifo_as_kiosk_toml_and_as_a_card_are_errors_and_check_does_not_hang(content):
    (content / "kiosk.toml").unlink()
    os.mkfifo(content / "kiosk.toml")
    os.mkfifo(content / "en" / "15-pipe.md")
    # A real process with a deadline: a check that opened the FIFO would wait for a writer for ever.
    done = subprocess.run([sys.executable, "-m", "kiosk", "check", str(content)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert errors == [
        f"{content}/kiosk.toml:1: error: kiosk.toml is a named pipe (FIFO), not a regular file; it is never opened",
        f"{content}/en/15-pipe.md:1: error: 15-pipe.md is a named pipe (FIFO), not a regular file; it is never opened",
    ]


def test_language_without_a_folder_is_blamed_on_the_languages_line(content, capsys):
    path = content / "kiosk.toml"
    text = path.read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.split("\n"), start=1) if row.startswith("languages = "))
    path.write_text(text.replace('languages = ["en", "es"]', 'languages = ["fr"]'), encoding="utf-8")
    assert main(["check", str(content)]) == 1
    out, _ = output_lines(capsys)
    assert [row for row in out if ": error: " in row] == [
        f"{path}:{line}: error: language 'fr' has no folder fr/ in the content folder: add it with cards, or remove 'fr' from languages (the folders with cards there: en/, es/)"
    ]


def test_notes_are_printed_as_notes_and_leave_the_exit_code_0(content, monkeypatch, capsys):
    shutil.copy(CONFIGS / "good-pin.toml", content / "kiosk.toml")
    (content / "en" / "15-old.md").write_text("---\ntitle: Old news\nshow_until: 2000-01-31\n---\nText.\n", encoding="utf-8")
    monkeypatch.chdir(content.parent)
    assert main(["check", "content"]) == 0
    out, _ = output_lines(capsys)
    assert out == [f"{Path('content', 'en', '15-old.md')}:3: note: hidden since 2000-02-01 "
                   "(its show_until date was 2000-01-31); patients do not see this card now"]


def test_check_refuses_an_svg_named_png_and_a_half_copied_png_without_hanging(tmp_path):
    from helpers.pictures import SVG_BOMB, png_bytes

    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    (root / "kiosk.toml").write_text('[kiosk]\nlanguages = ["en"]\n[check]\nscreens = ["800x480"]\n', encoding="utf-8")
    (root / "images" / "diagram.png").write_bytes(SVG_BOMB)  # 2 KB asking for a billion shapes
    whole = png_bytes(600, 400, (200, 40, 40))
    (root / "images" / "chart.png").write_bytes(whole[: len(whole) * 2 // 3])  # a sync stopped two thirds in
    write_card(root, "10-diagram.md", "---\ntitle: How it works\nimage: images/diagram.png\n---\nA short text.\n")
    write_card(root, "20-chart.md", "---\ntitle: Results\n---\nSee the chart.\n\n![Chart](images/chart.png)\n")
    # A real process with a deadline: a check that handed the SVG to Qt would never come back.
    done = subprocess.run([sys.executable, "-m", "kiosk", "check", str(root)], capture_output=True, text=True, timeout=90)
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert errors == [
        f"{root}/en/10-diagram.md:3: error: image 'images/diagram.png' cannot be used: the file is an SVG drawing, not a PNG "
        "picture; the kiosk shows only PNG, JPEG, GIF, WebP or BMP pictures: save it as one of those",
        f"{root}/en/20-chart.md:6: error: image 'images/chart.png' cannot be used: the file ends too soon "
        f"({len(whole) * 2 // 3:,} bytes): it is incomplete, perhaps still being copied; copy it again",
    ]
