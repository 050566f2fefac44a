"""Batch conversion: folders, archives and list files of notices → JSON, JSON Lines, CSV, XLSX.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> results = list(convert(["corpus/003_71ac9bd14a8fd19d.txt"], out, jobs=1))
>>> [(r.status, r.output) for r in results]
[('ok', '003_71ac9bd14a8fd19d.txt.json')]
>>> sorted(p.name for p in out.iterdir())
['003_71ac9bd14a8fd19d.txt.json', 'documents.jsonl', 'manifest.json', 'tasks.jsonl']
"""

from __future__ import annotations

from .progress import Progress
from .runner import DEFAULT_FORMATS, FORMATS, convert, output_name
from .worker import Outcome

__all__ = ["DEFAULT_FORMATS", "FORMATS", "Outcome", "Progress", "convert", "output_name"]
