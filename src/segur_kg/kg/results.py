"""A result of the notebook API: rows of typed Python values, an HTML table in Jupyter, a pandas
DataFrame, and the JSON the command line writes for the same question.

A :class:`Table` keeps three views of one answer:

- ``data``: what ``segur-kg ... --format json`` writes (the engine's ``as_json``, the reports' dicts,
  the SPARQL 1.1 JSON results of ``segur-kg query``), untouched;
- ``rows``: one dict per row, as the table shows it, with Python values (dates as ``date``);
- ``to_frame()``: those rows as a DataFrame whose columns are typed by their values.

The rows are the JSON's rows put flat (a ``summary`` dict becomes four count columns); nothing is
computed here that the engine or the query library computes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from segur_kg.messages import CATALOGUE, msg
from segur_kg.namespaces import PREFIXES

# Rows shown by the HTML table before the note that says how many more there are.
MAX_HTML_ROWS = 60


def as_date(value: object) -> object:
    """An ISO ``YYYY-MM-DD`` text of the JSON as a date; None and anything else as it is."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def records(items: Iterable[Mapping], dates: Sequence[str] = ()) -> list[dict]:
    """The JSON's rows as the table's rows: copies, the ``dates`` columns as dates."""
    rows = []
    for item in items:
        row = dict(item)
        for key in dates:
            if key in row:
                row[key] = as_date(row[key])
        rows.append(row)
    return rows


def column_label(key: str) -> str:
    """A column's header in the current language; a key without a label (a SPARQL variable) as it is."""
    message_id = f"kg.column.{key}"
    return msg(message_id) if message_id in CATALOGUE else key


def _kind(values: list[object]) -> str:
    """The type of a column, from its values (None aside): int, bool, date, datetime, float, str, list, object."""
    kinds = set()
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool):
            kinds.add("bool")
        elif isinstance(value, int):
            kinds.add("int")
        elif isinstance(value, datetime):
            kinds.add("datetime")
        elif isinstance(value, date):
            kinds.add("date")
        elif isinstance(value, (float, Decimal)):
            kinds.add("float")
        elif isinstance(value, str):
            kinds.add("str")
        elif isinstance(value, (list, tuple)):
            kinds.add("list")
        else:
            kinds.add("object")
    if kinds == {"int", "float"}:
        return "float"
    return kinds.pop() if len(kinds) == 1 else ("str" if not kinds else "object")


def _compact(text: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)) :]}"
    return text


def _cell(value: object) -> str:
    """A value as the HTML table shows it (escaped by the caller): lists joined, IRIs compacted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return msg("kg.results.yes") if value else msg("kg.results.no")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    return _compact(str(value))


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError(msg("kg.results.no-pandas")) from None
    return pandas


@dataclass
class Table:
    """One answer of the notebook API (module docstring): ``rows``, ``columns``, ``data`` (the CLI's
    JSON), ``source`` (the engine's own object when there is one: a Perimeter, a WhatIf, a
    ValidationReport...), a title and notes for the HTML, and further tables (``sections``)."""

    columns: list[str]
    rows: list[dict]
    data: object = None
    title: str = ""
    notes: list[str] = field(default_factory=list)
    sections: dict[str, Table] = field(default_factory=dict)
    source: object = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def column(self, key: str) -> list[object]:
        """The values of one column, in row order."""
        return [row.get(key) for row in self.rows]

    def section(self, name: str) -> Table:
        """A further table of the result (the guichet opérateur of a component change, a summary...)."""
        if name not in self.sections:
            raise KeyError(msg("kg.results.no-section", name=name, names=", ".join(self.sections) or "-"))
        return self.sections[name]

    def kinds(self) -> dict[str, str]:
        """Each column's type, read from its values (see :func:`_kind`)."""
        return {key: _kind(self.column(key)) for key in self.columns}

    def to_frame(self):
        """The rows as a pandas DataFrame, one column per key: whole numbers as int64 (Int64 when a
        value is missing), booleans as bool (boolean when one is missing), dates as datetime64,
        decimals as float64, texts and lists as objects."""
        pandas = _pandas()
        series = {}
        for key, kind in self.kinds().items():
            values = self.column(key)
            missing = any(v is None for v in values)
            if kind == "int":
                series[key] = pandas.Series(values, dtype="Int64" if missing else "int64")
            elif kind == "bool":
                series[key] = pandas.Series(values, dtype="boolean" if missing else "bool")
            elif kind in ("date", "datetime"):
                series[key] = pandas.Series(pandas.to_datetime(values), dtype="datetime64[ns]")
            elif kind == "float":
                series[key] = pandas.Series([None if v is None else float(v) for v in values], dtype="float64")
            else:
                series[key] = pandas.Series(values, dtype=object)
        return pandas.DataFrame(series, columns=self.columns)

    def _table_html(self) -> str:
        head = "".join(f'<th title="{html.escape(key)}">{html.escape(column_label(key))}</th>' for key in self.columns)
        shown = self.rows[:MAX_HTML_ROWS]
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row.get(key)))}</td>" for key in self.columns) + "</tr>"
            for row in shown
        )
        caption = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        parts = [f'<table class="segur-kg">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>']
        if not self.rows:
            parts.append(f"<p><em>{html.escape(msg('kg.results.empty'))}</em></p>")
        elif len(self.rows) > len(shown):
            note = msg("kg.results.truncated", shown=len(shown), total=len(self.rows))
            parts.append(f"<p><em>{html.escape(note)}</em></p>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        notes = "".join(f"<p>{html.escape(note)}</p>" for note in self.notes)
        sections = "".join(section._table_html() for section in self.sections.values())
        return f"<div>{notes}{self._table_html()}{sections}</div>"

    def __repr__(self) -> str:
        return f"<Table {self.title!r}: {len(self.rows)} rows × {len(self.columns)} columns>"


def table(
    items: Iterable[Mapping],
    columns: Sequence[str] | None = None,
    *,
    dates: Sequence[str] = (),
    data: object = None,
    title: str = "",
    notes: Iterable[str] = (),
    sections: Mapping[str, Table] | None = None,
    source: object = None,
) -> Table:
    """A :class:`Table` of the JSON's rows ``items`` (their keys, in order, unless ``columns`` says)."""
    rows = records(items, dates)
    if columns is None:
        columns = list(dict.fromkeys(key for row in rows for key in row))
    return Table(list(columns), rows, data, title, list(notes), dict(sections or {}), source)


__all__ = ["MAX_HTML_ROWS", "Table", "as_date", "column_label", "records", "table"]
