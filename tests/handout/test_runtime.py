"""The handout as printed: `kiosk handout` writes a PDF whose pages (pdftoppm), QR codes (zxing-cpp),
text (pdftotext) and fonts (pdffonts) are checked as a reader would see them."""

from __future__ import annotations

import re
import shutil
from datetime import date
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from conftest import SAMPLE_CONTENT, write_card
from PySide6.QtGui import QImage
from helpers.qr import decode

from kiosk.cli import main
from kiosk.handout.core import build_handout
from kiosk.core.store import ContentStore

POPPLER = all(shutil.which(tool) for tool in ("pdftoppm", "pdftotext", "pdffonts"))
pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils missing (deploy/debian-packages.txt installs it)")
CARD_QR = "https://calliope.health/ketamine-handout"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """The sample content plus a table card, a dated card with a source and a take-home QR, in two languages."""
    root = tmp_path_factory.mktemp("handout") / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    write_card(root, "45-doses.md", (
        f"---\ntitle: Doses at a glance\nqr: {CARD_QR}\nreviewed: 2026-11-02\nsource: Clinic protocol v3\n---\n"
        "| How | How long |\n|---|---|\n| IV drip | 40 to 60 minutes |\n| Nasal spray | About 2 hours |\n\n"
        "1. First step\n   - nested detail\n2. Second step\n"
    ))
    write_card(root, "45-doses.md", "---\ntitle: Dosis en resumen\n---\nTexto.\n", "es")
    out = root.parent
    assert main(["handout", "--content", str(root), "--paper", "letter", "--out", str(out / "en.pdf")]) == 0
    assert main(["handout", "--content", str(root), "--language", "es", "--paper", "a4", "--out", str(out / "es.pdf")]) == 0
    return {"root": root, "en": out / "en.pdf", "es": out / "es.pdf"}


def text_of(pdf: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60)
    return result.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def titles(root: Path, language: str) -> list[str]:
    return [re.search(r"^title: (.+)$", path.read_text(encoding="utf-8"), re.M).group(1).strip()
            for path in sorted((root / language).glob("*.md"))]


def pages_as_png(pdf: Path, out: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(out / pdf.stem)], check=True, timeout=120)
    return sorted(out.glob(f"{pdf.stem}-*.png"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_card_title_is_printed(printed, language):
    text = flat(text_of(printed[language]))
    for title in titles(printed["root"], language):
        assert title in text, title
    heading = {"en": "Questions to ask your care team", "es": "Preguntas para su equipo médico"}[language]
    assert heading in text


def test_first_page_clinic_tables_footer_and_page_numbers(printed):
    raw = text_of(printed["en"])
    pages = raw.split("\f")[:-1]
    assert len(pages) >= 4
    first = flat(pages[0])
    for fact in ("Calliope Health Ketamine", "4300 Montgomery Ave Suite 304", "(301) 828-9513", "https://calliope.health/"):
        assert fact in first
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    text = flat(raw)
    assert "Nasal spray About 2 hours" in text  # a table row stays a row
    assert "First step" in text and "nested detail" in text
    assert "Source: Clinic protocol v3 · Reviewed 2026-11-02" in text
    questions = build_handout(ContentStore(printed["root"]).reload(), "en", date.today()).questions
    assert len(questions) >= 3 and all(question in flat("".join(pages[-2:])) for question in questions)  # the checklist at the end


def test_pages_render_and_qr_codes_decode(printed, tmp_path):
    pngs = pages_as_png(printed["en"], tmp_path)
    found = [code for png in pngs for code in decode(QImage(str(png)))]
    assert "https://calliope.health/" in decode(QImage(str(pngs[0])))
    assert CARD_QR in found
    assert zxingcpp  # the decoder the kiosk's tests use for every QR


def test_fonts_are_embedded_and_the_paper_is_right(printed):
    fonts = subprocess.run(["pdffonts", str(printed["en"])], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column
    assert any("NotoSans" in row for row in rows)
    info = {paper: subprocess.run(["pdfinfo", str(printed[lang])], capture_output=True, text=True, check=True).stdout
            for paper, lang in (("letter", "en"), ("a4", "es"))}
    assert "612 x 792 pts (letter)" in info["letter"] and "(A4)" in info["a4"]


def test_bad_language_and_unwritable_file(printed, tmp_path, capsys):
    assert main(["handout", "--content", str(printed["root"]), "--language", "fr", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "no language 'fr'" in capsys.readouterr().err
    assert main(["handout", "--content", str(printed["root"]), "--out", str(tmp_path / "missing" / "x.pdf")]) == 1
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_question_is_printed_once_and_no_page_is_pointed_at(printed, language):
    text = flat(text_of(printed[language]))
    questions = build_handout(ContentStore(printed["root"]).reload(), language, date.today()).questions
    assert len(questions) >= 15
    assert [q for q in questions if text.count(q) != 1] == []
    for phrase in ("last page", "next page", "última página", "página siguiente", "this screen", "esta pantalla"):
        assert phrase not in text.lower()


def test_the_first_page_says_where_to_get_help_now(printed):
    first = flat(text_of(printed["en"]).split("\f")[0])
    assert "Need help now? If you feel unsafe" in first and "988" in first and "911" in first
    assert "¿Necesita ayuda ahora?" in flat(text_of(printed["es"]).split("\f")[0])


def test_no_list_item_or_table_row_is_cut_by_a_page_end(tmp_path):
    """Forty two-line list items and forty wrapping table rows: each starts and ends on the same
    page, and a table carried over repeats its header row."""
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    items = "".join(f"- A{n}start a risk long enough to run over two lines of the printed page, so that one of them meets the end of a page A{n}end\n"
                    for n in range(40))
    rows = "".join(f"| R{n}start | a cell long enough to wrap onto a second line in its column of the table R{n}end |\n" for n in range(40))
    write_card(root, "55-long.md", f"---\ntitle: Long\n---\n{items}\n| Name | Text |\n|---|---|\n{rows}")
    write_card(root, "55-long.md", "---\ntitle: Largo\n---\nTexto.\n", "es")
    assert main(["handout", "--content", str(root), "--paper", "letter", "--out", str(tmp_path / "long.pdf")]) == 0
    pages = text_of(tmp_path / "long.pdf").split("\f")
    cut = [(kind, n) for kind in "AR" for n in range(40)
           if [i for i, page in enumerate(pages) if f"{kind}{n}start" in page] != [i for i, page in enumerate(pages) if f"{kind}{n}end" in page]]
    assert cut == []
    assert sum("Name" in page for page in pages) >= 2  # the header row again above the rows carried over


def test_a_picture_broken_after_loading_is_left_out_with_a_note_and_every_card_prints(tmp_path, capsys):
    from helpers.pictures import png_bytes
    from PySide6.QtCore import QUrl

    from kiosk.handout.runtime import write_pdf

    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    picture = root / "images" / "room.png"
    whole = png_bytes(900, 600, (30, 90, 160))
    picture.write_bytes(whole)
    write_card(root, "15-room.md", "---\ntitle: The room\nimage: images/room.png\n---\nWhere you sit.\n\n![The room](images/room.png)\n")
    state = ContentStore(root).reload()
    handout = build_handout(state, "en", date(2026, 12, 7))
    assert any(card.title == "The room" for card in handout.cards)
    picture.write_bytes(whole[: len(whole) // 2])  # a sync half-way through replacing it
    notes: list[str] = []
    pages = write_pdf(handout, tmp_path / "out.pdf", notes=notes)
    assert pages >= 2
    assert notes == [f"picture {QUrl.fromLocalFile(str(picture.resolve())).toLocalFile()} left out of the handout: "
                     "it cannot be read as the picture it was (copy it again)"]
    text = subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert all(card.title in text for card in handout.cards)  # every card is there


def test_a_library_handout_starts_each_topic_on_a_new_page(library, tmp_path, capsys):
    out = tmp_path / "library.pdf"
    assert main(["handout", "--content", str(library), "--paper", "a4", "--out", str(out)]) == 0
    assert "3 topics, " in capsys.readouterr().out
    pages = [flat(page) for page in text_of(out).split("\f") if page.strip()]
    assert "The basics" in pages[0] and "Paying for care" in pages[0]  # the first page lists the topics
    starts = [n for n, page in enumerate(pages) for title in ("The basics", "Before your session", "Paying for care")
              if page.startswith(title)]
    assert len(starts) == 3 and len(set(starts)) == 3  # each topic begins a page of its own
    one = tmp_path / "one.pdf"
    assert main(["handout", "--content", str(library), "--topic", "english-only", "--out", str(one)]) == 0
    assert "What it costs" in flat(text_of(one)) and "What is it?" not in flat(text_of(one))
    assert main(["handout", "--content", str(library), "--topic", "nope", "--out", str(one)]) == 2
