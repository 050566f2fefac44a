"""Progress of a batch: a redrawn line on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

# How often a progress line is printed when the output is not a terminal (seconds).
_LOG_EVERY = 10.0
# How often the terminal line is redrawn (seconds).
_DRAW_EVERY = 0.1


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class Progress:
    """Counts inputs, failures and skips and shows rate and ETA.

    >>> import io; out = io.StringIO()
    >>> p = Progress(total=2, stream=out, terminal=False); p.update("ok"); p.update("failed", "x: bad [corrupt-file]")
    >>> p.close(); "failed x: bad" in out.getvalue() and "2/2 files" in out.getvalue()
    True
    """

    def __init__(self, total: int | None = None, stream: TextIO | None = None, terminal: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.total = total
        self.done = self.failures = self.skipped = 0
        self.started = self._last = time.monotonic()

    def line(self) -> str:
        """The current state in one line."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        count = f"{self.done}/{self.total}" if self.total else f"{self.done}"
        eta = ""
        if self.total and rate > 0:
            eta = f"  ETA {_clock((self.total - self.done) / rate)}"
        skipped = f"  {self.skipped} skipped" if self.skipped else ""
        return f"{count} files  {rate:.1f}/s{eta}  {self.failures} failed{skipped}  {_clock(elapsed)} elapsed"

    def update(self, status: str, message: str | None = None) -> None:
        """Count one input done with ``status`` ("ok", "resumed", "failed", "skipped");
        ``message`` says why it failed (printed) or was skipped (counted only)."""
        self.done += 1
        if status == "skipped":
            self.skipped += 1
        elif status == "failed":
            self.failures += 1
            if message:
                self._print(f"failed {message}")
        now = time.monotonic()
        if now - self._last >= (_DRAW_EVERY if self.terminal else _LOG_EVERY):
            self._last = now
            self._draw()

    def _print(self, text: str) -> None:
        if self.terminal:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        if self.terminal:
            self._draw()

    def _draw(self) -> None:
        if self.terminal:
            self.stream.write("\r\x1b[K" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Print the final state."""
        if self.terminal:
            self.stream.write("\r\x1b[K")
        self.stream.write(self.line() + "\n")
        self.stream.flush()
