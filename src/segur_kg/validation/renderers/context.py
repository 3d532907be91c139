"""What a renderer may need besides the report: how each dossier file is named in the output, for
the findings that carry a dossier file name but were not placed (``ValidationReport.with_locations``
gives a placed finding its own path)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from segur_kg.resources import project_home
from segur_kg.validation.report import Finding, shown_path


def artifact_uris(dossiers: Iterable[Path], home: Path) -> dict[str, str]:
    """Dossier file name -> the path to show (:func:`~segur_kg.validation.report.shown_path`:
    relative to the current folder when possible, else to the project for the bundled examples,
    else as given)."""
    return {path.name: shown_path(path, home) for path in dossiers}


@dataclass(frozen=True)
class RenderContext:
    """The context of one rendering: ``artifact_uris`` maps a finding's ``source`` (a dossier file
    name) to the path the output shows for it when the finding has no ``file``; a name not in it is
    shown as it is."""

    artifact_uris: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def for_dossiers(cls, dossiers: Iterable[Path], home: Path | None = None) -> RenderContext:
        """The context for a report on these dossier files (``home``: the project's, by default)."""
        return cls(artifact_uris(dossiers, home if home is not None else project_home()))

    def shown_file(self, finding: Finding) -> str | None:
        """The path a finding names: its own ``file`` once placed, else its dossier's, else None."""
        if finding.file is not None:
            return finding.file
        if finding.source is not None:
            return self.artifact_uris.get(finding.source, finding.source)
        return None
