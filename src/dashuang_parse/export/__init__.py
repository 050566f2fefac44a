"""Exports for systems and offices: flat rows of tasks and documents, CSV and XLSX ledgers."""

from __future__ import annotations

from .rows import DocumentRow, TaskRow, document_row, task_rows

__all__ = ["DocumentRow", "TaskRow", "document_row", "task_rows"]
