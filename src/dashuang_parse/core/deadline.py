"""Bounds on one parse that the parse itself cannot count: wall time and memory.

Budgets (``Limits``) bound the work each input may make; these two bound what is left for
a caller who wants a hard stop anyway. ``batch`` runs each file in a worker with both;
``parse`` applies them when ``--limit seconds=`` or ``--limit memory_bytes=`` is given.

>>> with deadline(0, "x.txt"):  # 0: no deadline
...     pass
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import InputTooLarge, Timeout


@contextmanager
def deadline(seconds: float, label: str | None) -> Iterator[None]:
    """Raise ``Timeout`` in the block when it runs longer than ``seconds`` (0: never).

    Uses the interval timer: only in a process's main thread on POSIX; elsewhere it does
    nothing. A C call is interrupted when it returns to Python (the readers' budgets keep
    every C call short).
    """
    active = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not active:
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise Timeout(f"took longer than {seconds:g} s (limit seconds)", path=label)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def memory_cap(most: int, label: str | None) -> Iterator[None]:
    """Cap the process's address space at ``most`` bytes in the block (0: no cap); running
    out is ``InputTooLarge`` naming the limit. A cap never loosens one the process already
    has (a worker's, set for its whole life); it is lifted again after the block."""
    try:
        import resource
    except ImportError:  # not on this platform
        most = 0
    if most <= 0:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    lowered = soft == resource.RLIM_INFINITY or most < soft
    if lowered:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (most if hard == resource.RLIM_INFINITY else min(most, hard), hard))
        except (ValueError, OSError):
            lowered = False  # the cap could not be set: run without it
    try:
        yield
    except MemoryError:
        raise InputTooLarge(f"ran out of memory: over {most} bytes (limit memory_bytes)", path=label) from None
    finally:
        if lowered:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
