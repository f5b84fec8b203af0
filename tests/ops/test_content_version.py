"""The content version in kiosk.prom: the same files give the same digest, and a checkout's commit is read without git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT

from kiosk.ops.core.content_version import checkout_commit, content_digest, content_version, release_sources

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
GIT_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True, text=True).stdout.strip()


def test_the_same_files_give_the_same_digest_whatever_their_dates(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(SAMPLE_CONTENT, one)
    shutil.copytree(SAMPLE_CONTENT, two, copy_function=shutil.copy)  # new modification times
    os.utime(two / "kiosk.toml", (0, 0))
    assert content_digest(one) == content_digest(two) != ""
    assert len(content_digest(one)) == 16


def test_a_changed_byte_a_renamed_file_or_a_new_file_changes_it(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    before = content_digest(root)
    card = next((root / "en").glob("*.md"))
    card.write_bytes(card.read_bytes() + b" ")
    edited = content_digest(root)
    card.rename(card.with_name("99-" + card.name))
    renamed = content_digest(root)
    (root / "en" / "new.md").write_text("---\ntitle: New\n---\nNew.\n", encoding="utf-8")
    assert len({before, edited, renamed, content_digest(root)}) == 4


def test_hidden_files_and_folders_are_not_content(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    before = content_digest(root)
    (root / ".stversions").mkdir()
    (root / ".stversions" / "old.md").write_text("old", encoding="utf-8")
    (root / "en" / ".syncthing.card.md.tmp").write_text("half", encoding="utf-8")
    (root / ".kiosk-release.json").write_text("{}", encoding="utf-8")
    assert content_digest(root) == before


def test_a_missing_folder_has_no_digest(tmp_path: Path) -> None:
    assert content_digest(tmp_path / "nowhere") == ""
    assert content_version(tmp_path / "nowhere").commit == ""


@needs_git
def test_the_commit_of_a_checkout_branch_packed_detached_and_worktree(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE_CONTENT, repo / "content")
    git(repo, "init", "-q", "-b", "main")
    assert checkout_commit(repo / "content") == "", "a branch with no commit yet"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    head = git(repo, "rev-parse", "HEAD")
    assert checkout_commit(repo / "content") == head, "content/ inside a repository: the repository's HEAD"
    git(repo, "pack-refs", "--all")
    assert not (repo / ".git" / "refs" / "heads" / "main").exists()
    assert checkout_commit(repo / "content") == head, "read from packed-refs"
    git(repo, "commit", "-q", "--allow-empty", "-m", "two")
    second = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "--detach", head)
    assert checkout_commit(repo) == head
    git(repo, "worktree", "add", "-q", str(tmp_path / "wt"), "main")
    assert checkout_commit(tmp_path / "wt" / "content") == second, "a worktree's HEAD, its refs in the main repository"
    assert checkout_commit(tmp_path / "elsewhere") == ""


def test_a_fleet_release_names_its_sources(tmp_path: Path) -> None:
    record = {"id": "x", "sources": [{"name": "shared", "url": "u", "tag": "v14", "commit": "a" * 40},
                                     {"name": "clinic", "url": "u", "tag": "north-7", "commit": "b" * 40}]}
    (tmp_path / ".kiosk-release.json").write_text(json.dumps(record), encoding="utf-8")
    assert release_sources(tmp_path) == (("shared", "v14", "a" * 40), ("clinic", "north-7", "b" * 40))
    (tmp_path / ".kiosk-release.json").write_text("not json", encoding="utf-8")
    assert release_sources(tmp_path) == ()


def test_the_release_file_name_is_the_pull_scripts() -> None:
    pull = (Path(__file__).resolve().parents[2] / "deploy" / "fleet" / "kiosk_content_pull.py").read_text(encoding="utf-8")
    assert 'RELEASE_FILE = ".kiosk-release.json"' in pull
