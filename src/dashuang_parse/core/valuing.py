"""How the tasks stage asks for schema-1.1 values without importing the stage that knows them.

The ``values`` stage reads the notice's place and year from its metadata and hands the tasks
stage an object of this shape; the tasks stage then builds every Task and AgencyRole with its
values already in place. (Filling them in afterwards meant copying every frozen model of the
tree once more: a sixth of the parse time.) ``NO_VALUES`` is the answer when nothing is known:
unit tests and callers that build sections by hand.
"""

from __future__ import annotations

from typing import Protocol

from .models import Deadline


class TaskValues(Protocol):
    """Values that depend on the notice as a whole (its place, its year)."""

    def owner(self, name: str) -> tuple[str | None, str | None]:
        """``(canonical, jurisdiction)`` of an owner's name."""
        ...

    def deadline(self, responsibility: str, statement: str) -> Deadline | None:
        """The deadline a task's owner text or, failing that, its statement gives."""
        ...


class _NoValues:
    def owner(self, name: str) -> tuple[str | None, str | None]:
        return None, None

    def deadline(self, responsibility: str, statement: str) -> Deadline | None:
        return None


NO_VALUES: TaskValues = _NoValues()
