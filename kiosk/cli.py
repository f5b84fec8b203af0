"""The `kiosk` command: run the kiosk, check content for staff, render snapshots, make a PIN hash, usage
counts, read a screen aloud."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.core.paths import default_content_dir

if TYPE_CHECKING:
    from kiosk.core.store import ContentState

DEFAULT_SNAPSHOT_SIZE = (1920, 1080)


def main(argv: list[str] | None = None) -> int:
    from kiosk.listen.runtime.speech_helper import HELPER_ARGUMENTS

    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) == 1 and arguments[0] in HELPER_ARGUMENTS:  # the kiosk starting its speech or player helper
        from kiosk.listen.runtime.speech_helper import main as helper

        return helper(arguments[0])
    args = _parser().parse_args(argv)
    command = args.command or "run"
    if command == "check":
        return check(Path(args.dir) if args.dir else default_content_dir(), voices=args.voices)
    if command == "snapshot":
        return snapshot(_content(args), Path(args.out), args.size, args.screen, args.topic, listen=args.listen)
    if command == "pin":
        return pin()
    if command == "preview":
        return preview(Path(args.dir) if args.dir else default_content_dir(), args.topic)
    if command == "handout":
        from kiosk.handout.command import run_handout

        return run_handout(_content(args), args.language, args.paper, Path(args.out), args.topic)
    if command == "stats":
        from kiosk.usage.command import run_stats

        return run_stats(args.since, args.until, Path(args.csv) if args.csv else None, _content(args))
    if command == "speak":
        return speak(_content(args), args.screen, args.language, say=args.say, topic=args.topic)
    return run(_content(args), windowed=getattr(args, "windowed", False))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Patient-education kiosk.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command")
    run_p = sub.add_parser("run", help="start the kiosk (full screen)")
    for p in (parser, run_p):
        p.add_argument("--content", metavar="DIR", help="content folder (default: the one shipped beside the kiosk)")
        p.add_argument("--windowed", action="store_true", help="a normal window with no lockdown, for development")
    check_p = sub.add_parser("check", help="list problems in the content, with file and line")
    check_p.add_argument("dir", nargs="?", metavar="DIR")
    check_p.add_argument("--voices", action="store_true",
                         help="also ask this computer's speech engine which languages Listen can read aloud (run it on the kiosk)")
    preview_p = sub.add_parser("preview", help="a window for staff: the card saved last as patients see it, and its problems")
    preview_p.add_argument("dir", nargs="?", metavar="DIR")
    preview_p.add_argument("--topic", metavar="NAME", help="follow only this topic's cards (its folder name under topics/)")
    snap = sub.add_parser("snapshot", help="render every screen to PNG files")
    snap.add_argument("--content", metavar="DIR")
    snap.add_argument("--out", metavar="DIR", required=True)
    snap.add_argument("--size", metavar="WxH", type=_size, default=DEFAULT_SNAPSHOT_SIZE)
    snap.add_argument("--screen", metavar="N", type=int, help="only screen N (0 = welcome; with topics 1 = the grid, or with --topic its Nth screen)")
    snap.add_argument("--topic", metavar="NAME", help="only this topic's screens (its folder name under topics/, with or without the number)")
    snap.add_argument("--listen", action="store_true",
                      help="start the speech engine (waiting at most 5 s) so the Listen bar shows where this computer can speak")
    sub.add_parser("pin", help="print the staff_pin line (salted scrypt hash) for a PIN typed at the prompt")
    hand = sub.add_parser("handout", help="the deck as a printable PDF handout")
    hand.add_argument("--content", metavar="DIR")
    hand.add_argument("--language", metavar="L", help="a language folder of the content (default: the first)")
    hand.add_argument("--paper", choices=("letter", "a4"), help="paper size (default: from the system's locale)")
    hand.add_argument("--out", metavar="FILE.pdf", required=True)
    hand.add_argument("--topic", metavar="NAME", help="only this topic of content/topics/ (default: every topic, each on new pages)")
    stats_p = sub.add_parser("stats", help="the anonymous usage counts: a table, or a CSV with small counts hidden")
    stats_p.add_argument("--since", metavar="DATE", type=_date, help="first day, YYYY-MM-DD (default: the first counted)")
    stats_p.add_argument("--until", metavar="DATE", type=_date, help="last day, YYYY-MM-DD, included (default: the last counted)")
    stats_p.add_argument("--csv", metavar="FILE", help="write a CSV for spreadsheets instead of the table")
    stats_p.add_argument("--content", metavar="DIR", help="content folder, for card titles (default: the shipped one)")
    speak_p = sub.add_parser("speak", help="print the text the kiosk reads aloud for a screen (--say: and speak it)")
    speak_p.add_argument("--content", metavar="DIR")
    speak_p.add_argument("--screen", metavar="N", type=int, required=True,
                         help="0 = welcome, then the cards, then contact; with topics 1 = the grid, or with --topic its Nth screen")
    speak_p.add_argument("--topic", metavar="NAME", help="a topic of content/topics/ (its folder name, with or without the number)")
    speak_p.add_argument("--language", metavar="L", help="a language of kiosk.toml (default: the first)")
    speak_p.add_argument("--say", action="store_true", help="also speak it through the kiosk's speech engine (test the speakers)")
    return parser


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})[xX](\d{3,5})", text)
    if not match:
        raise argparse.ArgumentTypeError("size must look like 1920x1080")
    return int(match.group(1)), int(match.group(2))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a date looks like 2026-11-30") from None


def _content(args: argparse.Namespace) -> Path:
    return Path(args.content) if getattr(args, "content", None) else default_content_dir()


def check(root: Path, *, voices: bool = False) -> int:
    """Print one line per problem; 0 = no errors, 1 = errors, 2 = the folder cannot be used.

    The speech engine is asked only with `voices`: a check on a build machine or a staff laptop
    never waits for speech (a stuck speech-dispatcher cannot hold it).
    """
    from kiosk.core.check import in_file_order, lint_state
    from kiosk.core.store import ContentStore

    if not root.is_dir():
        print(f"{root}: error: not a content folder (it does not exist or is not a folder)", file=sys.stderr)
        return 2
    # What the kiosk would log (a language shown in English, say) the check says as problems, by line.
    quiet = logging.NullHandler()
    logging.getLogger("kiosk").addHandler(quiet)
    try:  # the fit check first: it needs a full QApplication, which the voice check then shares
        state = ContentStore(root).reload()
        problems = in_file_order([*lint_state(state), *_listen_problems(state), *_fit_problems(root),
                                  *(_voice_problems(root) if voices else [])])
    finally:
        logging.getLogger("kiosk").removeHandler(quiet)
    for problem in problems:
        print(problem.format())
    return 1 if any(p.is_error for p in problems) else 0


def _fit_problems(root: Path) -> list:
    """Cards that need scrolling on the kiosk's screens (Qt, off screen: no display needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from kiosk.tools.fit import fit_problems
        from kiosk.runtime.qt_messages import harmless_qt_messages_dropped

        with harmless_qt_messages_dropped():
            return fit_problems(root)
    except Exception as exc:  # e.g. Qt's libraries missing on a staff laptop: the rest of the check still counts
        print(f"{root}: note: whether cards fit on screen was not checked ({type(exc).__name__}: {exc})", file=sys.stderr)
        return []


def _listen_problems(state: ContentState) -> list:
    """Listen's, known without its engine: entries of content/speech/<language>.toml that cannot be
    used, and the languages whose voice kiosk.toml switched off."""
    from kiosk.listen.core.pronunciation import list_problems
    from kiosk.listen.core.voices import voice_notes

    return [*list_problems(state.root, state.config.kiosk.languages), *voice_notes(state)]


def _voice_problems(root: Path) -> list:
    """Languages Listen cannot read aloud on this computer (asks its speech engine)."""
    from kiosk.core.config import CONFIG_NAME, load_config
    from kiosk.listen.command import voice_problems

    result = load_config(root / CONFIG_NAME)
    return voice_problems(root, result.config) if result.usable else []


def preview(root: Path, topic: str | None = None) -> int:
    if not root.is_dir():
        print(f"{root}: error: not a content folder (it does not exist or is not a folder)", file=sys.stderr)
        return 2
    from kiosk.tools.preview import run_preview

    return run_preview(root, topic)


def snapshot(root: Path, out: Path, size: tuple[int, int], screen: int | None, topic: str | None = None, *, listen: bool = False) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not root.is_dir():
        print(f"{root}: error: not a content folder", file=sys.stderr)
        return 2
    try:
        with collector_paused():
            from kiosk.tools.snapshot import render_snapshots

            render_snapshots(root, out, size, screen, topic, listen=listen, on_saved=lambda path: print(path, flush=True))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def speak(root: Path, screen: int, language: str | None, *, say: bool = False, topic: str | None = None) -> int:
    """Print screen `screen`'s spoken text, one sentence per line; 2 when there is nothing to read.

    With `say`, speak it too; 1 when this computer cannot. In a topic library screen 1 is the grid,
    and with `topic` the screens are that topic's, numbered as `kiosk snapshot` names them (1 = its first card).
    """
    from kiosk.listen.core.pronunciation import load_list, pronounced
    from kiosk.listen.core.spoken import screen_speech, screens_of
    from kiosk.core.store import ContentStore

    if not root.is_dir():
        print(f"{root}: error: not a content folder", file=sys.stderr)
        return 2
    state = ContentStore(root).reload()
    for problem in state.problems:  # a card with an error is left out, and the screens after it move up
        print(problem.format(), file=sys.stderr)
    languages = state.config.kiosk.languages
    language = language or languages[0]
    if language not in languages:
        print(f"error: language '{language}' is not in kiosk.toml (languages: {', '.join(languages)})", file=sys.stderr)
        return 2
    name = _topic_name(state, topic) if topic is not None else ""
    if name is None:
        return 2
    screens = screens_of(state, language, name)
    try:
        if name and not 1 <= screen <= screens.dot_count:
            raise IndexError(f"there is no screen {screen} of topic {name}; its screens are 1 to {screens.dot_count}")
        shown = screens.at(screen + screens.deck_start - 1 if name else screen)
    except IndexError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    listed = load_list(root, language)
    for problem in listed.problems:
        print(problem.format(), file=sys.stderr)
    speech = pronounced(screen_speech(state, language, shown), listed.pronunciation)
    print(speech.text, flush=True)
    if say:
        from kiosk.listen.command import say_and_wait

        return say_and_wait(speech, state.config)
    return 0


def _topic_name(state: ContentState, wanted: str) -> str | None:
    """The topic folder `wanted` names (with or without its number); None, said on stderr, when none does."""
    from kiosk.core.topics import named, unknown_topic

    if not state.library:
        print("error: this content folder has one deck (content/en/ …), not topics: leave out --topic", file=sys.stderr)
        return None
    names = [topic.name for topic in state.topics]
    name = named(names, wanted)
    if name is None:
        print(f"error: {unknown_topic(names, wanted)}", file=sys.stderr)
    return name


def run(root: Path, *, windowed: bool) -> int:
    gc.disable()  # as collector_paused(), until the event loop's first turn (kiosk.run turns it on again)
    from kiosk.run import launch

    try:
        return launch(root, windowed=windowed)
    finally:
        gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Starting a kiosk makes tens of thousands of objects (modules, classes, Qt wrappers) and frees
    almost none, so Python's cycle collector runs some 70 times over them and finds next to nothing:
    ~5% of the CPU to the first frame. `kiosk run` and `kiosk snapshot` start without it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def pin() -> int:
    import getpass

    from kiosk.core.pin import RECOMMENDED_DIGITS, hash_pin, pin_problem

    first = getpass.getpass("New staff PIN (4 to 12 digits; 6 or more is much harder to guess): ")
    if reason := pin_problem(first):
        print(f"error: {reason}", file=sys.stderr)
        return 1
    if getpass.getpass("Type it again: ") != first:
        print("error: the two PINs differ", file=sys.stderr)
        return 1
    if len(first) < RECOMMENDED_DIGITS:
        print(f"note: a PIN of {len(first)} digits can be found from a copied kiosk.toml in minutes; "
              f"{RECOMMENDED_DIGITS} or more digits take days", file=sys.stderr)
    print("Put this line under [kiosk] in kiosk.toml (it replaces any staff_pin or staff_pin_sha256 line):")
    print(f'staff_pin = "{hash_pin(first)}"')
    return 0
