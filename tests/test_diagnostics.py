"""Every diagnostic code the code base emits is registered, with the severity it is emitted at."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

from dashuang_parse import Diagnostic, parse_text
from dashuang_parse.core.diagnostics import CODES, render_diagnostic

PACKAGE = ROOT / "src" / "dashuang_parse"


def _emitted() -> list[tuple[str, str | None, str]]:
    """(code, severity or None, where) of every diagnostic made with a literal code."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            if name == "Diagnostic":
                keywords = {k.arg: k.value for k in node.keywords}
                code, severity = keywords.get("code"), keywords.get("severity")
                if isinstance(code, ast.Constant):
                    level = severity.value if isinstance(severity, ast.Constant) else None
                    found.append((code.value, level, where))
            elif name == "_diagnose":  # tree/build.py: (diagnostics, node, code, message), a warning
                code = node.args[2]
                assert isinstance(code, ast.Constant), where
                found.append((code.value, "warning", where))
    return found


EMITTED = _emitted()


def test_the_code_base_emits_diagnostics() -> None:
    assert {code for code, _, _ in EMITTED} >= {"unbalanced-bracket", "numbering-gap", "open-agency-list"}


@pytest.mark.parametrize(("code", "severity", "where"), EMITTED, ids=[w for _, _, w in EMITTED])
def test_every_emitted_code_is_registered(code: str, severity: str | None, where: str) -> None:
    assert code in CODES, f"{where}: {code} is not in core/diagnostics.CODES"
    if severity is not None:
        assert CODES[code].severity == severity, where


def test_every_registered_code_is_emitted() -> None:
    assert set(CODES) == {code for code, _, _ in EMITTED}


def test_codes_are_kebab_case_with_a_meaning() -> None:
    for code, entry in CODES.items():
        Diagnostic(code=code, message="x")  # the model's pattern accepts it
        assert entry.meaning and "\n" not in entry.meaning


def test_rendering_puts_a_caret_under_the_span() -> None:
    doc = parse_text("一、任务\n（一）甲。（市公安局负责）\n（三）乙。（市商务局负责）")
    gap = next(d for d in doc.diagnostics if d.code == "numbering-gap")
    assert doc.text is not None
    assert render_diagnostic(gap, doc.text).splitlines() == [
        "line 3: warning numbering-gap: number 3 after 1",
        "    （三）乙。（市商务局负责）",
        "    ~~~~~^",
    ]


def test_rendering_a_diagnostic_without_a_span_or_at_the_end() -> None:
    assert render_diagnostic(Diagnostic(code="text-truncated", message="cut"), "abc") == "warning text-truncated: cut"
    at_end = Diagnostic(code="text-truncated", severity="error", message="cut", span=(3, 3))
    assert render_diagnostic(at_end, "abc").splitlines()[-1] == "       ^"
