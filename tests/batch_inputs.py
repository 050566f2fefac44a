"""Batch inputs for tests and benchmarks: the corpus repeated, with bad files mixed in.

Every bad file carries the error code a batch must report for it, so a test can check that
each one lands in the manifest with its reason and that nothing else does.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# The 15 text notices the batch tests were sized on (seeds and devset): a fixed set keeps the
# batch tests' run time from growing with every notice added to the corpus.
NOTICES = [notice for notice in sorted(CORPUS.glob("*.txt")) if notice.stem < "d011"]

_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b"]><html><body><p>&lol9;</p></body></html>"
)


def _not_a_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "这不是Word文件")
    return buffer.getvalue()


# name → (bytes, the error code the batch must report)
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "bad/empty.txt": (b"", "empty-input"),
    "bad/junk.txt": (bytes(range(256)) * 64, "decode-error"),
    "bad/truncated.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n" * 20, "corrupt-file"),
    "bad/laughs.html": (_LAUGHS, "unsafe-input"),
    "bad/not-a-docx.docx": (_not_a_docx(), "corrupt-file"),
}
# Members only an archive can carry: name as written in the archive → the code reported.
BAD_MEMBERS: dict[str, tuple[bytes, str]] = {
    "../escape.txt": ("一、越界\n（一）不应写出。（市公安局负责）".encode(), "unsafe-archive"),
    "/abs/root.txt": ("一、绝对路径".encode(), "unsafe-archive"),
    "nested/inner.zip": (_not_a_docx(), "unsafe-archive"),
}


def good_keys(repeat: int) -> list[str]:
    """Keys of the good notices a generated input holds, in batch order."""
    return sorted(f"copy{n:04d}/{notice.name}" for n in range(repeat) for notice in NOTICES)


def make_folder(root: Path, repeat: int, *, bad: bool = True) -> Path:
    """A folder of the corpus repeated ``repeat`` times (copyNNNN/...), with BAD_FILES."""
    root.mkdir(parents=True, exist_ok=True)
    for n in range(repeat):
        folder = root / f"copy{n:04d}"
        folder.mkdir(exist_ok=True)
        for notice in NOTICES:
            (folder / notice.name).write_bytes(notice.read_bytes())
    if bad:
        for name, (data, _) in BAD_FILES.items():
            (root / name).parent.mkdir(exist_ok=True)
            (root / name).write_bytes(data)
        outside = root.parent / f"{root.name}-outside.txt"
        outside.write_text("一、外部文件", encoding="utf-8")
        os.symlink(outside, root / "bad" / "link-out.txt")
    return root


def make_zip(path: Path, repeat: int, *, bad: bool = True) -> Path:
    """The same notices as ``make_folder`` in one zip, with BAD_FILES and BAD_MEMBERS."""
    texts = {notice.name: notice.read_bytes() for notice in NOTICES}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(repeat):
            for name, data in texts.items():
                archive.writestr(f"copy{n:04d}/{name}", data)
        if bad:
            for name, (data, _) in {**BAD_FILES, **BAD_MEMBERS}.items():
                archive.writestr(zipfile.ZipInfo(name), data)
    return path
