"""Translations older than their original: by modification time, or by commit when content is in git."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from kiosk.core.freshness import stale_translations

LANGUAGES = ("en", "es")
CARD = "---\ntitle: {}\n---\nText.\n"


@pytest.fixture
def deck(tmp_path):
    root = tmp_path / "content"
    for language in LANGUAGES:
        (root / language).mkdir(parents=True)
        (root / language / "10-what.md").write_text(CARD.format(language), encoding="utf-8")
    return root


def age(path, seconds_ago: float) -> None:
    stamp = path.stat().st_mtime - seconds_ago
    os.utime(path, (stamp, stamp))


def messages(root) -> list[tuple[str, int, str]]:
    return [(str(p.path.relative_to(root)), p.line, p.message) for p in stale_translations(root, LANGUAGES)]


def test_a_translation_saved_before_its_original_may_be_out_of_date(deck):
    age(deck / "es" / "10-what.md", 2 * 3600)
    [(path, line, message)] = messages(deck)
    assert (path, line) == ("es/10-what.md", 1)
    assert message.startswith("may be out of date: en/10-what.md was changed after this translation (")
    assert message.endswith("); check it still says the same")


def test_files_copied_or_checked_out_together_are_not_out_of_date(deck):
    age(deck / "es" / "10-what.md", 30)
    assert messages(deck) == []


def test_a_translation_newer_than_its_original_is_fine_and_one_language_has_nothing_to_compare(deck):
    age(deck / "en" / "10-what.md", 3600)
    assert messages(deck) == []
    age(deck / "es" / "10-what.md", 7200)
    assert stale_translations(deck, ("en",)) == []


def git(root, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org",
           "GIT_COMMITTER_NAME": "Staff", "GIT_COMMITTER_EMAIL": "staff@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_in_a_repository_commit_times_count_not_checkout_times(deck):
    git(deck, "init", "-q")
    git(deck, "add", "es")
    git(deck, "commit", "-q", "-m", "Spanish", when="2026-01-01T10:00:00")
    git(deck, "add", "en")
    git(deck, "commit", "-q", "-m", "English changed later", when="2026-03-01T10:00:00")
    age(deck / "en" / "10-what.md", 3600)  # a fresh checkout's file times say nothing about who changed what
    [(path, _, message)] = messages(deck)
    assert path == "es/10-what.md" and message.startswith("may be out of date: en/10-what.md")
    # Once the translation is edited (not yet committed), its modification time is what counts.
    (deck / "es" / "10-what.md").write_text(CARD.format("es, updated"), encoding="utf-8")
    assert messages(deck) == []
