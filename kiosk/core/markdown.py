"""Turns a card's Markdown body into the small, safe subset of HTML that Qt's rich text shows.

Staff write Markdown the way GitHub and every editor preview taught them, so the body is read as
CommonMark (markdown-it-py) plus GFM tables and strikethrough. Raw HTML is never trusted: it is
removed (with a warning naming its line) and nh3 strips anything outside the allowed tags. Images
load only from files inside `content/`; links become plain text, because a tap on a kiosk must
never open anything. markdown-it's source map (`Token.map`) gives every problem its body line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from kiosk.core import body_checks
from kiosk.core.body_checks import inline_lines, line_with
from kiosk.core.content_files import IMAGE_SUFFIXES, resolve_content_file
from kiosk.core.picture_bytes import PictureRefused
from kiosk.core.picture_files import ShownPicture, shown_picture
from kiosk.core.media import MISPLACED, SCREEN, for_medium, has_markers, misplaced_lines
from kiosk.core.reading import ReadingBlock, reading_blocks
from kiosk.core.sfnt import Ranges

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "del", "code", "pre", "blockquote", "hr",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img", "sub", "sup",
    "table", "thead", "tbody", "tr", "th", "td",
}
# Tags whose content is removed with them, not left behind as stray text.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select",
    "svg", "math", "title", "head",
}
_RAW_PREFIX = "kiosk-raw-"
_TAG_NAME = re.compile(r"<(/?)\s*([A-Za-z][\w-]*)")
# A fixed limit, far beyond anything a card needs, so deep input is refused the same way
# everywhere and the time spent stays bounded. Quotes are counted per line (the staff line that
# is too deep); block levels are counted on markdown-it's tokens (a list opens two levels, a
# quote one), which also catches `- - - - x` nesting on a single line.
MAX_QUOTE_DEPTH = 20
MAX_INDENT = 80
MAX_BLOCK_LEVEL = 40
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")  # what is left of a line that was only removed HTML
_QUOTES = re.compile(r"[ \t]*((?:>[ \t]*)+)")

TOO_DEEP = "text is nested too deeply to show safely (too many levels of lists or quotes)"
RAW_HTML = "raw HTML is not allowed on a card and was removed; use Markdown"


@dataclass
class BodyNote:
    """A problem found while rendering, with its line counted from the start of the body."""

    body_line: int
    is_error: bool
    message: str
    # Further body lines with the same problem, named in the message as "(also on lines …)".
    also_on: tuple[int, ...] = ()

    def message_at(self, first_line: int = 1) -> str:
        """The message with the other lines as file lines, the body starting at `first_line`."""
        return self.message + _also_on([first_line + line - 1 for line in self.also_on])


@dataclass
class RenderResult:
    html: str
    notes: list[BodyNote] = field(default_factory=list)
    # What the card says, block by block in reading order (see kiosk.core.reading).
    blocks: tuple[ReadingBlock, ...] = ()
    # Each picture shown, with its size, so a view can make room for it before it is decoded.
    pictures: tuple[ShownPicture, ...] = ()


class _CardRenderer(RendererHTML):
    """markdown-it's HTML renderer with the kiosk's rules: links as text, raw HTML defused."""

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return ""

    def link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return ""

    def html_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _defuse(tokens[idx].content)

    def html_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _defuse(tokens[idx].content)

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        alt = self.renderInlineAsText(token.children or [], options, env)
        return f'<img alt="{_escape(alt)}" src="{_escape(str(token.attrs.get("src", "")))}">'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _defuse(raw: str) -> str:
    """Rename every tag staff typed so nh3 drops it (keeping its text), except the dangerous ones,
    which keep their names so nh3 removes them together with their content."""

    def rename(match: re.Match[str]) -> str:
        slash, name = match.groups()
        if name.lower() in DROPPED_WITH_CONTENT:
            return f"<{slash}{name.lower()}"
        return f"<{slash}{_RAW_PREFIX}{name}"

    return _TAG_NAME.sub(rename, raw)


class _CardMarkdown(MarkdownIt):
    """markdown-it leaves `[text](javascript:...)` as literal brackets. Links never keep their
    address here (only their text is shown) and pictures are checked by resolve_content_file, so
    every address may parse and staff see their words, not Markdown punctuation."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
        return True


def _parser() -> MarkdownIt:
    # html=True so raw HTML is recognised as such (and removed with a warning) instead of being
    # shown to patients as literal tags; maxNesting above MAX_BLOCK_LEVEL so too-deep input is
    # seen and refused rather than silently cut off by markdown-it.
    md = _CardMarkdown("commonmark", {"html": True, "xhtmlOut": False, "maxNesting": MAX_BLOCK_LEVEL + 10})
    md.enable(["table", "strikethrough"])
    md.renderer = _CardRenderer(md)
    return md


_MD = _parser()


def parse(body: str) -> list[Token]:
    """The body's markdown-it tokens, exactly as the card renders them (for the reading order)."""
    return _MD.parse(body)


def _too_deep(body: str) -> int | None:
    """Line number of the first line nested deeper than a card can sensibly be, if any."""
    for number, line in enumerate(body.split("\n"), start=1):
        quotes = _QUOTES.match(line)
        if quotes and quotes.group(1).count(">") > MAX_QUOTE_DEPTH:
            return number
        if len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" ")) > MAX_INDENT:
            return number
    return None


def render_markdown(body: str, content_root: Path, topic: Path | None = None, fonts: Ranges = (), *,
                    medium: str = SCREEN) -> RenderResult:
    """Render `body` as `medium` (kiosk.core.media: the screen, or the printed handout) shows it; on
    input too deep or odd to render, the result has an error note and no HTML. The notes cover
    every line, whichever medium it is for. `fonts`: characters a clinic's own fonts add
    (kiosk.core.content_fonts), drawable too."""
    # Line breaks as markdown-it (and the card loader) count them, so its map indexes `lines`.
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    deep = _too_deep(body)
    if deep is not None:
        return RenderResult("", [BodyNote(deep, True, TOO_DEEP)])
    try:
        tokens = parse(body)
    except RecursionError:
        return RenderResult("", [BodyNote(1, True, TOO_DEEP)])
    except Exception as exc:  # markdown-it has no error type of its own; any failure is a content problem.
        return RenderResult("", [BodyNote(1, True, f"text could not be rendered ({type(exc).__name__})")])
    lines = body.split("\n")
    deep_token = next((t for t in tokens if t.level >= MAX_BLOCK_LEVEL), None)
    if deep_token is not None:
        line = deep_token.map[0] + 1 if deep_token.map else 1
        return RenderResult("", [BodyNote(line, True, TOO_DEEP)])
    notes: list[BodyNote] = []
    pictures: dict[str, ShownPicture] = {}
    raw_html = _guard(tokens, lines, content_root, notes, topic, pictures)
    if raw_html:
        notes.append(BodyNote(raw_html[0] + 1, False, RAW_HTML, tuple(line + 1 for line in raw_html[1:])))
    notes.extend(BodyNote(line, False, message) for line, message in body_checks.staff_hints(tokens, lines, fonts))
    if has_markers(body):
        notes.extend(BodyNote(line + 1, False, MISPLACED) for line in misplaced_lines(tokens))
        tokens = for_medium(tokens, medium)
    try:
        html = _MD.renderer.render(tokens, _MD.options, {})
    except RecursionError:
        return RenderResult("", [BodyNote(1, True, TOO_DEEP)])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"img": {"src", "alt"}},
        url_schemes={"file"},
        strip_comments=True,
        link_rel=None,
    )
    notes.sort(key=lambda note: note.body_line)
    return RenderResult(_EMPTY_PARAGRAPH.sub("", clean).strip(), notes, tuple(reading_blocks(tokens)), tuple(pictures.values()))


def _also_on(lines: list[int]) -> str:
    """' (also on lines 10, 12 and 3 more)': one warning per card that still says where to look."""
    if not lines:
        return ""
    shown = [str(line) for line in lines[:5]]
    more = f" and {len(lines) - 5} more" if len(lines) > 5 else ""
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + (f", {shown[-1]}" if more else f" and {shown[-1]}")
    return f" (also on line{'s' if len(lines) > 1 else ''} {listed}{more})"


def _guard(tokens: list[Token], lines: list[str], content_root: Path, notes: list[BodyNote], topic: Path | None,
           pictures: dict[str, ShownPicture]) -> list[int]:
    """Keep only pictures inside the content folder whose bytes are a picture the kiosk shows (into
    `pictures`, with their size); return the 0-based lines with raw HTML, in order."""
    raw_html: set[int] = set()
    for token in tokens:
        if token.type == "html_block" and token.map:
            first, last = token.map
            raw_html.add(first)
            raw_html.update(n for n in range(first + 1, last) if "<" in lines[n])
        if token.type != "inline":
            continue
        dropped: list[Token] = []
        for child, line, _ in inline_lines(token, lines):
            if child.type == "html_inline":
                raw_html.add(line_with(lines, line, token, child.content.split("\n")[0]))
            elif child.type == "image":
                src = str(child.attrs.get("src", ""))
                written = _written_src(lines, line, token, src)
                resolved, reason = resolve_content_file(content_root, unquote(src), IMAGE_SUFFIXES, topic)
                shown = written if len(written) <= 60 else written[:60] + "…"
                at = line_with(lines, line, token, written)
                if resolved is None:
                    notes.append(BodyNote(at + 1, False, f"image '{shown}' not shown: {reason}"))
                    dropped.append(child)
                    continue
                try:
                    pictures[str(resolved)] = shown_picture(resolved)
                except PictureRefused as refused:  # the file is there but is not what it says: staff must fix it
                    notes.append(BodyNote(at + 1, True, f"image '{shown}' cannot be used: {refused.reason}"))
                    dropped.append(child)
                    continue
                child.attrs["src"] = resolved.as_uri()
        if dropped and token.children is not None:
            token.children = [child for child in token.children if all(child is not d for d in dropped)]
    return sorted(raw_html)


def _written_src(lines: list[str], line: int, block: Token, src: str) -> str:
    """The picture's address as staff typed it (markdown-it percent-encodes it, e.g. spaces)."""
    decoded = unquote(src)
    first, last = block.map if block.map else (line, line + 1)
    text = "\n".join(lines[first:last])
    return decoded if decoded in text or src not in text else src
