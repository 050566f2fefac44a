"""Worker processes that survive what a bad file does to them.

``concurrent.futures`` gives the parallelism; this module adds what a batch over a crawler's
archive needs on top: chunks of jobs (fewer round trips), a bounded number in flight, a
watchdog for a file that hangs where the worker's own timer cannot reach (inside C code), and
recovery from a worker that dies — the jobs that were in flight are run again one at a time,
so only the file that kills a worker is reported as crashed. A chunk whose result cannot
come back (an exception that does not pickle, a result too big for memory) is run again
the same way: whatever happens, an input can only fail itself.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..core.errors import Timeout, WorkerCrashed
from .worker import Job, Outcome, Settings, convert_chunk, failed, initialize

# A worker is replaced after this many chunks, so that caches and fragmentation cannot grow
# without bound over a long batch.
_CHUNKS_PER_WORKER = 200
# Extra seconds the watchdog allows a chunk beyond the per-file limits of its jobs.
_GRACE = 10.0
# How long one wait for results lasts before the watchdog looks again (seconds).
_POLL = 1.0


class Pool:
    """A process pool running chunks of jobs; ``results`` yields outcomes as they finish."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings, self.workers = settings, workers
        self.running: dict[Future[list[Outcome]], tuple[list[Job], float]] = {}
        self._start()

    def _start(self) -> None:
        # "spawn" starts each worker clean (no copy of the parent's state) and is what
        # replacing workers after a number of tasks requires.
        recycle = {"max_tasks_per_child": _CHUNKS_PER_WORKER} if sys.version_info >= (3, 11) else {}
        self.executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=initialize,
            initargs=(self.settings,),
            **recycle,
        )

    @property
    def busy(self) -> bool:
        """Whether enough chunks are in flight to keep every worker fed."""
        return len(self.running) >= 2 * self.workers

    def submit(self, jobs: list[Job]) -> None:
        """Start a chunk of jobs."""
        future = self.executor.submit(convert_chunk, jobs)
        deadline = time.monotonic() + self.settings.limits.seconds * len(jobs) + _GRACE
        self.running[future] = (jobs, deadline)

    def results(self, *, block: bool) -> Iterator[Outcome]:
        """Outcomes of the chunks that finish now (waiting for at least one when ``block``)."""
        if not self.running:
            return
        done, _ = wait(list(self.running), timeout=_POLL if block else 0, return_when=FIRST_COMPLETED)
        suspects: list[Job] = []
        for future in done:
            jobs, _ = self.running.pop(future)
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                suspects.extend(jobs)
            except Exception:  # noqa: BLE001 - the result did not come back: find whose it was
                suspects.extend(jobs)
            else:
                yield from outcomes
        self._watch()
        if suspects:
            yield from self._recover(suspects)

    def _watch(self) -> None:
        """Kill the workers when a chunk is past its deadline (a hang the timer missed)."""
        now = time.monotonic()
        if any(deadline < now for _, deadline in self.running.values()):
            self._kill()

    def _kill(self) -> None:
        # The executor has no public way to stop a running task; killing its processes
        # breaks the pool, which ``results`` then recovers from.
        for process in list((getattr(self.executor, "_processes", None) or {}).values()):
            process.kill()

    def _recover(self, suspects: list[Job]) -> Iterator[Outcome]:
        """Restart the pool and run each job that was in flight alone, to find the culprit."""
        for future, (jobs, _) in list(self.running.items()):
            suspects.extend(jobs)  # every chunk in flight failed with the pool
            del self.running[future]
        self.executor.shutdown(wait=False, cancel_futures=True)
        self._start()
        for job in sorted(suspects, key=lambda j: j.index):
            yield self._run_alone(job)

    def _run_alone(self, job: Job) -> Outcome:
        timed_out = False
        future = self.executor.submit(convert_chunk, [job])
        deadline = time.monotonic() + self.settings.limits.seconds + _GRACE
        while True:
            done, _ = wait([future], timeout=_POLL)
            if done:
                try:
                    return future.result()[0]
                except BrokenProcessPool:
                    break
                except Exception as exc:  # noqa: BLE001 - this job's result cannot come back
                    lost = RuntimeError(f"the worker's result could not be returned ({type(exc).__name__})")
                    return failed(job.index, job.key, job.label, lost)
            if time.monotonic() > deadline:
                timed_out = True
                self._kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self._start()
        error = (
            Timeout(f"took longer than {self.settings.limits.seconds:g} s", path=job.label)
            if timed_out
            else WorkerCrashed("the worker process died reading this file (out of memory or a crash)", path=job.label)
        )
        return failed(job.index, job.key, job.label, error)

    def drain(self) -> Iterator[Outcome]:
        """Outcomes of every chunk still in flight."""
        while self.running:
            yield from self.results(block=True)

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers: let them exit, or, when ``kill``, end them and the work in flight."""
        if kill:
            self._kill()
        self.executor.shutdown(wait=not kill, cancel_futures=True)
