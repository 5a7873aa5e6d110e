"""The layers are import-linter contracts (pyproject.toml): the tree keeps them, and an upward
import, at the top of a module or hidden inside a function, breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
                          cwd=tree, env=env, capture_output=True, text=True, timeout=120)


def test_the_tree_keeps_every_contract():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("module, added", [
    # A feature reaching up into the rollup layer, which it must only tell what changed.
    ("tracker/donations/operations.py", "from tracker.rollups import operations as rollups\n"),
    # The same, hidden inside a function.
    ("tracker/campaigns/services.py", "def _sneaky():\n    from tracker.rollups import figures\n    return figures\n"),
    # A model importing its feature's views.
    ("tracker/rates/models.py", "from tracker.rates import cli\n"),
])
def test_an_upward_import_breaks_a_contract(tmp_path, module, added):
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "tracker", tree / "tracker", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    with open(tree / module, "a", encoding="utf-8") as source:
        source.write("\n" + added)
    result = _lint(tree)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout
