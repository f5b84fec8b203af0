#!/usr/bin/env python3
"""Brings a kiosk's content up to date from signed git tags, and never puts a broken update on screen.

Run by kiosk-fleet-content.service (a timer starts it every 10 minutes) as the `kiosk-sync` user.
For each source in /etc/kiosk/content-pull.toml (the shared topics first, then the clinic's
overlay: its kiosk.toml and local topics), it fetches the repository's tags, takes the newest tag
that matches the source's pattern, and checks that tag's signature with `git verify-tag` against
the keys IT allows (an ssh allowed-signers file, or a GnuPG keyring). Then it builds the merged
content in a new folder beside the one on screen (later sources win, file by file), runs
`kiosk check` on it, and only when all of that passed switches the link the kiosk reads, in one
rename. The running kiosk's watcher sees the link change once and reloads.

Anything that goes wrong (no network, an unsigned or wrongly signed tag, a tag older than the one on
screen, a check with errors, a full disk) leaves the link alone: the waiting room keeps what it
shows, the journal says why, and the unit ends "failed" so monitoring sees it. Standalone: Python
3.11+ standard library, git and tar; nothing from the kiosk is imported (the check runs the kiosk
program itself).
"""

from __future__ import annotations

import argparse
import fcntl
import fnmatch
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger("kiosk-content-pull")
DEFAULT_CONFIG = Path("/etc/kiosk/content-pull.toml")
RELEASE_FILE = ".kiosk-release.json"  # a dot name: the kiosk neither reads nor watches it
STAGING_PREFIX = ".staging-"


class Refused(Exception):
    """An update that must not reach the screen; the message says why, for the journal."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    tags: str  # fnmatch pattern of the tags to consider, e.g. "v*"
    allowed_signers: Path | None
    gpg_home: Path | None


@dataclass(frozen=True)
class Settings:
    live: Path  # the link the kiosk reads (kiosk run --content LIVE)
    sources: tuple[Source, ...]
    check: tuple[str, ...]  # the kiosk's check command; the new folder is appended
    check_timeout: float
    fetch_timeout: float
    keep: int  # releases kept on disk, the one on screen included

    @property
    def home(self) -> Path:
        return self.live.parent

    @property
    def releases(self) -> Path:
        return self.home / "releases"

    @property
    def repos(self) -> Path:
        return self.home / "repos"


def load_settings(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise Refused(f"cannot read the settings {path}: {exc}") from exc

    def optional_path(table: dict[str, Any], key: str) -> Path | None:
        value = table.get(key, data.get(key))
        return Path(value) if value else None

    try:
        sources = tuple(
            Source(str(s["name"]), str(s["url"]), str(s.get("tags", "*")),
                   optional_path(s, "allowed_signers"), optional_path(s, "gpg_home"))
            for s in data["source"]
        )
        settings = Settings(
            live=Path(data["live"]), sources=sources,
            check=tuple(str(word) for word in data.get("check", ["/opt/kiosk/kiosk", "check"])),
            check_timeout=float(data.get("check_timeout", 600)), fetch_timeout=float(data.get("fetch_timeout", 300)),
            keep=max(2, int(data.get("keep", 3))),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise Refused(f"{path}: missing or wrong setting ({exc}); see deploy/fleet/content-pull.example.toml") from exc
    names = [s.name for s in sources]
    if not sources or len(set(names)) != len(names) or not all(re.fullmatch(r"[A-Za-z0-9_-]+", n) for n in names):
        raise Refused(f"{path}: needs at least one [[source]], each with a distinct plain name (letters, digits, - and _)")
    for source in sources:
        if source.allowed_signers is None and source.gpg_home is None:
            raise Refused(f"{path}: source {source.name!r} has neither allowed_signers nor gpg_home: nothing could be verified")
    return settings


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """git with no user or system configuration, never asking a question, in plain English."""
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=30")
    return {**env, **(extra or {})}


def git(repo: Path, *args: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run git in `repo`; raises Refused with git's own words when it fails or hangs."""
    command = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "git")
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=timeout,
                              env=git_env(env), check=False)
    except subprocess.TimeoutExpired as exc:
        raise Refused(f"git {command} took longer than {timeout:.0f} s") from exc
    if done.returncode != 0:
        raise Refused(f"git {command} failed: {(done.stderr or done.stdout).strip()[-800:]}")
    return done


def fetch(settings: Settings, source: Source) -> Path:
    """A bare copy of the source's repository, with its tags as they are on the server now."""
    repo = settings.repos / f"{source.name}.git"
    if not (repo / "HEAD").exists():
        repo.mkdir(parents=True, exist_ok=True)
        git(repo, "init", "--quiet", "--bare")
    remotes = git(repo, "remote").stdout.split()
    git(repo, "remote", "set-url" if "origin" in remotes else "add", "origin", source.url)
    # Tags only: a tag is what is released. --force and --prune: the copy says what the server says;
    # what may be shown is decided by the signature and the version order below.
    git(repo, "fetch", "--quiet", "--force", "--prune", "--no-write-fetch-head", "origin", "+refs/tags/*:refs/tags/*",
        timeout=settings.fetch_timeout)
    return repo


def version_key(tag: str) -> tuple[tuple[int, int | str], ...]:
    """Numbers compared as numbers: v2 < v10, 2026.9.1 < 2026.10.1."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", tag))


def newest_tag(repo: Path, source: Source) -> tuple[str, str, str]:
    """(tag, tag object id, commit id) of the newest tag matching the source's pattern."""
    lines = git(repo, "for-each-ref", "--format=%(refname:strip=2) %(objectname) %(objecttype)", "refs/tags").stdout.splitlines()
    tags = [line.split() for line in lines]
    matching = [(name, oid, kind) for name, oid, kind in tags if fnmatch.fnmatchcase(name, source.tags)]
    if not matching:
        raise Refused(f"{source.name}: no tag matching {source.tags!r} at {source.url}")
    name, oid, kind = max(matching, key=lambda t: version_key(t[0]))
    if kind != "tag":
        raise Refused(f"{source.name}: tag {name} is a lightweight tag, which cannot be signed; make it with `git tag -s`")
    commit = git(repo, "rev-parse", "--verify", "--quiet", f"{oid}^{{commit}}").stdout.strip()
    return name, oid, commit


def verify(repo: Path, source: Source, tag: str, oid: str) -> str:
    """`git verify-tag` on the tag object (not its name, which a fetch could move); returns git's verdict."""
    # No keyring configured: an empty one, so a GnuPG signature can never pass on kiosk-sync's own keys.
    env = {"GNUPGHOME": str(source.gpg_home) if source.gpg_home else tempfile.mkdtemp(prefix="kiosk-no-gpg-")}
    signers = str(source.allowed_signers) if source.allowed_signers else os.devnull
    try:
        done = git(repo, "-c", f"gpg.ssh.allowedSignersFile={signers}", "verify-tag", oid, env=env)
    except Refused as exc:
        raise Refused(f"{source.name}: tag {tag} is not signed by a key this kiosk allows ({exc})") from exc
    finally:
        if not source.gpg_home:
            shutil.rmtree(env["GNUPGHOME"], ignore_errors=True)
    said = [line for line in done.stderr.splitlines() if line.startswith("Good ") or "Good signature" in line]
    return said[0].replace("gpg: ", "") if said else "good signature"


def current_release(settings: Settings) -> dict[str, Any]:
    """What the pull that built the folder on screen wrote down; {} when there is none."""
    try:
        record = json.loads((settings.live / RELEASE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def export(repo: Path, commit: str, into: Path) -> None:
    """The commit's files into `into`, over what is there (the overlay's files replace the shared ones)."""
    with subprocess.Popen(["git", "-C", str(repo), "archive", "--format=tar", commit], stdout=subprocess.PIPE,
                          env=git_env()) as archive:
        untar = subprocess.run(["tar", "-x", "-f", "-", "-C", str(into), "--no-same-owner"], stdin=archive.stdout,
                               capture_output=True, text=True, check=False, timeout=600)
        if archive.stdout:
            archive.stdout.close()
    if archive.returncode != 0 or untar.returncode != 0:
        raise Refused(f"could not unpack {commit[:12]}: {untar.stderr.strip()[-500:]}")


def readable_by_all(folder: Path) -> None:
    """Folders 755 and files 644 whatever the umask: the kiosk user reads what kiosk-sync wrote."""
    os.chmod(folder, 0o755)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


def run_check(settings: Settings, folder: Path) -> list[str]:
    """The kiosk's own `kiosk check` on the new folder; its lines, or Refused with them."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_SPEECH_ENGINE": "none",
           "KIOSK_STATE_DIR": str(folder.parent / f"{folder.name}.state"), "KIOSK_LOG_DIR": str(folder.parent / f"{folder.name}.state")}
    try:
        process = subprocess.Popen([*settings.check, "."], cwd=folder, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, start_new_session=True)
    except OSError as exc:
        raise Refused(f"cannot run the check {settings.check[0]}: {exc}") from exc
    try:
        output, _ = process.communicate(timeout=settings.check_timeout)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise Refused(f"kiosk check did not finish in {settings.check_timeout:.0f} s") from exc
    finally:
        shutil.rmtree(folder.parent / f"{folder.name}.state", ignore_errors=True)
    lines = [line for line in output.splitlines() if line.strip()]
    if process.returncode != 0:
        errors = [line for line in lines if ": error:" in line] or lines[-20:]
        raise Refused(f"kiosk check found {len(errors)} error(s) (exit {process.returncode}):\n  " + "\n  ".join(errors[:40]))
    return lines


def switch(settings: Settings, release: Path) -> None:
    """Point the live link at `release` in one rename: the kiosk sees the old folder or the new, never a mix."""
    if settings.live.exists() and not settings.live.is_symlink():
        raise Refused(f"{settings.live} is a folder, not a link: move it aside once (deploy/fleet/README.md)")
    os.sync()  # the new files reach the disk before the link does: a power cut leaves old or new, whole
    temporary = settings.live.with_name(f".{settings.live.name}.new")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(os.path.relpath(release, settings.home), temporary)
    os.replace(temporary, settings.live)
    descriptor = os.open(settings.home, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def prune(settings: Settings) -> None:
    """Keep the release on screen and the newest others, `keep` in all; remove builds a crash left behind."""
    on_screen = settings.live.resolve()
    releases = sorted((p for p in settings.releases.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    others = [p for p in releases if not p.name.startswith(".") and p.resolve() != on_screen]
    leftovers = [p for p in releases if p.name.startswith(STAGING_PREFIX)]
    for path in [*others[settings.keep - 1:], *leftovers]:
        shutil.rmtree(path, ignore_errors=True)


@dataclass(frozen=True)
class Chosen:
    """The newest signed tag of one source, ready to be unpacked."""

    name: str
    url: str
    tag: str
    commit: str
    repo: Path


def pull(settings: Settings) -> str:
    """One update; returns what happened, raises Refused when the screen must keep what it has."""
    if settings.live.exists() and not settings.live.is_symlink():
        raise Refused(f"{settings.live} is a folder, not a link: move it aside once (deploy/fleet/README.md)")
    settings.releases.mkdir(parents=True, exist_ok=True)
    shown = {s["name"]: s for s in current_release(settings).get("sources", [])}
    chosen = []
    for source in settings.sources:
        repo = fetch(settings, source)
        tag, oid, commit = newest_tag(repo, source)
        before = shown.get(source.name)
        if before and before["commit"] != commit and version_key(tag) < version_key(before["tag"]):
            raise Refused(f"{source.name}: newest tag {tag} is older than {before['tag']} on screen (a deleted tag?); "
                          "to go back, tag the old commit again with a newer version")
        log.info("%s: tag %s (%s): %s", source.name, tag, commit[:12], verify(repo, source, tag, oid))
        chosen.append(Chosen(source.name, source.url, tag, commit, repo))
    described = ", ".join(f"{c.name} {c.tag} ({c.commit[:12]})" for c in chosen)
    if [(c.name, c.commit) for c in chosen] == [(name, s["commit"]) for name, s in shown.items()]:
        prune(settings)
        return f"up to date: {described}"
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=settings.releases))
    try:
        for c in chosen:
            export(c.repo, c.commit, staging)
        release_id = hashlib.sha256("\n".join(f"{c.name}={c.commit}" for c in chosen).encode()).hexdigest()[:16]
        record = {"id": release_id, "built": datetime.now(UTC).isoformat(timespec="seconds"),
                  "sources": [{"name": c.name, "url": c.url, "tag": c.tag, "commit": c.commit} for c in chosen]}
        (staging / RELEASE_FILE).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        readable_by_all(staging)
        lines = run_check(settings, staging)
        final = settings.releases / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{release_id}"
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    switch(settings, final)
    prune(settings)
    warnings = sum(": warning:" in line for line in lines)
    return f"switched to {described}: kiosk check passed ({warnings} warning(s)); now showing {final.name}"


class JournalFormatter(logging.Formatter):
    """`<3>` and friends in front of each line under systemd, so `journalctl -p err` finds refusals."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if not os.environ.get("JOURNAL_STREAM"):
            return text
        priority = 3 if record.levelno >= logging.ERROR else 4 if record.levelno >= logging.WARNING else 6
        return "\n".join(f"<{priority}>{line}" for line in text.splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help=f"settings file (default {DEFAULT_CONFIG})")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JournalFormatter("%(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        settings = load_settings(args.config)
    except Refused as exc:
        log.error("%s", exc)
        return 2
    settings.home.mkdir(parents=True, exist_ok=True)
    with open(settings.home / ".pull.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            log.info("another pull is running; this one stops")
            return 0
        try:
            log.info("%s", pull(settings))
        except Refused as exc:
            log.error("update refused, the screen keeps what it shows: %s", exc)
            return 1
        except OSError as exc:
            log.error("update stopped, the screen keeps what it shows: %s", exc)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
