"""A store folder (``--store DIR``): its marker, written last, names the one database in use; changes
land whole or not at all; a folder without a marker is new when empty, refused otherwise."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from helpers.cli import invoke
from segur_kg.errors import InputError
from segur_kg.stores import MARKER, FolderStore, OxigraphStore, RdflibStore, open_store
from segur_kg.stores.folder import STAMP

EX = "http://example.org/"
GRAPH = EX + "graph"
CASE_01 = Path(__file__).resolve().parents[2] / "data" / "examples" / "case-01-heritage-va1.yaml"


def triples(n: int, start: int = 0) -> Graph:
    g = Graph()
    for i in range(start, start + n):
        g.add((URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(i)))
    return g


def marker_of(folder: Path) -> dict:
    return json.loads((folder / MARKER).read_text(encoding="utf-8"))


def databases(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("db-"))


def test_a_new_folder_is_a_store_once_committed_and_its_marker_names_the_database(tmp_path):
    folder = tmp_path / "kg"
    store = open_store(str(folder))
    assert isinstance(store, FolderStore) and store.is_new
    with store.updating({"inputs": ["a.yaml"], "demo": False}):
        store.add_graph(triples(3))
        assert not (folder / MARKER).exists()  # nothing names the database before the end
    assert not store.is_new
    marker = marker_of(folder)
    assert marker["format"] == 1 and marker["database"] == "db-1"
    assert marker["created"]["inputs"] == ["a.yaml"] and marker["created"]["demo"] is False
    assert marker["updated"] == marker["created"]
    store.close()
    del store
    again = open_store(str(folder))
    assert len(again) == 3 and not again.is_new


def test_an_update_writes_a_copy_and_the_marker_switches_to_it(tmp_path):
    folder = tmp_path / "kg"
    store = open_store(str(folder))
    with store.updating({"inputs": ["a.yaml"]}):
        store.add_graph(triples(3))
    with store.updating({"inputs": ["b.yaml"]}):
        store.add_graph(triples(2, start=10))
        assert databases(folder) == ["db-1", "db-2"]
        assert marker_of(folder)["database"] == "db-1"  # until the end, the store is the old one
    assert databases(folder) == ["db-2"]
    marker = marker_of(folder)
    assert marker["database"] == "db-2"
    assert marker["created"]["inputs"] == ["a.yaml"] and marker["updated"]["inputs"] == ["b.yaml"]
    assert len(store) == 5


def test_a_failed_update_leaves_the_store_as_it_was(tmp_path):
    folder = tmp_path / "kg"
    store = open_store(str(folder))
    with store.updating():
        store.add_graph(triples(3))
    with pytest.raises(KeyboardInterrupt), store.updating():
        store.add_graph(triples(2, start=10))
        raise KeyboardInterrupt
    assert len(store) == 3
    assert databases(folder) == ["db-1"] and marker_of(folder)["database"] == "db-1"


def test_a_failed_creation_leaves_no_folder_behind(tmp_path):
    folder = tmp_path / "kg"
    store = open_store(str(folder))
    with pytest.raises(ValueError), store.updating():
        store.add_graph(triples(3))
        raise ValueError("stop")
    assert not folder.exists()


def test_a_failed_creation_in_a_folder_the_user_made_leaves_it_as_it_was(tmp_path):
    folder = tmp_path / "kg"
    folder.mkdir()
    (folder / ".gitkeep").write_text("", encoding="utf-8")
    store = open_store(str(folder))
    with pytest.raises(ValueError), store.updating():
        store.add_graph(triples(3))
        raise ValueError("stop")
    assert sorted(os.listdir(folder)) == [".gitkeep"]


def test_flush_commits_a_new_store(tmp_path):
    folder = tmp_path / "kg"
    store = open_store(str(folder))
    store.add_graph(triples(4))
    store.flush()
    assert marker_of(folder)["database"] == "db-1"


def test_databases_a_killed_run_left_are_removed_when_the_folder_is_next_opened(tmp_path):
    folder = tmp_path / "kg"
    store = open_store(str(folder))
    with store.updating():
        store.add_graph(triples(3))
    store.close()
    del store
    ox.Store(str(folder / "db-2")).extend([])  # an update killed before its marker
    (folder / "db-3").mkdir()  # killed as it was made
    again = open_store(str(folder))
    assert databases(folder) == ["db-1"] and len(again) == 3


@pytest.mark.parametrize("killed", ["writing", "bulk-loading", "stamping"])
def test_a_creation_killed_before_its_marker_leaves_a_new_store(tmp_path, killed):
    folder = tmp_path / "kg"
    database = folder / "db-1"
    database.mkdir(parents=True)
    if killed == "writing":
        (database / STAMP).touch()
        ox.Store(str(database)).add(
            ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("half"), ox.DefaultGraph())
        )
    elif killed == "bulk-loading":  # files of RocksDB and of pyoxigraph's bulk loader, no CURRENT yet
        (database / STAMP).touch()
        for name in ("LOCK", "IDENTITY", "LOG", "000000.dbtmp", "bulk-1329.sst"):
            (database / name).write_bytes(b"")
    store = open_store(str(folder))  # "stamping": the folder was made, nothing was in it yet
    assert store.is_new and len(store) == 0
    assert (database / STAMP).exists()  # made again, from nothing


def test_a_database_folder_without_the_stamp_and_without_a_marker_is_not_taken_for_a_leftover(tmp_path):
    folder = tmp_path / "kg"
    folder.mkdir()
    ox.Store(str(folder / "db-1")).extend([])  # another program's pyoxigraph database
    with pytest.raises(InputError, match="it holds db-1"):
        open_store(str(folder))
    assert (folder / "db-1" / "CURRENT").exists()


def test_a_folder_without_marker_holding_files_is_refused_with_how_to_rebuild(tmp_path):
    folder = tmp_path / "kg"
    ox.Store(str(folder)).extend([])  # a store of segur-kg before the marker
    with pytest.raises(InputError) as caught:
        open_store(str(folder))
    message = str(caught.value)
    assert message.startswith(f"{folder}: this folder is not a whole store ({MARKER} is missing, it holds ")
    assert message.endswith(f"to rebuild the store, delete the folder and run segur-kg import FILES --store {folder}")
    assert "\n" not in message


def test_a_folder_without_marker_is_refused_by_the_command_line_with_exit_2(tmp_path):
    folder = tmp_path / "kg"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = invoke("info", "--store", folder, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {folder}: this folder is not a whole store ({MARKER} is missing, it holds notes.txt): an "
        "interrupted creation, a store of an earlier version or another folder; to rebuild the store, delete "
        f"the folder and run segur-kg import FILES --store {folder}\n"
    )
    assert sorted(os.listdir(folder)) == ["notes.txt"]


def test_a_folder_of_someone_else_named_like_a_database_is_left_alone(tmp_path):
    folder = tmp_path / "kg"
    (folder / "db-1").mkdir(parents=True)
    (folder / "db-1" / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="it holds db-1"):
        open_store(str(folder))
    assert (folder / "db-1" / "mine.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        ('{"format": 2, "database": "db-1"}', "format 1 expected"),
        ('{"format": 1, "database": "../elsewhere"}', "format 1 expected"),
    ],
)
def test_an_unreadable_marker_is_refused_with_how_to_rebuild(tmp_path, text, reason):
    folder = tmp_path / "kg"
    folder.mkdir()
    (folder / MARKER).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_store(str(folder))
    assert str(caught.value) == (
        f"{folder}: {MARKER} is unreadable ({reason}); to rebuild the store, delete the folder and run "
        f"segur-kg import FILES --store {folder}"
    )


def test_a_marker_naming_a_missing_database_is_refused(tmp_path):
    folder = tmp_path / "kg"
    store = open_store(str(folder))
    store.add_graph(triples(1))
    store.flush()
    store.close()
    del store
    shutil.rmtree(folder / "db-1")
    with pytest.raises(InputError) as caught:
        open_store(str(folder))
    assert str(caught.value) == (
        f"{folder}: {MARKER} names the database db-1, which the folder does not hold; to rebuild the store, "
        f"delete the folder and run segur-kg import FILES --store {folder}"
    )


def test_a_file_given_as_store_is_refused(tmp_path):
    path = tmp_path / "kg"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_store(str(path))
    assert str(caught.value) == f"{path}: a file has this name; --store expects a folder (existing or to create)"


def test_a_store_opened_by_another_process_is_refused_in_one_line(tmp_path):
    folder = tmp_path / "kg"
    first = open_store(str(folder))
    first.flush()
    # flock is held per open file: a second opening conflicts as another process's would.
    with pytest.raises(InputError) as caught:
        open_store(str(folder))
    assert str(caught.value) == (
        f"{folder}: another segur-kg process is using this store; run the command again once it has finished"
    )
    first.close()
    assert open_store(str(folder)).marker["database"] == "db-1"


def test_a_store_refused_at_opening_releases_the_folder(tmp_path):
    folder = tmp_path / "kg"
    folder.mkdir()
    (folder / MARKER).write_text("{", encoding="utf-8")
    with pytest.raises(InputError):
        open_store(str(folder))
    (folder / MARKER).unlink()
    assert open_store(str(folder)).is_new  # not "busy": the refused opening let go of its lock


# ------------------------------------------------------------------------------------------------
# replace_graph: the derived graph's replacement
# ------------------------------------------------------------------------------------------------
def _stores(tmp_path: Path):
    return {"memory": OxigraphStore(), "folder": open_store(str(tmp_path / "kg")), "rdflib": RdflibStore()}


@pytest.mark.parametrize("kind", ["memory", "folder", "rdflib"])
def test_replace_graph_leaves_only_the_new_triples_in_the_graph_and_the_rest_untouched(tmp_path, kind):
    store = _stores(tmp_path)[kind]
    store.add_graph(triples(2, start=100))
    store.add_graph(triples(5), GRAPH)
    store.replace_graph(GRAPH, triples(3, start=50))
    in_graph = store.select(f"SELECT ?s WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }} ORDER BY ?s").column("s")
    assert in_graph == [URIRef(f"{EX}s{i}") for i in (50, 51, 52)]
    assert len(store) == 5
    store.replace_graph(GRAPH, Graph())
    assert len(store) == 2


def test_replace_graph_on_a_store_folder_is_one_transaction(tmp_path):
    # A graph whose last triple the store cannot take (a relative IRI) fails the replacement: on a
    # store folder the old triples are all still there, where two steps would leave none.
    store = open_store(str(tmp_path / "kg"))
    store.add_graph(triples(5), GRAPH)
    bad = triples(3, start=50)
    bad.add((URIRef("relative"), URIRef(EX + "p"), Literal("x")))
    with pytest.raises(SyntaxError):
        store.replace_graph(GRAPH, bad)
    assert len(store) == 5
    assert (
        store.select(f"SELECT ?s WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}").column("s").count(URIRef(EX + "s0")) == 1
    )
