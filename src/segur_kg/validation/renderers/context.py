"""What a renderer may need besides the report: how each dossier file is named in the output (the
SARIF locations)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from segur_kg.resources import project_home


def artifact_uris(dossiers: Iterable[Path], home: Path) -> dict[str, str]:
    """Dossier file name -> the path to show: relative to the project for the bundled examples
    (``data/examples/…``), else relative to the current folder when possible, else absolute."""
    uris: dict[str, str] = {}
    cwd = Path.cwd().resolve()
    for path in dossiers:
        full = path.resolve()
        for base in (home.resolve(), cwd):
            try:
                uris[path.name] = full.relative_to(base).as_posix()
                break
            except ValueError:
                continue
        else:
            uris[path.name] = full.as_posix() if path.is_absolute() else Path(os.path.relpath(full, cwd)).as_posix()
    return uris


@dataclass(frozen=True)
class RenderContext:
    """The context of one rendering: ``artifact_uris`` maps a finding's ``source`` (a dossier file
    name) to the path the output shows for it; a name not in it is shown as it is."""

    artifact_uris: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def for_dossiers(cls, dossiers: Iterable[Path], home: Path | None = None) -> RenderContext:
        """The context for a report on these dossier files (``home``: the project's, by default)."""
        return cls(artifact_uris(dossiers, home if home is not None else project_home()))
