"""Lay out the `sobes` package as it is installed, as symbolic links into the repository's folders.

The repository keeps its top-level folders (analysis/, audio/, …) and
pyproject.toml maps each to `sobes.<folder>`; an editable install resolves
that mapping with an import hook that PyInstaller and mypy do not run. They
read this tree instead: OUT/sobes/analysis -> <repo>/analysis, and so on.

    python tools/link_tree.py OUT
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def link_tree(out: Path) -> Path:
    """Create (or refresh) OUT/sobes with one link per mapped package; returns OUT."""
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    package = out / "sobes"
    package.mkdir(parents=True, exist_ok=True)
    for name, folder in mapping.items():
        link = package / name.split(".", 1)[1]
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(ROOT / folder, target_is_directory=True)
    return out


if __name__ == "__main__":
    print(link_tree(Path(sys.argv[1]).resolve()))
