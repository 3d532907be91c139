"""YAML with line numbers, so that every error can name the line it comes from.

Scalars are kept as their source text (``2.10`` stays ``"2.10"``, not the float 2.1; dates stay
text and are checked by the reader), except booleans and nulls.

The file is read within the bounds of :mod:`segur_kg.limits` (docs/limits.md): its size, the
aliases it writes and what they expand to (a "billion laughs" expands nine aliases nine times
over), its nesting (which the composer, recursive, would exhaust the stack on) and the size of one
value; a value holding a lone surrogate (``"\\ud800"``, not a character) is refused too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from segur_kg import limits
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


_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What YAML counts as a line break, for the line of a character the reader refuses.
_YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, composing within the limits: every node and alias is counted as it
    comes, before the composer goes one level deeper or an alias multiplies what follows.

    The counts are those of the document once its aliases are expanded, as :func:`_convert` visits
    it: an alias counts the nodes of the node it names, and reaches as deep as that node goes below
    the alias. A document over a limit is refused before it is expanded."""

    def __init__(self, text: str, path: Path) -> None:
        super().__init__(text)
        self.path = path
        self.max_aliases, self.max_nodes = limits.YAML_ALIASES.value(), limits.YAML_NODES.value()
        self.max_depth = limits.YAML_DEPTH.value()
        self.aliases = self.expanded = self.depth = self.deepest = 0
        self.sizes: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, levels) of its expanded node
        self.open_anchors: set[str] = set()  # anchors of the collections being composed

    def _refuse(self, mark: yaml.Mark, message: str) -> InputError:
        place = msg("ingest.place.line-column", line=mark.line + 1, column=mark.column + 1)
        return InputError(self.path, place, message)

    def _count(self, nodes: int, mark: yaml.Mark) -> None:
        self.expanded += nodes
        if self.expanded > self.max_nodes:
            variable = limits.YAML_NODES.variable
            raise self._refuse(mark, msg("ingest.yaml.too-many-nodes", limit=self.max_nodes, variable=variable))

    def _reach(self, level: int, mark: yaml.Mark) -> None:
        if level > self.max_depth:
            variable = limits.YAML_DEPTH.variable
            raise self._refuse(mark, msg("ingest.yaml.too-deep", limit=self.max_depth, variable=variable))
        self.deepest = max(self.deepest, level)

    def compose_node(self, parent, index):
        event = self.peek_event()
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self.open_anchors:
                raise self._refuse(mark, msg("ingest.yaml.recursive-alias", anchor=event.anchor))
            self.aliases += 1
            if self.aliases > self.max_aliases:
                variable = limits.YAML_ALIASES.variable
                raise self._refuse(mark, msg("ingest.yaml.too-many-aliases", limit=self.max_aliases, variable=variable))
            nodes, levels = self.sizes.get(event.anchor, (1, 1))  # an unknown anchor: PyYAML's error follows
            self._reach(self.depth + levels, mark)
            self._count(nodes, mark)
            return super().compose_node(parent, index)
        if isinstance(event, yaml.ScalarEvent):
            self._check_scalar(event.value, mark)
        self._reach(self.depth + 1, mark)
        self._count(1, mark)
        anchor, before, outer = event.anchor, self.expanded - 1, self.deepest
        self.deepest = self.depth = self.depth + 1
        if anchor is not None:
            self.open_anchors.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
            self.open_anchors.discard(anchor)
        if anchor is not None:
            self.sizes[anchor] = (self.expanded - before, self.deepest - self.depth)
        self.deepest = max(outer, self.deepest)
        return node

    def _check_scalar(self, value: str, mark: yaml.Mark) -> None:
        size = limits.over_literal_limit(value)
        if size is not None:
            limit = limits.LITERAL_BYTES
            raise self._refuse(
                mark, msg("ingest.yaml.value-too-large", size=size, limit=limit.value(), variable=limit.variable)
            )
        surrogate = _SURROGATE.search(value)
        if surrogate is not None:
            code = f"\\u{ord(surrogate.group()):04x}"
            raise self._refuse(mark, msg("ingest.yaml.lone-surrogate", code=code))


def _reader_place(text: str, position: int) -> str:
    """The line and column of character ``position`` of ``text``, counted as YAML counts them."""
    breaks = list(_YAML_BREAK.finditer(text, 0, position))
    line_start = breaks[-1].end() if breaks else 0
    return msg("ingest.place.line-column", line=len(breaks) + 1, column=position - line_start + 1)


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


def _read_text(path: Path) -> str:
    return limits.read_text(path, limits.DOSSIER_BYTES, "ingest.yaml.file-too-large")


def load_yaml(path: Path) -> LMap:
    """The top-level mapping of a YAML file, or an InputError naming the line at fault."""
    text = _read_text(path)
    loader = None
    try:
        loader = _BoundedLoader(text, path)  # its reader refuses a forbidden character at once
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (NUL, ESC...): its line, and the character by its code.
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        place = _reader_place(text, exc.position)
        raise InputError(path, place, msg("ingest.yaml.forbidden-character", code=code)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = msg("ingest.place.line-column", line=mark.line + 1, column=mark.column + 1) if mark else ""
        raise InputError(path, place, msg("ingest.yaml.malformed", detail=exc.problem or exc.context)) from None
    except yaml.YAMLError as exc:
        raise InputError(path, "", msg("ingest.yaml.malformed", detail=exc)) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise InputError(path, msg("ingest.place.line", line=1), msg("ingest.yaml.empty"))
    data = _convert(node, path)
    if not isinstance(data, LMap):
        raise InputError(path, msg("ingest.place.line", line=1), msg("ingest.yaml.not-a-mapping"))
    return data
