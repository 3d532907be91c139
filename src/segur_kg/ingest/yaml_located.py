"""YAML with line numbers, so that every error can name the line it comes from.

Scalars are kept as their source text (``2.10`` stays ``"2.10"``, not the float 2.1; dates stay
text and are checked by the reader), except booleans and nulls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from segur_kg.errors import InputError
from segur_kg.messages import msg


@dataclass(frozen=True)
class Location:
    """Where something comes from in a source file: its path, line and column (1-based; the column
    None when unknown)."""

    file: Path
    line: int
    column: int | None = None


class LMap(dict):
    """A mapping that remembers its own line and column and each key's (1-based)."""

    line: int
    column: int
    key_lines: dict[str, int]
    key_columns: dict[str, int]


class LList(list):
    line: int
    item_lines: list[int]


_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def _convert(node: yaml.Node, path: Path):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LMap()
        out.line, out.column, out.key_lines, out.key_columns = line, node.start_mark.column + 1, {}, {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(path, msg("ingest.place.line", line=key_line), msg("ingest.yaml.plain-key"))
            key = key_node.value
            if key in out:
                raise InputError(
                    path,
                    msg("ingest.place.line", line=key_line),
                    msg("ingest.yaml.duplicate-key", key=key, first=out.key_lines[key]),
                )
            out[key] = _convert(value_node, path)
            out.key_lines[key] = key_line
            out.key_columns[key] = key_node.start_mark.column + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList(_convert(item, path) for item in node.value)
        out.line, out.item_lines = line, [item.start_mark.line + 1 for item in node.value]
        return out
    if node.tag == _BOOL:
        return node.value.lower() in ("true", "yes", "on")
    if node.tag == _NULL:
        return None
    return node.value


def load_yaml(path: Path) -> LMap:
    """The top-level mapping of a YAML file, or an InputError naming the line at fault."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "", msg("common.not-utf8")) from None
    except OSError as exc:
        raise InputError(path, "", msg("common.cannot-read", reason=exc.strerror)) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = msg("ingest.place.line-column", line=mark.line + 1, column=mark.column + 1) if mark else ""
        raise InputError(path, place, msg("ingest.yaml.malformed", detail=exc.problem or exc.context)) from None
    except yaml.YAMLError as exc:
        raise InputError(path, "", msg("ingest.yaml.malformed", detail=exc)) from None
    if node is None:
        raise InputError(path, msg("ingest.place.line", line=1), msg("ingest.yaml.empty"))
    data = _convert(node, path)
    if not isinstance(data, LMap):
        raise InputError(path, msg("ingest.place.line", line=1), msg("ingest.yaml.not-a-mapping"))
    return data
