"""``convert``: many inputs → a JSON Document each, the batch's exports and its manifest."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ..core.errors import DashuangError
from ..core.limits import DEFAULT_LIMITS, Limits
from ..core.models import Document
from ..export.html_archive import ARCHIVE_PAGE, index_from_rows, page_name, render_archive
from ..export.output import remove_stale_temps, write_atomic
from ..export.rows import document_row, task_rows
from ..export.spreadsheet import write_csv, write_xlsx
from .inputs import Item, iter_items
from .manifest import MANIFEST, Manifest, previous_entries
from .pool import Pool
from .progress import Progress
from .worker import Job, Outcome, Settings, failed, read_input, row_lines

FORMATS = ("json", "jsonl", "csv", "xlsx", "html")
DEFAULT_FORMATS = ("json", "jsonl")
TASKS, DOCUMENTS, WORKBOOK = "tasks.jsonl", "documents.jsonl", "tasks.xlsx"
# Names at the top of the output folder that a document's JSON must not take.
_RESERVED = {MANIFEST, TASKS, DOCUMENTS, WORKBOOK, ARCHIVE_PAGE, "tasks.csv", "agencies.csv", "documents.csv"}
# A chunk sent to a worker holds at most this many jobs or bytes.
_CHUNK_JOBS = 8
_CHUNK_BYTES = 4 * 1024 * 1024
# The manifest is rewritten at most this often while the batch runs (seconds)...
_CHECKPOINT_EVERY = 2.0
# ...and, as it grows with every input, at most this share of the time goes to rewriting it
# (a million-notice batch would otherwise spend its time writing its own manifest).
_CHECKPOINT_SHARE = 0.02


def output_name(key: str) -> str:
    """The JSON file of the input ``key``, relative to the output folder.

    >>> output_name("sub/a.txt"), output_name("manifest")
    ('sub/a.txt.json', '_manifest.json')
    """
    name = f"{key}.json"
    return f"_{name}" if name in _RESERVED else name


def convert(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    jobs: int | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    resume: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    include_text: bool = True,
    progress: Progress | None = None,
) -> Iterator[Outcome]:
    """Convert every notice in ``inputs`` (folders, zip/tar archives, list files, files).

    Yields one ``Outcome`` per input, in input order, as the batch goes; the exports and the
    final manifest are written when the iterator is exhausted. ``formats`` chooses among
    ``json`` (a Document per input), ``jsonl`` (tasks.jsonl, documents.jsonl), ``csv``,
    ``xlsx`` and ``html`` (a page per input and index.html); the manifest is always written.

    Workers are ``spawn``ed: a script calling this must do so under
    ``if __name__ == "__main__":``, or each worker would run the script again.
    """
    chosen = [f for f in FORMATS if f in set(formats)]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}")
    batch = _Batch([Path(p) for p in inputs], Path(outdir), chosen, jobs or os.cpu_count() or 1, resume, limits)
    settings = Settings(Path(outdir), "json" in chosen, include_text, limits, write_html="html" in chosen)
    yield from batch.run(settings, progress)


class _Batch:
    """The state of one batch: its manifest, its row files and the inputs a resume may skip."""

    def __init__(
        self, inputs: list[Path], outdir: Path, formats: list[str], jobs: int, resume: bool, limits: Limits
    ) -> None:
        self.inputs, self.outdir, self.formats, self.jobs, self.limits = inputs, outdir, formats, jobs, limits
        outdir.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(outdir)  # what a killed run was writing: never a finished output
        self.previous = previous_entries(outdir) if resume else {}
        self.manifest = Manifest(outdir, [str(p) for p in inputs], formats, jobs, limits)
        self.started = time.monotonic()
        self.checkpoint = self.started
        self.checkpoint_every = _CHECKPOINT_EVERY

    def run(self, settings: Settings, progress: Progress | None) -> Iterator[Outcome]:
        # Rows go to hidden part files first; they become the exports only when all is done.
        parts = {name: self.outdir / f".{name}.part" for name in (TASKS, DOCUMENTS)}
        pool = Pool(settings, self.jobs)
        finished = False
        try:
            with (
                parts[TASKS].open("w", encoding="utf-8") as tasks,
                parts[DOCUMENTS].open("w", encoding="utf-8") as docs,
            ):
                for outcome in self._outcomes(pool):
                    self._record(outcome, tasks, docs)
                    if progress is not None:
                        progress.update(outcome.ok, None if outcome.ok else f"{outcome.label}: {outcome.error_message}")
                    yield outcome
            self._finish(parts)
            finished = True
        finally:
            pool.close(kill=not finished)
            if progress is not None:
                progress.close()
            if not finished:
                self.manifest.write("interrupted", time.monotonic() - self.started)

    def _record(self, outcome: Outcome, tasks: IO[str], docs: IO[str]) -> None:
        self.manifest.add(outcome)
        if outcome.ok:
            tasks.write(outcome.task_lines)
            docs.write(f"{outcome.document_line}\n")
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
            job = Job(index, item.key, item.label, output_name(item.key), _path(item), item.data)
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

    def _known(self, item: Item, job: Job) -> Outcome | None:
        """The outcome of an input that needs no worker: a refused one, or one already done."""
        index = job.index
        if item.error is not None:
            return failed(index, item.key, item.label, item.error)
        before = self.previous.get(item.key)
        if before is None or "json" not in self.formats:
            return None
        if "html" in self.formats and not (self.outdir / page_name(item.key)).is_file():
            return None  # converted by a run without html: convert it again for its page
        try:
            if hashlib.sha256(read_input(job, self.limits)).hexdigest() != before.get("sha256"):
                return None
            output = before["output"]
            doc = Document.model_validate_json((self.outdir / output).read_bytes())
        except (DashuangError, OSError, ValueError, KeyError, TypeError):
            return None  # changed, missing or unreadable: convert it again
        return Outcome(
            index,
            item.key,
            item.label,
            "resumed",
            output=output,
            sha256=before["sha256"],
            size=before.get("size"),
            format=before.get("format"),
            **row_lines(task_rows(doc, item.key), document_row(doc, item.key, output)),
        )

    def _finish(self, parts: dict[str, Path]) -> None:
        outputs = self.manifest.outputs
        if "html" in self.formats:
            outputs.append(self._write_archive(parts))
        if "csv" in self.formats or "xlsx" in self.formats:
            tasks, docs = _load_rows(parts[TASKS]), _load_rows(parts[DOCUMENTS])
            if "csv" in self.formats:
                outputs.extend(p.name for p in write_csv(self.outdir, tasks, docs))
            if "xlsx" in self.formats:
                outputs.append(write_xlsx(self.outdir / WORKBOOK, tasks, docs).name)
        for name, part in parts.items():
            if "jsonl" in self.formats:
                os.replace(part, self.outdir / name)
                outputs.append(name)
            else:
                part.unlink(missing_ok=True)
        self.manifest.write("complete", time.monotonic() - self.started)

    def _write_archive(self, parts: dict[str, Path]) -> str:
        """index.html: the documents converted, the inputs that failed, the agency matrix."""
        docs = _load_rows(parts[DOCUMENTS])
        index = index_from_rows(_load_rows(parts[TASKS]))  # type: ignore[arg-type]
        pages = {row["document"]: page_name(row["document"]) for row in docs}
        failures = [(f["input"], f["error"]["message"]) for f in self.manifest.files if f["status"] == "failed"]
        write_atomic(self.outdir / ARCHIVE_PAGE, render_archive(docs, index, pages, failures=failures))  # type: ignore[arg-type]
        return ARCHIVE_PAGE


def _path(item: Item) -> str | None:
    return str(item.path) if item.path is not None else None


def _load_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


__all__ = ["DEFAULT_FORMATS", "FORMATS", "DashuangError", "Outcome", "convert", "output_name"]
