"""Turns a card's Markdown body into the small, safe subset of HTML that Qt's rich text shows.

Staff write Markdown; raw HTML is never trusted: it is removed (with a warning) before nh3 strips
anything outside Qt's subset. Images load only from files inside `content/`; links become plain
text, because a tap on a kiosk must never open anything.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 (the name its documentation uses)
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions.sane_lists import SaneListExtension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}
ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "del", "code", "pre", "blockquote", "hr",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img", "sub", "sup",
}
# Tags whose content is removed with them, not left behind as stray text.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select",
    "svg", "math", "title", "head",
}
_RAW_PREFIX = "kiosk-raw-"
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_TAG_NAME = re.compile(r"<(/?)\s*([A-Za-z][\w-]*)")
_RAW_HTML_IN_SOURCE = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
# Python-Markdown recurses once per level of quotes and lists, so whether deep input raises
# RecursionError depended on how deep the caller's stack already was. A fixed limit, far beyond
# anything a card needs, makes the outcome the same everywhere (and bounds the time spent).
MAX_QUOTE_DEPTH = 20
MAX_INDENT = 80
_QUOTES = re.compile(r"[ \t]*((?:>[ \t]*)+)")


TOO_DEEP = "text is nested too deeply to show safely (too many levels of lists or quotes)"


@dataclass
class BodyNote:
    """A problem found while rendering, with its line counted from the start of the body."""

    body_line: int
    is_error: bool
    message: str


@dataclass
class RenderResult:
    html: str
    notes: list[BodyNote] = field(default_factory=list)


def _line_of(body: str, needle: str) -> int:
    for number, line in enumerate(body.split("\n"), start=1):
        if needle in line:
            return number
    return 1


class _ImageGuard(Treeprocessor):
    """Keeps only images that are files inside the content folder, rewritten to absolute file URLs."""

    def __init__(self, md: markdown.Markdown, content_root: Path, body: str, notes: list[BodyNote]) -> None:
        super().__init__(md)
        self.content_root = content_root
        self.body = body
        self.notes = notes

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "img":
                    self._check(parent, child)

    def _check(self, parent: etree.Element, img: etree.Element) -> None:
        src = img.get("src", "")
        line = _line_of(self.body, src) if src else 1
        resolved, reason = resolve_content_file(self.content_root, unquote(src), IMAGE_SUFFIXES)
        if resolved is None:
            shown = src if len(src) <= 60 else src[:60] + "…"
            self.notes.append(BodyNote(line, False, f"image '{shown}' not shown: {reason}"))
            _remove_keeping_tail(parent, img)
            return
        img.set("src", resolved.as_uri())


def _remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    """Remove `child`; the text after it joins what came before it, so the words stay in order."""
    tail = child.tail or ""
    siblings = list(parent)
    index = siblings.index(child)
    if index > 0:
        previous = siblings[index - 1]
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(child)


def resolve_content_file(content_root: Path, name: str, suffixes: set[str]) -> tuple[Path | None, str]:
    """Resolve a staff-written relative path inside `content_root`, or say why it is refused."""
    if not name:
        return None, "no file name given"
    parts = urlsplit(name)
    if parts.scheme or parts.netloc or name.startswith("//"):
        return None, "only pictures stored in the content folder are shown, never ones from the internet"
    if Path(name).is_absolute() or name.startswith(("/", "\\")):
        return None, "use a path inside the content folder, such as images/room.jpg"
    try:
        root = content_root.resolve()
        candidate = (root / name).resolve()
        if not candidate.is_relative_to(root):
            return None, "the file is outside the content folder"
        if candidate.suffix.lower() not in suffixes:
            return None, f"'{candidate.suffix[:20] or name[:40]}' is not a picture type the kiosk shows ({', '.join(sorted(suffixes))})"
        if candidate.is_dir():
            return None, "that is a folder, not a picture"
        if not candidate.is_file():
            return None, "the file does not exist"
    except (ValueError, OSError, RuntimeError):  # a NUL in the name, a name too long, a symlink loop
        return None, "the system cannot open a file by that name"
    return candidate, ""


class _RawHtmlRemover(Postprocessor):
    """Renames every raw HTML tag staff typed so nh3 drops it; counts them for the warning.

    Runs just before Python-Markdown puts its stash of raw HTML back into the output.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.count = 0

    def run(self, text: str) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if isinstance(block, str) and not _ENTITY.fullmatch(block.strip()):
                self.count += 1
                stash[index] = _TAG_NAME.sub(self._rename, block)
        return text

    @staticmethod
    def _rename(match: re.Match[str]) -> str:
        slash, name = match.groups()
        if name.lower() in DROPPED_WITH_CONTENT:
            return f"<{slash}{name.lower()}"
        return f"<{slash}{_RAW_PREFIX}{name}"


def _too_deep(body: str) -> int | None:
    """Line number of the first line nested deeper than a card can sensibly be, if any."""
    for number, line in enumerate(body.split("\n"), start=1):
        quotes = _QUOTES.match(line)
        if quotes and quotes.group(1).count(">") > MAX_QUOTE_DEPTH:
            return number
        if len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" ")) > MAX_INDENT:
            return number
    return None


def render_markdown(body: str, content_root: Path) -> RenderResult:
    """Render `body`; on input too deep or odd to render, the result has an error note and no HTML."""
    deep = _too_deep(body)
    if deep is not None:
        return RenderResult("", [BodyNote(deep, True, TOO_DEEP)])
    notes: list[BodyNote] = []
    md = markdown.Markdown(extensions=[SaneListExtension()], output_format="html")
    md.treeprocessors.register(_ImageGuard(md, content_root, body, notes), "kiosk_images", 1)
    remover = _RawHtmlRemover(md)
    md.postprocessors.register(remover, "kiosk_raw_html", 31)
    try:
        html = md.convert(body)
    except RecursionError:
        return RenderResult("", [BodyNote(1, True, TOO_DEEP)])
    except Exception as exc:  # Python-Markdown has no error type of its own; any failure is a content problem.
        return RenderResult("", [BodyNote(1, True, f"text could not be rendered ({type(exc).__name__})")])
    if remover.count:
        match = next((n for n, line in enumerate(body.split("\n"), 1) if _RAW_HTML_IN_SOURCE.search(line)), 1)
        notes.append(BodyNote(match, False, "raw HTML is not allowed on a card and was removed; use Markdown"))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"img": {"src", "alt"}},
        url_schemes={"file"},
        strip_comments=True,
        link_rel=None,
    )
    return RenderResult(clean, notes)
