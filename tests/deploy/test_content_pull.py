"""The fleet's content pull (deploy/fleet/kiosk_content_pull.py), run as on a kiosk, against local repositories.

Two bare repositories stand in for the clinic's git server: the shared topics and one clinic's
overlay (its kiosk.toml and a local topic). Tags are signed with ssh keys made here by `ssh-keygen`
(git's gpg.format=ssh); the kiosk allows one of them. The script runs as a separate process with
the real `kiosk check`, exactly as the systemd unit starts it, and each test looks at the link the
kiosk reads: a good update moves it, anything else leaves it where it was.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PULL = REPO / "deploy" / "fleet" / "kiosk_content_pull.py"
SIGNER = "release@clinic.example"
GIT_ENV = {
    **os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "Content team",
    "GIT_AUTHOR_EMAIL": SIGNER, "GIT_COMMITTER_NAME": "Content team", "GIT_COMMITTER_EMAIL": SIGNER, "LC_ALL": "C",
}
CLINIC_TOML = '[clinic]\nname = "North Clinic"\nphone = "555-0100"\nwebsite = "https://north.example.org/"\n\n[kiosk]\nlanguages = ["en"]\n'
ASK = "\n\n**Ask your care team:** Is this right for me?\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("ssh-keygen") is None,
                                reason="needs git and ssh-keygen")


def card(title: str, text: str) -> str:
    return f"---\ntitle: {title}\n---\n\n{text}{ASK}"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


class Fleet:
    """A git server with two content repositories, the staff's clones of them, and one kiosk's pull settings."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.live = root / "kiosk-content" / "current"

    def create(self) -> Fleet:
        keys = self.root / "keys"
        keys.mkdir(parents=True)
        for name in ["release", "stranger"]:
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(keys / name)], check=True)
        (keys / "allowed_signers").write_text(f'{SIGNER} namespaces="git" {(keys / "release.pub").read_text()}', encoding="utf-8")
        for name in ["shared", "clinic"]:
            git(self.root, "init", "-q", "--bare", f"server/{name}.git")
            git(self.root, "init", "-q", "-b", "main", f"work/{name}")
        self.wire()
        return self

    def copy(self, into: Path) -> Fleet:
        """The same fleet in another folder: each test changes its own copy."""
        shutil.copytree(self.root, into, symlinks=True)
        return Fleet(into).wire()

    def wire(self, check: list[str] | None = None, keep: int = 3) -> Fleet:
        """Remote addresses and the settings file for this folder; `check` replaces `kiosk check` (tests of other things)."""
        for name in ["shared", "clinic"]:
            work = self.root / "work" / name
            remotes = git(work, "remote").split()
            git(work, "remote", "set-url" if "origin" in remotes else "add", "origin", str(self.root / "server" / f"{name}.git"))
        command = json.dumps(check or [sys.executable, "-m", "kiosk", "check"])
        self.config = self.root / "content-pull.toml"
        self.config.write_text(
            f'live = "{self.live}"\ncheck = {command}\ncheck_timeout = 120\nkeep = {keep}\nallowed_signers = "{self.root / "keys" / "allowed_signers"}"\n'
            f'[[source]]\nname = "shared"\nurl = "{self.root / "server" / "shared.git"}"\ntags = "v*"\n'
            f'[[source]]\nname = "clinic"\nurl = "{self.root / "server" / "clinic.git"}"\ntags = "north-*"\n',
            encoding="utf-8",
        )
        return self

    def publish(self, repo: str, files: dict[str, str | None], tag: str, *, key: str | None = "release", kind: str = "signed") -> None:
        """Commit `files` (None removes one) in a staff clone, tag it and push the tag."""
        work = self.root / "work" / repo
        for name, text in files.items():
            path = work / name
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        git(work, "add", "-A")
        git(work, "commit", "-q", "--allow-empty", "-m", f"content for {tag}")
        if kind == "signed":
            git(work, "-c", "gpg.format=ssh", "-c", f"user.signingkey={self.root / 'keys' / str(key)}", "tag", "-s", "-m", tag, tag)
        elif kind == "annotated":
            git(work, "tag", "-a", "-m", tag, tag)
        else:
            git(work, "tag", tag)
        git(work, "push", "-q", "origin", "main", f"refs/tags/{tag}")

    def pull(self) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
        return subprocess.run([sys.executable, str(PULL), "--config", str(self.config)], capture_output=True, text=True,
                              timeout=300, env=env, cwd=self.root)

    def shown(self) -> Path:
        """The release folder the kiosk reads now."""
        assert self.live.is_symlink(), "the kiosk reads a link, swapped by the pull"
        return self.live.resolve()

    def releases(self) -> list[str]:
        return sorted(p.name for p in (self.live.parent / "releases").iterdir())


@pytest.fixture(scope="module")
def first_release(tmp_path_factory: pytest.TempPathFactory) -> Fleet:
    """Shared topics v1 and the north clinic's overlay, pulled once onto a kiosk (each test copies this)."""
    fleet = Fleet(tmp_path_factory.mktemp("fleet") / "fleet").create()
    fleet.publish("shared", {"en/10-what-it-is.md": card("What ketamine is", "Ketamine is a medicine."),
                             "en/20-risks.md": card("Risks", "Every medicine has risks."),
                             "kiosk.toml": '[kiosk]\nlanguages = ["en"]\n'}, "v1")
    fleet.publish("clinic", {"kiosk.toml": CLINIC_TOML, "en/90-our-clinic.md": card("Our clinic", "We are open every day.")}, "north-1")
    done = fleet.pull()
    assert done.returncode == 0, done.stderr
    return fleet


@pytest.fixture
def fleet(first_release: Fleet, tmp_path: Path) -> Fleet:
    return first_release.copy(tmp_path / "fleet")


def test_the_first_pull_merges_the_shared_topics_and_the_clinic_overlay(fleet: Fleet) -> None:
    shown = fleet.shown()
    assert sorted(p.name for p in (shown / "en").iterdir()) == ["10-what-it-is.md", "20-risks.md", "90-our-clinic.md"]
    assert (shown / "kiosk.toml").read_text(encoding="utf-8") == CLINIC_TOML, "the overlay's kiosk.toml wins"
    record = json.loads((shown / ".kiosk-release.json").read_text(encoding="utf-8"))
    assert [(s["name"], s["tag"]) for s in record["sources"]] == [("shared", "v1"), ("clinic", "north-1")]
    assert oct(shown.stat().st_mode & 0o777) == "0o755" and oct((shown / "en" / "20-risks.md").stat().st_mode & 0o777) == "0o644"
    assert not os.path.isabs(os.readlink(fleet.live)), "a relative link: the folder can be moved whole"


def test_a_signed_update_switches_the_link_and_the_next_pull_is_up_to_date(fleet: Fleet) -> None:
    before = fleet.shown()
    fleet.publish("shared", {"en/20-risks.md": card("Risks", "Every medicine has risks, this one too.")}, "v2")
    done = fleet.pull()
    assert done.returncode == 0, done.stderr
    assert "switched to shared v2" in done.stderr and "kiosk check passed" in done.stderr
    after = fleet.shown()
    assert after != before and before.is_dir(), "the old release stays on disk for a while"
    assert "this one too" in (after / "en" / "20-risks.md").read_text(encoding="utf-8")
    again = fleet.pull()
    assert again.returncode == 0 and "up to date: shared v2" in again.stderr, again.stderr
    assert fleet.shown() == after


def test_version_order_picks_v10_after_v9_and_a_removed_file_goes(fleet: Fleet) -> None:
    fleet.wire(check=["true"])
    fleet.publish("shared", {"en/20-risks.md": None}, "v9")
    fleet.publish("shared", {"en/30-new.md": card("New", "A new topic.")}, "v10")
    done = fleet.pull()
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (fleet.shown() / "en").iterdir()) == ["10-what-it-is.md", "30-new.md", "90-our-clinic.md"]


@pytest.mark.parametrize(("kind", "key", "said"), [
    ("annotated", None, "is not signed by a key this kiosk allows"),
    ("signed", "stranger", "No principal matched"),
    ("lightweight", None, "lightweight tag, which cannot be signed"),
])
def test_a_tag_without_an_allowed_signature_never_reaches_the_screen(fleet: Fleet, kind: str, key: str | None, said: str) -> None:
    before, releases = fleet.shown(), fleet.releases()
    fleet.publish("shared", {"en/20-risks.md": card("Risks", "Nothing to worry about!")}, "v2", key=key, kind=kind)
    done = fleet.pull()
    assert done.returncode == 1
    assert "update refused, the screen keeps what it shows" in done.stderr and said in done.stderr, done.stderr
    assert fleet.shown() == before and fleet.releases() == releases, "nothing was built, nothing was switched"


def test_content_that_fails_kiosk_check_never_replaces_the_good_one(fleet: Fleet) -> None:
    before, releases = fleet.shown(), fleet.releases()
    fleet.publish("clinic", {"kiosk.toml": CLINIC_TOML + "languages = [\n"}, "north-2")
    done = fleet.pull()
    assert done.returncode == 1
    assert "kiosk check found 1 error(s)" in done.stderr and "kiosk.toml:8: error: not valid TOML" in done.stderr, done.stderr
    assert fleet.shown() == before and fleet.releases() == releases, "the failed build was removed"
    assert (fleet.shown() / "kiosk.toml").read_text(encoding="utf-8") == CLINIC_TOML


def test_an_older_tag_than_the_one_on_screen_is_refused(fleet: Fleet) -> None:
    fleet.wire(check=["true"])
    fleet.publish("shared", {"en/20-risks.md": card("Risks", "Second version.")}, "v2")
    assert fleet.pull().returncode == 0
    shown = fleet.shown()
    git(fleet.root / "work" / "shared", "push", "-q", "origin", ":refs/tags/v2")  # someone deletes the newest tag
    done = fleet.pull()
    assert done.returncode == 1 and "newest tag v1 is older than v2 on screen" in done.stderr, done.stderr
    assert fleet.shown() == shown


def test_a_folder_where_the_link_should_be_is_left_alone(fleet: Fleet) -> None:
    fleet.live.unlink()
    fleet.live.mkdir()
    (fleet.live / "kiosk.toml").write_text(CLINIC_TOML, encoding="utf-8")
    done = fleet.pull()
    assert done.returncode == 1 and "is a folder, not a link" in done.stderr, done.stderr
    assert (fleet.live / "kiosk.toml").is_file()


def test_an_unreachable_server_keeps_the_screen_and_says_so(fleet: Fleet) -> None:
    before = fleet.shown()
    shutil.rmtree(fleet.root / "server" / "clinic.git")
    done = fleet.pull()
    assert done.returncode == 1 and "git fetch failed" in done.stderr, done.stderr
    assert fleet.shown() == before


def test_old_releases_are_pruned_but_the_one_on_screen_stays(fleet: Fleet) -> None:
    fleet.wire(check=["true"], keep=2)
    for number in range(2, 5):
        fleet.publish("clinic", {"en/90-our-clinic.md": card("Our clinic", f"Version {number}.")}, f"north-{number}")
        assert fleet.pull().returncode == 0
    releases = fleet.releases()
    assert len(releases) == 2, releases
    assert fleet.shown().name in releases and "Version 4." in (fleet.shown() / "en" / "90-our-clinic.md").read_text(encoding="utf-8")


def test_settings_without_a_way_to_verify_are_refused(tmp_path: Path) -> None:
    config = tmp_path / "content-pull.toml"
    config.write_text(f'live = "{tmp_path / "current"}"\n[[source]]\nname = "shared"\nurl = "x"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, str(PULL), "--config", str(config)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "neither allowed_signers nor gpg_home" in done.stderr
    assert not (tmp_path / "current").exists()


def test_version_key_orders_numbers_as_numbers() -> None:
    spec = importlib.util.spec_from_file_location("kiosk_content_pull", PULL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    tags = ["v10", "v9", "v2.1", "v2", "2026.10.1", "2026.9.30"]
    assert sorted(tags, key=module.version_key) == ["2026.9.30", "2026.10.1", "v2", "v2.1", "v9", "v10"]


def test_the_running_kiosks_watcher_sees_the_switch_as_one_change(fleet: Fleet, qtbot) -> None:
    from kiosk.runtime.watcher import ContentWatcher

    watcher = ContentWatcher(fleet.live, debounce_ms=100)
    changes: list[int] = []
    watcher.changed.connect(lambda: changes.append(1))
    watcher.start()
    try:
        fleet.publish("shared", {"en/20-risks.md": card("Risks", "Read by the kiosk after the switch.")}, "v2")
        with qtbot.waitSignal(watcher.changed, timeout=10_000):
            assert fleet.pull().returncode == 0
        qtbot.wait(500)  # a second burst would come within the debounce
        assert changes == [1]
        assert "after the switch" in (fleet.live / "en" / "20-risks.md").read_text(encoding="utf-8")
    finally:
        watcher.stop()
