"""Strip the outputs of notebooks before committing them (standard library only).

    python notebooks/strip_outputs.py                 # every notebooks/*.ipynb, rewritten in place
    python notebooks/strip_outputs.py a.ipynb b.ipynb # these files
    python notebooks/strip_outputs.py --check         # exit 1, naming the files that have outputs

Notebooks are committed without outputs (``tests/test_notebooks.py`` checks it and runs them):
code cells get ``outputs: []`` and ``execution_count: null``; the run metadata that Jupyter and
nbclient add (timings, scrolled/collapsed state, widget state, the kernel's language version) is
removed. The file is written as Jupyter writes it (one-space indent, sorted keys, UTF-8).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled", "heading_collapsed", "hidden")
NOTEBOOK_METADATA = ("widgets", "signature")


def strip(nb: dict) -> dict:
    """The notebook without outputs or run metadata (a new dict; ``nb`` is left as it is)."""
    nb = json.loads(json.dumps(nb))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
    meta = nb.setdefault("metadata", {})
    for key in NOTEBOOK_METADATA:
        meta.pop(key, None)
    if "language_info" in meta:
        meta["language_info"] = {"name": meta["language_info"].get("name", "python")}
    return nb


def dumps(nb: dict) -> str:
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or sorted(Path(__file__).parent.glob("*.ipynb"))
    dirty = []
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        clean = strip(nb)
        if clean == nb:
            continue
        dirty.append(path)
        if not check:
            path.write_text(dumps(clean), encoding="utf-8")
    for path in dirty:
        print(f"{path}: {'has outputs or run metadata' if check else 'stripped'}")
    return 1 if check and dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
