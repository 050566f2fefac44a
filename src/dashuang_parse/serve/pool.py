"""Worker processes for the service: each parse runs in one, so a hostile file stalls or
kills only its own worker, never the server.

Batch's pool (batch/pool.py) runs one stream of jobs and finds a culprit after the fact;
a server answers many clients at once, each waiting for its own file. So each worker here is
a slot of its own (a one-process executor): a request takes an idle slot, and a parse that
outlives its deadline or kills its process costs that slot a restart and that request an
error, while the other requests go on. A request that finds every slot busy waits in a
bounded queue; beyond it the service answers 503 at once rather than pile up work.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..batch.worker import Settings
from .config import ServiceConfig
from .worker import ParseJob, Reply, run_job, start

# Seconds a parse may take beyond its time limit before its worker is killed: the worker's
# own timer should have fired by then; this catches a hang inside C code, and a worker that
# was being replaced (spawning and loading the dictionaries take a second or two).
GRACE = 10.0


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class _Slot:
    """One worker process, replaced when it dies, hangs or has parsed its share."""

    def __init__(self, settings: Settings, parses: int) -> None:
        self.settings, self.parses = settings, parses
        self.done = 0
        self.restarts = 0
        self.executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        # "spawn": a worker starts clean, without a copy of the server's threads and sockets.
        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=start,
            initargs=(self.settings,),
        )

    async def run(self, job: ParseJob, timeout: float) -> Reply:
        if self.done >= self.parses:
            self.restart()
        self.done += 1
        future = self.executor.submit(run_job, job)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except asyncio.TimeoutError:
            self.restart(kill=True)
            return Reply(code="timeout", message=f"took longer than {job.limits.seconds:g} s")
        except BrokenProcessPool:
            self.restart()
            return Reply(code="worker-crashed", message="the worker process died reading this file")
        except asyncio.CancelledError:
            # The client went away: stop its parse rather than let the next request wait on it.
            self.restart(kill=True)
            raise

    async def ready(self) -> None:
        """Wait until the worker process has started and loaded the dictionaries."""
        await asyncio.wrap_future(self.executor.submit(_ping))

    def restart(self, *, kill: bool = False) -> None:
        """Replace the worker process (killing it first when it may still be working)."""
        self.close(kill=kill)
        self.executor = self._new_executor()
        self.done = 0
        self.restarts += 1

    def close(self, *, kill: bool = False, wait: bool = False) -> None:
        """Stop the worker: an idle one exits by itself; ``kill`` ends one that may be working.
        Without ``wait`` the executor reaps the process in its own thread, so the event loop
        never blocks on it."""
        if kill:
            # No public way to stop a running task: kill its process (batch/pool.py does the same).
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                process.kill()
        self.executor.shutdown(wait=wait, cancel_futures=True)


def _ping() -> None:
    """A job that does nothing: submitting it starts the worker."""


class WorkerPool:
    """``config.workers`` worker processes shared by every request of one service."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        settings = Settings(outdir=Path(), write_json=False, limits=config.limits)
        self.slots = [_Slot(settings, config.parses_per_worker) for _ in range(config.workers)]
        self._idle: asyncio.Queue[_Slot] = asyncio.Queue()
        for slot in self.slots:
            self._idle.put_nowait(slot)
        self.waiting = 0

    @property
    def busy(self) -> int:
        """Workers parsing now."""
        return len(self.slots) - self._idle.qsize()

    @property
    def restarts(self) -> int:
        """Workers replaced so far (recycled, killed at a deadline, or crashed)."""
        return sum(slot.restarts for slot in self.slots)

    async def start(self) -> None:
        """Start every worker, so the first requests do not wait for them."""
        await asyncio.gather(*(slot.ready() for slot in self.slots))

    async def run(self, job: ParseJob) -> Reply:
        """Parse ``job`` in the next free worker; ``Busy`` when the queue is full."""
        if self._idle.empty() and self.waiting >= self.config.queue:
            raise Busy
        self.waiting += 1
        try:
            slot = await self._idle.get()
        finally:
            self.waiting -= 1
        try:
            return await slot.run(job, job.limits.seconds + GRACE)
        finally:
            self._idle.put_nowait(slot)

    def close(self) -> None:
        """Stop every worker."""
        for slot in self.slots:
            slot.close(kill=True, wait=True)
