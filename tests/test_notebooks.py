"""The notebooks of ``notebooks/``: committed without outputs, and each one runs from top to bottom.

Each notebook ends with ``assert`` cells on the facts of ``data/examples/README.md``, so running it
here is also a test of the package's behaviour. The kernel is this interpreter (the project's venv),
through a kernel spec written in a temporary folder: nothing is registered with Jupyter, and the
kernel talks over IPC files in that folder, not TCP ports.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.paths import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
STRIP = NOTEBOOK_DIR / "strip_outputs.py"
EXPECTED = {"01-explorer-le-graphe.ipynb", "02-perimetre-explique.ipynb", "03-impact-psc-racine.ipynb"}
CELL_TIMEOUT = 120  # seconds per cell; a whole notebook takes a few seconds
FIX = f"run `python {STRIP.relative_to(ROOT)}` before committing"


def _ids(paths):
    return [p.name for p in paths]


def test_the_three_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS} >= EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_committed_notebook_has_no_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        f"cell {i}"
        for i, cell in enumerate(nb["cells"], 1)
        if cell["cell_type"] == "code"
        and (cell.get("outputs") or cell.get("execution_count") is not None or "execution" in cell.get("metadata", {}))
    ]
    assert not dirty, f"{path.name} has outputs or execution counts ({', '.join(dirty)}): {FIX}"


def _kernel_manager(folder: Path):
    """A kernel manager for this interpreter, from a kernel spec that exists only in ``folder``."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec = folder / "kernels" / "segur-kg-venv"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "segur-kg (venv)",
                "language": "python",
            }
        )
    )
    specs = KernelSpecManager(kernel_dirs=[str(folder / "kernels")])
    return KernelManager(
        kernel_name="segur-kg-venv",
        kernel_spec_manager=specs,
        transport="ipc",
        connection_file=str(folder / "connection.json"),
    )


def _ansi_free(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs(path, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    # First, check that the kernel is this venv's interpreter.
    nb.cells.insert(0, nbformat.v4.new_code_cell(f"import sys\nassert sys.prefix == {sys.prefix!r}, sys.prefix"))
    client = nbclient.NotebookClient(
        nb,
        km=_kernel_manager(tmp_path),
        timeout=CELL_TIMEOUT,
        startup_timeout=60,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    env = {**os.environ, "SEGUR_KG_HOME": os.environ.get("SEGUR_KG_HOME", str(ROOT))}
    started = time.perf_counter()
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        pytest.fail(f"{path.name} failed:\n{_ansi_free(str(exc))}", pytrace=False)
    elapsed = time.perf_counter() - started
    print(f"{path.name}: {elapsed:.1f} s")

    # Cells tagged "figure" draw something: they must show an image.
    for cell in nb.cells:
        if "figure" in cell.get("metadata", {}).get("tags", []):
            assert any("image/png" in out.get("data", {}) for out in cell.outputs), (
                f"{path.name}: no image from {cell.source[:60]!r}"
            )

    # The stripping script brings the executed notebook back to the committed one.
    nb.cells.pop(0)
    executed = tmp_path / path.name
    nbformat.write(nb, executed)
    assert subprocess.run([sys.executable, str(STRIP), "--check", str(executed)], capture_output=True).returncode == 1
    subprocess.run([sys.executable, str(STRIP), str(executed)], check=True, capture_output=True)
    assert json.loads(executed.read_text(encoding="utf-8")) == json.loads(path.read_text(encoding="utf-8"))
