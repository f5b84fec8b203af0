"""Content problems into the kiosk's log, each once: a kiosk reloading for months must not repeat them."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from kiosk.core.problems import Problem, Severity

log = logging.getLogger("kiosk.app")
_LEVELS = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING}


class ProblemLog:
    """Logs the problems of each reload that the last reload did not have."""

    def __init__(self) -> None:
        self._reported: set[Problem] = set()

    def report(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            if problem not in self._reported:
                log.log(_LEVELS.get(problem.severity, logging.INFO), "%s", problem.format())
        self._reported = set(problems)
