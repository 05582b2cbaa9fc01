"""The mirror and rendition files are exactly what their generators write (no hand edits drift
in)."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SITES


def tree(root: Path) -> set[str]:
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize("site", SITES)
def test_generator_reproduces_the_committed_mirror(site: str, tmp_path: Path) -> None:
    for helper in FIXTURES.glob("_*.py"):  # shared templates the generators import
        shutil.copy(helper, tmp_path)
    copy = tmp_path / site
    shutil.copytree(FIXTURES / site, copy)
    proc = subprocess.run(
        [sys.executable, "-B", str(copy / "_generate.py")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr  # includes the generator's self-check
    assert tree(copy) == tree(FIXTURES / site)
    changed = [
        rel
        for rel in sorted(tree(copy))
        if not filecmp.cmp(copy / rel, FIXTURES / site / rel, shallow=False)
    ]
    assert changed == []


def test_rendition_generator_reproduces_the_committed_renditions(tmp_path: Path) -> None:
    """fixtures/renditions/ is what its generator writes from the base mirrors' content tables,
    and running it changes nothing else under fixtures/."""
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run(
        [sys.executable, "-B", str(copy / "renditions" / "_generate.py")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr  # includes the self-checks
    assert tree(copy) == tree(FIXTURES)
    changed = [
        rel
        for rel in sorted(tree(copy))
        if not filecmp.cmp(copy / rel, FIXTURES / rel, shallow=False)
    ]
    assert changed == []
