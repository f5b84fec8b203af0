"""An Arabic handout is mirrored like the screen: right-aligned paragraphs, table columns from the
right, the footer swapped, and Latin facts kept in their own order. Read back from the PDF with
poppler's word boxes, as a reader's eye would find them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA

from kiosk.cli import main

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts"))
pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils missing (deploy/debian-packages.txt installs it)")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')


def pages(pdf: Path) -> list[tuple[float, list[tuple[float, float, float, str]]]]:
    """(page width, [(x min, y min, x max, word)]) for each page."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    found = []
    for page in out.split("<page ")[1:]:
        width = float(re.match(r'width="([\d.]+)"', page).group(1))
        found.append((width, [(float(a), float(b), float(c), w) for a, b, c, w in _WORD.findall(page)]))
    return found


def first(words, text: str) -> tuple[float, float, float, str]:
    return next(word for word in words if word[3] == text)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handout") / "ar.pdf"
    assert main(["handout", "--content", str(DATA / "languages"), "--language", "ar", "--paper", "a4", "--out", str(out)]) == 0
    return out


def test_the_arabic_handout_is_mirrored(arabic):
    (width, cover), (_, card) = pages(arabic)[:2]
    address_label, main_street = first(cover, "Address"), first(cover, "Main")
    assert address_label[0] > main_street[2]  # the label column on the right, the facts to its left
    assert first(cover, "Clinic")[2] > width * 0.85  # the clinic's name at the right margin
    page_word = next(word for word in cover if word[3] == "Page" and word[1] > 700)
    footer_clinic = [word for word in cover if word[3] == "Clinic" and word[1] > 700]
    assert page_word[0] < width / 3 and footer_clinic and footer_clinic[0][0] > width / 2  # footer swapped
    arabic_letters = [word for word in card if re.search(r"[\u0600-\u06ff\ufb50-\ufeff]", word[3])]
    title_line = min(word[1] for word in arabic_letters)
    assert max(word[2] for word in arabic_letters if word[1] == title_line) > width * 0.85  # the card title: right-aligned


def test_latin_facts_keep_their_order_inside_the_right_to_left_page(arabic):
    text = subprocess.run(["pdftotext", "-layout", str(arabic), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    assert "(301) 555-0100" in text and "1 Main St, Bethesda, MD 20814" in text and "https://example.org/" in text


def test_the_arabic_handout_embeds_the_kiosks_arabic_font(arabic):
    fonts = subprocess.run(["pdffonts", str(arabic)], capture_output=True, text=True, check=True, timeout=60).stdout
    assert "NotoSansArabic-Regular" in fonts and "NotoSansArabic-Bold" in fonts


def test_a_chinese_handout_embeds_the_simplified_subset(tmp_path):
    out = tmp_path / "zh.pdf"
    assert main(["handout", "--content", str(DATA / "languages"), "--language", "zh", "--paper", "a4", "--out", str(out)]) == 0
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True, timeout=60).stdout
    assert "NotoSansCJKSCSubset-Regular" in fonts
