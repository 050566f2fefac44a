"""What one running service is allowed: the limits of each parse, its workers, its queue.

Kept free of any web framework, so the CLI can build one (and report a bad option) without
importing the ``serve`` extra.

>>> config = ServiceConfig(workers=2)
>>> config.max_request_bytes == config.limits.input_bytes + REQUEST_OVERHEAD
True
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..core.limits import DEFAULT_LIMITS, Limits, parse_limit

# Room a request body may take beyond the file it carries: a multipart envelope's
# boundaries and part headers are a few hundred bytes; 64 KiB leaves any client room.
REQUEST_OVERHEAD = 64 * 1024


@dataclass(frozen=True)
class ServiceConfig:
    """Settings of one service: ``limits`` bound every parse and are the most a request may
    ask for; ``workers`` processes parse; ``queue`` requests may wait for one beyond those
    being parsed before the service answers 503."""

    limits: Limits = DEFAULT_LIMITS
    workers: int = 1
    queue: int = 64
    # A worker process is replaced after this many parses, so its memory cannot creep up.
    parses_per_worker: int = 1000
    max_request_bytes: int = field(default=0)

    def __post_init__(self) -> None:
        if self.workers < 1 or self.queue < 0 or self.parses_per_worker < 1:
            raise ValueError("workers and parses_per_worker must be 1 or more, queue 0 or more")
        if self.max_request_bytes <= 0:
            object.__setattr__(self, "max_request_bytes", self.limits.input_bytes + REQUEST_OVERHEAD)


def request_limits(server: Limits, asked: list[str]) -> Limits:
    """The limits of one request: the server's, lowered where the request asks (``NAME=VALUE``
    as the CLI's ``--limit`` takes). A request cannot raise a limit above the server's: that
    is what keeps one client from stalling the others.

    >>> request_limits(Limits(seconds=30), ["seconds=5"]).seconds
    5.0
    >>> request_limits(Limits(seconds=30), ["seconds=60"])
    Traceback (most recent call last):
    ...
    ValueError: limit seconds=60 is above this server's 30
    """
    if not asked:
        return server
    values = dict(server.__dict__)
    for text in asked:
        name, value = parse_limit(text)
        if value > values[name]:
            raise ValueError(f"limit {name}={value:g} is above this server's {values[name]:g}")
        values[name] = value
    return Limits(**values)


LIMIT_NAMES = tuple(f.name for f in fields(Limits))
# A limit as a request writes it: NAME=VALUE, a number with an optional binary unit, e.g.
# "seconds=5", "input_bytes=2M". Stricter than the CLI's ``--limit`` (no spaces, hyphens or
# trailing "B"), so that the OpenAPI document says exactly what is accepted.
LIMIT_PATTERN = rf"^({'|'.join(LIMIT_NAMES)})=[0-9]+(\.[0-9]+)?[KMGkmg]?$"
