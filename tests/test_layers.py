"""The house's layers, read from the import statements of every product file (no module is imported).

core ← audio, analysis ← interview ← desktop, cli: a package imports only those under it; audio and analysis stand
side by side on core; nothing but desktop (and the command that opens it) touches Qt.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAY_IMPORT = {
    "core": {"core"},
    "audio": {"core", "audio"},
    "analysis": {"core", "analysis"},
    "interview": {"core", "audio", "analysis", "interview"},
    "desktop": {"core", "audio", "analysis", "interview", "desktop"},
    "cli": {"core", "audio", "analysis", "interview", "cli", "desktop"},
}
QT = ("PySide6", "pyqtgraph", "shiboken6")


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_each_package_imports_only_the_layers_under_it(package):
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] == "sobes" and len(parts) > 1 and parts[1] not in MAY_IMPORT[package] | {"assets"}:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
            if parts[0] in QT and package not in ("desktop", "cli"):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_the_command_line_touches_qt_only_to_open_the_window():
    qt_users = {path.name for path in (ROOT / "cli").rglob("*.py")
                if any(name.split(".")[0] in QT or name.startswith("sobes.desktop") for name in imports_of(path))}
    assert qt_users <= {"desktop_cmd.py"}
