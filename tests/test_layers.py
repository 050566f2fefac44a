"""No import runs against the flow of data: a module imports only from its own folder, from
``core`` (which anyone may import) or from the layers above it in ``LAYERS``; ``tools`` may
import anything (the CLI starts the service, which sits below it). Read from the source with
``ast``, TYPE_CHECKING imports included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "dashuang_parse"
# Data flows down this list; a module may import what is above its own layer.
LAYERS = (
    "core",
    "read",
    "normalize",
    "lex",
    "tree",
    "owners",
    "metadata",
    "values",
    "tasks",
    "pipeline",
    "export",
    "batch",
    "tools",
    # The HTTP service: a front end like the CLI, reusing batch's workers and the CLI's schema.
    "serve",
)
# Modules of the package root: __init__ is the public API's face (its names load the pipeline),
# __main__ runs the tool.
ROOT_LAYER = {"__init__": "pipeline", "__main__": "tools"}


def _layer(module: tuple[str, ...]) -> str | None:
    """The layer of a module given as its path inside the package, e.g. ("lex", "rules")."""
    if not module or module == ("__init__",):
        return "pipeline"
    if module[0] in ROOT_LAYER:
        return ROOT_LAYER[module[0]]
    if module[0] == "data":
        return "core"
    if module[0] in LAYERS:
        return module[0]
    # A name of the package root (parse_file, Document…): the public API loads the pipeline.
    return "pipeline" if len(module) == 1 else None


def _imports(source: str, here: tuple[str, ...]) -> list[tuple[tuple[str, ...], int]]:
    """Package-internal names the module ``here`` (its path in the package) imports, as paths
    inside the package, with line numbers."""
    package = here[:-1]  # the module's package (for __init__, the folder itself)
    found: list[tuple[tuple[str, ...], int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            elif node.module and node.module.split(".")[0] == "dashuang_parse":
                base = ()
                node_module = node.module.split(".")[1:]
                found.extend((tuple(node_module) + (alias.name,), node.lineno) for alias in node.names)
                continue
            else:
                continue
            target = base + tuple(node.module.split(".")) if node.module else base
            for alias in node.names:
                if alias.name == "__version__":
                    continue  # the version string, not code
                found.append((target + (alias.name,), node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "dashuang_parse":
                    found.append((tuple(parts[1:]), node.lineno))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_flow(path: Path) -> None:
    here = path.relative_to(PACKAGE).with_suffix("").parts
    assert _violations(path.read_text(encoding="utf-8"), here) == []


def _violations(source: str, here: tuple[str, ...]) -> list[str]:
    own = _layer(here)
    assert own is not None, f"{'/'.join(here)} is in no layer: add its folder to LAYERS"
    if own == "tools":
        return []
    against = []
    for target, line in _imports(source, here):
        layer = _layer(target)
        if layer is None or layer in ("core", own):
            continue
        if LAYERS.index(layer) > LAYERS.index(own):
            against.append(f"line {line}: {own} imports {'.'.join(target)} ({layer})")
    return against


@pytest.mark.parametrize(
    ("source", "here", "found"),
    [
        (
            "from ..tree.build import SectionNode",
            ("lex", "lexer"),
            ["line 1: lex imports tree.build.SectionNode (tree)"],
        ),
        ("from dashuang_parse.pipeline import parse_text", ("export", "rows"), []),
        ("from .. import parse_file", ("read", "text"), ["line 1: read imports parse_file (pipeline)"]),
        ("import dashuang_parse.batch", ("metadata", "extract"), ["line 1: metadata imports batch (batch)"]),
        ("from ..core.models import Task\nfrom . import rules", ("owners", "grammar"), []),
        ("from ..batch import convert", ("tools", "cli"), []),
    ],
)
def test_the_check_finds_imports_against_the_flow(source: str, here: tuple[str, ...], found: list[str]) -> None:
    assert _violations(source, here) == found
