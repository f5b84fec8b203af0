"""The Spanish syllabifier against a word list divided by hand with the Real Academia's rules."""

from __future__ import annotations

import pytest

from kiosk.core.syllables_es import count_syllables, syllabify

# Each kind of case the rules name: diphthongs, hiatus from two strong vowels or an accented i/u,
# triphthongs, silent u (que/gui) and pronounced ü, final y, h between vowels, digraphs ch/ll/rr,
# consonant pairs that start a syllable (bl, pr, tr) and those that do not (cc, ns, bs).
DIVIDED = """
a-nes-té-si-co ke-ta-mi-na tra-ta-mien-to an-sie-dad de-pre-sión me-di-ca-men-to a-ten-ción
dí-a dio pa-ís re-ír o-í-do ma-íz ra-íz ba-úl re-ú-ne o-ír guí-a con-ti-nú-a con-ti-nua bio-lo-gí-a
ciu-dad cui-da-do rui-do flui-do cuo-ta vein-te ai-re cau-sa hie-lo hue-vo llu-via ex-pe-rien-cia
po-e-ta le-er ca-os a-é-re-o hé-ro-e chi-i-ta
buey u-ru-guay pa-ra-guay es-tu-diáis a-ve-ri-güéis
gue-rra pin-güi-no que-so quien e-qui-po pre-gun-te se-gu-ro
muy hoy ley y ra-yo ma-yo yo
a-ho-ra bú-ho a-hí ahu-ma-do des-ha-cer
pe-rro co-che ha-blar siem-pre a-tlas se-sión e-fec-tos se-cun-da-rios psi-có-lo-go
ins-tru-men-to trans-por-te cons-truc-ción obs-tá-cu-lo ac-ción
""".split()


@pytest.mark.parametrize("divided", DIVIDED)
def test_words_divide_as_the_rules_say(divided):
    word = divided.replace("-", "")
    assert "-".join(syllabify(word)) == divided
    assert count_syllables(word) == divided.count("-") + 1


def test_anestesico_has_five_syllables_where_vowel_groups_give_four():
    assert count_syllables("anestésico") == 5


def test_capitals_punctuation_and_decomposed_accents_do_not_change_the_count():
    assert count_syllables("¿Día?") == 2
    assert count_syllables("DI\u0301A") == 2  # I + combining acute accent, as some keyboards type it
    assert count_syllables("Psicólogo,") == 4


def test_a_word_without_vowels_still_counts_as_one_and_no_letters_as_none():
    assert count_syllables("sr") == 1
    assert count_syllables("2026") == 0


@pytest.mark.parametrize(("word", "count"), [
    ("ISRS", 7),  # i-e-se-e-rre-e-se
    ("IV", 2),  # i-ve
    ("FDA", 4),  # e-fe-de-a
    ("OMS", 5),  # o-e-me-e-se
    ("VIH", 4),  # ve-i-ha-che
])
def test_an_acronym_that_cannot_be_said_as_a_word_counts_its_letter_names(word, count):
    assert count_syllables(word) == count


@pytest.mark.parametrize(("word", "count"), [("ONU", 2), ("UCI", 2), ("SIDA", 2), ("iv", 1)])
def test_an_acronym_said_as_a_word_or_a_word_in_small_letters_is_a_word(word, count):
    assert count_syllables(word) == count
