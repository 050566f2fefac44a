"""``convert``: many inputs → a JSON Document each, the batch's exports and its manifest.

What a batch promises (docs/batch.md): one input can only fail itself; every file met is
in the manifest, converted, failed or skipped with its reason; outputs never collide and
never leave the output folder; the parent's memory does not grow with the batch (rows go
to disk as they come, the ledgers are built from there); a fault of the machine stops the
batch with an ``OutputError`` and a manifest of what was done; a kill leaves a manifest and
outputs that ``--resume`` continues from.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..core.errors import DashuangError, FileNotFound, OutputError, os_error
from ..core.limits import DEFAULT_LIMITS, Limits, check_limits
from ..core.models import Document
from ..core.paths import display_name
from ..export.agency_index import index_from_rows
from ..export.html_archive import ARCHIVE_PAGE, page_name, render_archive
from ..export.output import open_temp, write_atomic
from ..export.rows import document_row, task_rows
from ..export.spreadsheet import CSV_NAMES, WORKBOOK, write_ledgers
from .inputs import Item, iter_items
from .manifest import MANIFEST, Manifest
from .names import Names
from .outdir import LOCK, OutputFolder
from .pool import Pool
from .progress import Progress
from .worker import COUNTED, Job, Outcome, Settings, failed, read_input, row_lines

FORMATS = ("json", "jsonl", "csv", "xlsx", "html")
DEFAULT_FORMATS = ("json", "jsonl")
TASKS, DOCUMENTS = "tasks.jsonl", "documents.jsonl"
# Names at the top of the output folder that a document's JSON must not take.
RESERVED = {MANIFEST, TASKS, DOCUMENTS, WORKBOOK, ARCHIVE_PAGE, LOCK, *CSV_NAMES}
# A chunk sent to a worker holds at most this many jobs or bytes.
_CHUNK_JOBS = 8
_CHUNK_BYTES = 4 * 1024 * 1024
# The manifest is rewritten at most this often while the batch runs (seconds)...
_CHECKPOINT_EVERY = 2.0
# ...and, as it grows with every input, at most this share of the time goes to rewriting it
# (a million-notice batch would otherwise spend its time writing its own manifest).
_CHECKPOINT_SHARE = 0.02


def output_name(key: str) -> str:
    """The JSON file of the input ``key`` in a batch of that one input, relative to the
    output folder (a batch's other inputs may move it: see ``names.Names``).

    >>> output_name("sub/a.txt"), output_name("manifest")
    ('sub/a.txt.json', 'manifest~2.json')
    """
    names = Names(RESERVED)
    return names.output(names.key(key))


def convert(
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    resume: bool = False,
    overwrite: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    include_text: bool = True,
    progress: Progress | None = None,
) -> Generator[Outcome, None, None]:
    """Convert every notice in ``inputs`` (folders, zip/tar archives, list files, files).

    Yields one ``Outcome`` per file met, in input order, as the batch goes: converted
    (``ok``, or ``resumed`` from an earlier run), ``failed`` or ``skipped``; the exports and
    the final manifest are written when the iterator is exhausted. ``formats`` chooses
    among ``json`` (a Document per input), ``jsonl`` (tasks.jsonl, documents.jsonl),
    ``csv``, ``xlsx`` and ``html`` (a page per input and index.html); the manifest is always written.

    ``outdir`` must be new or empty, or hold an earlier batch of this tool: ``resume``
    finishes it (inputs whose JSON is there for the same bytes are not converted again),
    ``overwrite`` removes its outputs first. Raises ``OutputNotOwned`` for any other
    folder, ``OutputBusy`` while another batch writes into it, ``OutputError`` when the
    disk refuses a write, ``FileNotFound`` for an input that does not exist.

    Workers are ``spawn``ed: a script calling this must do so under
    ``if __name__ == "__main__":``, or each worker would run the script again.
    """
    if isinstance(inputs, (str, bytes, os.PathLike)) or not isinstance(inputs, Sequence):
        raise TypeError(f"convert() argument 'inputs' must be a list of paths, not {type(inputs).__name__}")
    for value, name in [*((i, "inputs") for i in inputs), (outdir, "outdir")]:
        if not isinstance(value, (str, os.PathLike)):
            raise TypeError(f"convert() argument {name!r} must hold paths, not {type(value).__name__}")
    formats = [formats] if isinstance(formats, str) else list(formats)
    chosen = [f for f in FORMATS if f in set(formats)]
    if "html" in chosen and "json" not in chosen:
        chosen.insert(0, "json")  # a notice page is written beside its JSON, and linked through it
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}")
    check_limits(limits)
    paths = [Path(p) for p in inputs]
    for path in paths:
        if not os.path.lexists(path):
            raise FileNotFound("no such file or folder", path=display_name(path))
    workers = jobs or os.cpu_count() or 1
    return _run(paths, Path(outdir), chosen, workers, resume, overwrite, limits, include_text, progress)


def _run(
    inputs: list[Path],
    outdir: Path,
    formats: list[str],
    jobs: int,
    resume: bool,
    overwrite: bool,
    limits: Limits,
    include_text: bool,
    progress: Progress | None,
) -> Generator[Outcome, None, None]:
    # The folder is taken when iteration starts, as a generator's body runs then.
    batch = _Batch(inputs, outdir, formats, jobs, limits, include_text, resume=resume, overwrite=overwrite)
    yield from batch.run(progress)


class _Batch:
    """The state of one batch: its folder, manifest, row files and the names handed out."""

    def __init__(
        self,
        inputs: list[Path],
        outdir: Path,
        formats: list[str],
        jobs: int,
        limits: Limits,
        include_text: bool,
        *,
        resume: bool,
        overwrite: bool,
    ) -> None:
        self.inputs, self.outdir, self.formats, self.jobs, self.limits = inputs, outdir, formats, jobs, limits
        self.folder = OutputFolder(outdir, resume=resume, overwrite=overwrite)
        previous = self.folder.previous
        # Outputs of an earlier run are taken over only when this run would write the same.
        self.reuse = (
            resume
            and "json" in formats
            and previous.get("version") == __version__
            and previous.get("include_text", True) == include_text
        )
        self.settings = Settings(outdir, "json" in formats, include_text, limits, write_html="html" in formats)
        self.names = Names(RESERVED)
        self.started = self.checkpoint = time.monotonic()
        self.checkpoint_every = _CHECKPOINT_EVERY
        try:
            self.manifest = Manifest(outdir, [str(p) for p in inputs], formats, jobs, limits, include_text)
            self.manifest.write("running", 0.0)  # from the first second, whatever happens next
        except OSError as exc:
            self.folder.release()
            raise _output_error(exc, outdir) from exc
        except BaseException:
            self.folder.release()
            raise

    def run(self, progress: Progress | None) -> Iterator[Outcome]:
        status, error = "interrupted", None
        parts: dict[str, tuple[Path, IO[bytes]]] = {}
        pool: Pool | None = None
        try:
            # Rows go to hidden part files first; they become the exports only when all is done.
            parts = {name: open_temp(self.outdir / name) for name in (TASKS, DOCUMENTS)}
            pool = Pool(self.settings, self.jobs)
            for outcome in self._outcomes(pool):
                self._record(outcome, parts[TASKS][1], parts[DOCUMENTS][1])
                if progress is not None:
                    progress.update(outcome.status, _progress_message(outcome))
                yield outcome
            for _, handle in parts.values():
                handle.close()
            self._finish({name: temp for name, (temp, _) in parts.items()})
            status = "complete"
        except OSError as exc:
            fault = _output_error(exc, self.outdir)
            status, error = "stopped", {"code": fault.code, "message": str(fault)}
            raise fault from exc
        except OutputError as exc:
            status, error = "stopped", {"code": exc.code, "message": str(exc)}
            raise
        finally:
            if pool is not None:
                pool.close(kill=status != "complete")
            if progress is not None:
                progress.close()
            for temp, handle in parts.values():
                handle.close()
                temp.unlink(missing_ok=True)
            self._close(status, error)

    def _close(self, status: str, error: dict[str, str] | None) -> None:
        try:
            if status != "complete":
                self.manifest.write(status, time.monotonic() - self.started, error)
            self.manifest.close()
        except OSError:
            pass  # a full disk: the last checkpoint stands, and the spool keeps the rest
        finally:
            self.folder.release()

    def _record(self, outcome: Outcome, tasks: IO[bytes], docs: IO[bytes]) -> None:
        if outcome.fatal:  # the disk, not the input: stop here, the input is done again on --resume
            raise OutputError(outcome.error_message or "cannot write an output", path=outcome.label)
        self.manifest.add(outcome)
        if outcome.ok:
            tasks.write(outcome.task_lines.encode("utf-8"))
            docs.write(f"{outcome.document_line}\n".encode())
        now = time.monotonic()
        if now - self.checkpoint >= self.checkpoint_every:
            self.manifest.write("running", now - self.started)
            self.checkpoint = time.monotonic()
            self.checkpoint_every = max(_CHECKPOINT_EVERY, (self.checkpoint - now) / _CHECKPOINT_SHARE)

    def _outcomes(self, pool: Pool) -> Iterator[Outcome]:
        """Outcomes in input order: those known at once, and the workers' as they finish."""
        ready: dict[int, Outcome] = {}
        wanted = 0
        chunk: list[Job] = []
        chunk_bytes = 0
        for index, item in enumerate(iter_items(self.inputs, self.limits, exclude=self.outdir)):
            job = self._job(index, item)
            known = self._known(item, job)
            if known is not None:
                ready[index] = known
            else:
                chunk.append(job)
                chunk_bytes += item.size
                if len(chunk) >= _CHUNK_JOBS or chunk_bytes >= _CHUNK_BYTES:
                    pool.submit(chunk)
                    chunk, chunk_bytes = [], 0
            while pool.busy:
                ready.update((o.index, o) for o in pool.results(block=True))
            ready.update((o.index, o) for o in pool.results(block=False))
            while wanted in ready:
                yield ready.pop(wanted)
                wanted += 1
        if chunk:
            pool.submit(chunk)
        for outcome in pool.drain():
            ready[outcome.index] = outcome
            while wanted in ready:
                yield ready.pop(wanted)
                wanted += 1
        yield from (ready[i] for i in sorted(ready))

    def _job(self, index: int, item: Item) -> Job:
        key = self.names.key(item.key)
        convertible = item.skip is None and item.error is None
        output = self.names.output(key) if convertible and "json" in self.formats else None
        path = str(item.path) if item.path is not None else None
        return Job(index, key, item.label, output, path, item.data, item.raw_name)

    def _known(self, item: Item, job: Job) -> Outcome | None:
        """The outcome of an input that needs no worker: skipped, refused, or done before."""
        if item.skip is not None:
            return Outcome(
                job.index,
                job.key,
                job.label,
                "skipped",
                error_code=item.skip.reason,
                error_message=item.skip.message,
                raw_name=job.raw_name,
            )
        if item.error is not None:
            outcome = failed(job.index, job.key, job.label, item.error)
            outcome.raw_name = job.raw_name
            return outcome
        return self._resumed(job) if self.reuse else None

    def _resumed(self, job: Job) -> Outcome | None:
        """An input whose JSON an earlier run wrote, whole and for the same bytes."""
        assert job.output is not None
        target = self.outdir / job.output
        if not target.is_file():
            return None
        if "html" in self.formats and not (self.outdir / page_name(job.output.removesuffix(".json"))).is_file():
            return None  # converted by a run without html: convert it again for its page
        try:
            data = read_input(job, self.limits)
            doc = Document.model_validate_json(target.read_bytes())
        except (DashuangError, OSError, ValueError):
            return None  # unreadable or torn: convert it again
        sha256 = hashlib.sha256(data).hexdigest()
        if doc.source is None or doc.source.sha256 != sha256:
            return None  # the input changed since
        return Outcome(
            job.index,
            job.key,
            job.label,
            "resumed",
            output=job.output,
            sha256=sha256,
            size=len(data),
            format=doc.source.format,
            warnings=tuple(sorted({d.code for d in doc.diagnostics if d.code in COUNTED})),
            raw_name=job.raw_name,
            **row_lines(task_rows(doc, job.key), document_row(doc, job.key, job.output)),
        )

    def _finish(self, parts: dict[str, Path]) -> None:
        outputs = self.manifest.outputs
        if "html" in self.formats:
            outputs.append(self._write_archive(parts))
        formats = self.formats
        written = write_ledgers(
            self.outdir, parts[TASKS], parts[DOCUMENTS], with_csv="csv" in formats, with_xlsx="xlsx" in formats
        )
        outputs.extend(path.name for path in written)
        for name, part in parts.items():
            if "jsonl" in self.formats:
                os.replace(part, self.outdir / name)
                outputs.append(name)
        self.manifest.write("complete", time.monotonic() - self.started)

    def _write_archive(self, parts: dict[str, Path]) -> str:
        """index.html: the documents converted, the inputs that failed, the agency matrix."""
        docs = list(_rows(parts[DOCUMENTS]))
        index = index_from_rows(_rows(parts[TASKS]))
        pages = {row["document"]: page_name(row["output"].removesuffix(".json")) for row in docs if row["output"]}
        failures = [
            (record["input"], record["error"]["message"]) for record in self._records() if record["status"] == "failed"
        ]
        write_atomic(self.outdir / ARCHIVE_PAGE, render_archive(docs, index, pages, failures=failures))  # type: ignore[arg-type]
        return ARCHIVE_PAGE

    def _records(self) -> Iterator[dict[str, Any]]:
        """The manifest's records so far, read back from its spool."""
        if self.manifest.spool is not None:
            self.manifest.spool.flush()
        yield from _rows(self.manifest.spool_path)


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines file, one at a time."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _progress_message(outcome: Outcome) -> str | None:
    if outcome.status in ("failed", "skipped"):
        return f"{outcome.label}: {outcome.error_message} [{outcome.error_code}]"
    return None


def _output_error(exc: OSError, outdir: Path) -> OutputError:
    where = display_name(exc.filename) if isinstance(exc.filename, str) else display_name(outdir)
    error = os_error(exc, where, "cannot write the outputs")
    return OutputError(error.message, path=where)


__all__ = ["DEFAULT_FORMATS", "FORMATS", "DashuangError", "Outcome", "convert", "output_name"]
