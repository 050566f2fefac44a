"""Inputs that misbehave inside a batch worker, importable there (workers are spawned and
import what they unpickle): each stands in for a file that makes a library raise what no
``except Exception`` catches."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from dashuang_parse.batch.archives import ZipMember


class Unpicklable(BaseException):
    """A BaseException that cannot cross a process boundary (as pydantic-core's panics and a
    MemoryError raised inside a C serializer could not)."""

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("cannot pickle this exception")

    def __str__(self) -> str:
        raise RuntimeError("nor print it")


@dataclass(frozen=True)
class ExplodingMember(ZipMember):
    """A zip member whose reading raises ``Unpicklable`` in the worker."""

    def read(self) -> bytes:
        raise Unpicklable()


def exploding_member() -> ExplodingMember:
    return ExplodingMember("x.zip", zipfile.ZipInfo("boom.txt"), (0, 0))
