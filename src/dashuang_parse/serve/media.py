"""Content negotiation: which media type an Accept header asks for, among those offered.

>>> choose("application/x-ndjson, application/json;q=0.5", ("application/json", "application/jsonl"))
'application/jsonl'
>>> choose(None, ("application/json", "application/jsonl"))
'application/json'
>>> choose("text/html", ("application/json",)) is None
True
"""

from __future__ import annotations

JSON = "application/json"
# The names JSON Lines goes by (jsonlines.org; ndjson); the first is the one answered.
JSON_LINES = ("application/jsonl", "application/x-ndjson", "application/jsonlines", "application/x-jsonlines")
# Names that stand for another offered type: every JSON Lines name answers as the first.
_ALIASES = {name: JSON_LINES[0] for name in JSON_LINES}


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their quality, in the header's order."""
    ranges = []
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranges.append((media.lower(), quality))
    return ranges


def choose(accept: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered media type ``accept`` prefers (the first offered when it says nothing),
    or None when it accepts none of them.

    Higher quality wins; between equal qualities a named type beats a wildcard, then the
    header's order decides.
    """
    if not accept or not accept.strip():
        return offered[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, (media, quality) in enumerate(_ranges(accept)):
        wildcard = media in ("*/*", "application/*")
        name = offered[0] if wildcard else _ALIASES.get(media, media)
        if quality <= 0 or name not in offered:
            continue
        key = (quality, 0 if wildcard else 1, -order)
        if best is None or key > best:
            best, chosen = key, name
    return chosen
