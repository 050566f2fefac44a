"""Collection for the whole repository: the service's modules (their doctests) need the
``serve`` extra; without it they are left out, as its tests skip themselves."""

from __future__ import annotations

import importlib

_SERVE_EXTRA = ("fastapi", "uvicorn", "python_multipart")


def _installed(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


collect_ignore_glob = [] if all(_installed(name) for name in _SERVE_EXTRA) else ["src/dashuang_parse/serve/*.py"]
