"""What every reader returns."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.models import SourceFormat


@dataclass(frozen=True)
class Decoded:
    """Text for the parser, the format it was read as and the byte encoding, if any.

    The text keeps the line structure the parser needs: one paragraph, heading, table row
    or metadata field a line, so that section markers start lines.
    """

    text: str
    format: SourceFormat
    encoding: str | None = None
