"""Where the shared test corpus is: `shared/corpus/` beside the checkout (CI has it beside its clone),
and from a git worktree, beside the main checkout the worktree belongs to."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def corpus_file(name: str) -> Path:
    """`shared/corpus/NAME`, wherever it is found first (the first candidate when it is nowhere)."""
    relative = Path("shared", "corpus", name)
    candidates = [REPO.parent / relative]
    dot_git = REPO / ".git"
    if dot_git.is_file() and (text := dot_git.read_text(encoding="utf-8").strip()).startswith("gitdir:"):
        # gitdir: <main checkout>/.git/worktrees/<name>
        candidates.append(Path(text.removeprefix("gitdir:").strip()).parents[2].parent / relative)
    return next((candidate for candidate in candidates if candidate.is_file()), candidates[0])
