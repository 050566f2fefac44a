"""Archives are read without trusting them: one row per trick a hostile archive plays."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from dashuang_parse.batch.archives import is_archive, iter_members, safe_name
from dashuang_parse.batch.inputs import count_items, iter_items
from dashuang_parse.core.errors import CorruptFile, UnsafeArchive
from dashuang_parse.core.limits import Limits

NOTICE = "一、任务\n（一）加强监管。（市公安局负责）".encode()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("a.txt", "a.txt"),
        ("a/./b/../c.txt", "a/c.txt"),
        ("dir\\win.txt", "dir/win.txt"),
        ("../up.txt", None),
        ("a/../../up.txt", None),
        ("/etc/passwd", None),
        ("C:/Windows/x.txt", None),
        ("c:\\x.txt", None),
    ],
)
def test_member_names(name: str, safe: str | None) -> None:
    if safe is None:
        with pytest.raises(UnsafeArchive):
            safe_name(name)
    else:
        assert safe_name(name) == safe


def _zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None, encrypted: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name == symlink:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    if encrypted is not None:
        _mark_encrypted(path)
    return path


def _mark_encrypted(path: Path) -> None:
    """Set the "encrypted" flag in every header (zipfile clears it when writing)."""
    data = bytearray(path.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + flag_at] |= 0x1
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))


def _outcomes(path: Path, limits: Limits | None = None) -> list[tuple[str, str | None]]:
    return [(m.name, getattr(m.error, "code", None)) for m in iter_members(path, limits or Limits())]


def test_good_members_are_read(tmp_path: Path) -> None:
    path = _zip(tmp_path / "a.zip", {"x/1.txt": NOTICE, "x/2.txt": NOTICE})
    assert _outcomes(path) == [("x/1.txt", None), ("x/2.txt", None)]
    assert [m.read() for m in iter_members(path, Limits())] == [NOTICE, NOTICE]


def test_zip_members_are_inflated_when_read_and_damage_shows_then(tmp_path: Path) -> None:
    path = _zip(tmp_path / "a.zip", {"good.txt": NOTICE, "bad.txt": NOTICE * 20})
    data = bytearray(path.read_bytes())
    # Flip a byte of the second member's compressed data: its CRC no longer matches.
    second = data.find(b"PK\x03\x04", 4)
    data[second + 30 + len("bad.txt") + 5] ^= 0xFF
    path.write_bytes(bytes(data))
    good, bad = iter_members(path, Limits())  # listing and checking read no member's data
    assert good.read() == NOTICE
    with pytest.raises(CorruptFile):
        bad.read()


@pytest.mark.parametrize(
    ("members", "options", "expected"),
    [
        ({"../evil.txt": NOTICE}, {}, [("../evil.txt", "unsafe-archive")]),
        ({"/abs.txt": NOTICE}, {}, [("/abs.txt", "unsafe-archive")]),
        ({"link.txt": b"/etc/passwd"}, {"symlink": "link.txt"}, [("link.txt", "unsafe-archive")]),
        ({"secret.txt": NOTICE}, {"encrypted": "secret.txt"}, [("secret.txt", "unsafe-archive")]),
        (
            {"inner.zip": b"PK", "inner.tar.gz": b""},
            {},
            [("inner.zip", "unsafe-archive"), ("inner.tar.gz", "unsafe-archive")],
        ),
    ],
    ids=["zip-slip", "absolute", "symlink", "encrypted", "nested"],
)
def test_unsafe_members(
    tmp_path: Path, members: dict[str, bytes], options: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _outcomes(_zip(tmp_path / "a.zip", members, **options)) == expected


def test_duplicate_names_keep_the_first(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", NOTICE)
        with pytest.warns(UserWarning):
            archive.writestr("a.txt", NOTICE)
    assert _outcomes(path) == [("a.txt", None), ("a.txt", "unsafe-archive")]


def test_zip_bomb_member_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.zip", {"bomb.txt": b"0" * (50 * 1024 * 1024), "ok.txt": NOTICE})
    assert path.stat().st_size < 1024 * 1024
    outcomes = _outcomes(path, Limits(compression_ratio=100, archive_bytes=10**12))
    # The overall ratio stops the archive at its first member: nothing further is read.
    assert outcomes == [("", "unsafe-archive")]


def test_member_ratio_limit(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.zip", {"pad.bin": os.urandom(2 * 1024 * 1024), "bomb.txt": b"0" * (4 * 1024 * 1024)})
    outcomes = _outcomes(path, Limits(compression_ratio=50))
    assert outcomes[1] == ("bomb.txt", "unsafe-archive")


def test_member_count_and_total_size_limits(tmp_path: Path) -> None:
    path = _zip(tmp_path / "many.zip", {f"{i}.txt": NOTICE for i in range(5)})
    assert _outcomes(path, Limits(archive_members=3))[-1] == ("", "unsafe-archive")
    assert len(_outcomes(path, Limits(archive_members=3))) == 4
    assert _outcomes(path, Limits(archive_bytes=len(NOTICE) * 2))[-1] == ("", "unsafe-archive")


def test_member_over_the_input_limit(tmp_path: Path) -> None:
    path = _zip(tmp_path / "big.zip", {"big.txt": NOTICE * 100})
    assert _outcomes(path, Limits(input_bytes=100)) == [("big.txt", "input-too-large")]


def _tar(path: Path, mode: str = "w:gz") -> tarfile.TarFile:
    return tarfile.open(path, mode)


def test_tar_links_and_devices_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.tar.gz"
    with _tar(path) as archive:
        good = tarfile.TarInfo("ok.txt")
        good.size = len(NOTICE)
        archive.addfile(good, io.BytesIO(NOTICE))
        for kind, name in ((tarfile.SYMTYPE, "sym.txt"), (tarfile.LNKTYPE, "hard.txt"), (tarfile.CHRTYPE, "dev")):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "../../etc/passwd"
            archive.addfile(info)
        slip = tarfile.TarInfo("../../slip.txt")
        slip.size = len(NOTICE)
        archive.addfile(slip, io.BytesIO(NOTICE))
    assert _outcomes(path) == [
        ("ok.txt", None),
        ("sym.txt", "unsafe-archive"),
        ("hard.txt", "unsafe-archive"),
        ("dev", "unsafe-archive"),
        ("../../slip.txt", "unsafe-archive"),
    ]


def test_truncated_archive_is_corrupt(tmp_path: Path) -> None:
    whole = _zip(tmp_path / "whole.zip", {f"{i}.txt": NOTICE * 50 for i in range(3)})
    cut = tmp_path / "cut.tar.gz"
    with _tar(cut) as archive:
        archive.add(whole, arcname="x.bin")
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    outcomes = _outcomes(cut)
    assert outcomes and outcomes[-1][1] == "corrupt-file"


def test_docx_is_a_notice_not_an_archive(tmp_path: Path) -> None:
    docx = _zip(tmp_path / "a.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert not is_archive(docx)
    fake = _zip(tmp_path / "fake.docx", {"readme.txt": NOTICE})
    items = list(iter_items([tmp_path], Limits()))
    assert sorted(i.key for i in items) == ["a.docx", "fake.docx"]
    assert is_archive(fake)  # by content it is a zip, but its name makes it a (bad) notice


def test_count_items_matches_what_is_iterated(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes(NOTICE)
    (tmp_path / "b.md").write_bytes(NOTICE)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_bytes(NOTICE)
    _zip(tmp_path / "more.zip", {"c.txt": NOTICE, "d.html": b"<p>x</p>", "e.jpg": b""})
    items = list(iter_items([tmp_path], Limits()))
    assert [i.key for i in items if i.skip is None] == ["b.md", "more.zip/c.txt", "more.zip/d.html", "sub/a.txt"]
    # What is not converted is still met, with its reason.
    skipped = {i.key: i.skip.reason for i in items if i.skip is not None}
    assert skipped == {".hidden.txt": "hidden", "image.png": "not-a-notice", "more.zip/e.jpg": "not-a-notice"}
    assert count_items([tmp_path]) == len(items)


def test_a_zip_changed_after_listing_is_not_read(tmp_path: Path) -> None:
    path = _zip(tmp_path / "a.zip", {"a.txt": NOTICE})
    (member,) = iter_members(path, Limits())
    _zip(path, {"a.txt": NOTICE * 3})  # replaced while the batch runs
    with pytest.raises(CorruptFile):
        member.read()
