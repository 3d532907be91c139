"""paused_gc: the cycle collector is off while facts and perimeters are built in bulk, and comes
back as it was, whatever happens inside."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from segur_kg.engine import Engine, facts
from segur_kg.engine.facts import load_facts, paused_gc
from segur_kg.ingest.loader import load


@pytest.fixture
def gc_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_gc_turns_the_collector_off_inside_and_back_on_after(gc_enabled):
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_gc_turns_the_collector_back_on_after_an_error(gc_enabled):
    with pytest.raises(ZeroDivisionError), paused_gc():
        _ = 1 / 0
    assert gc.isenabled()


def test_paused_gc_leaves_a_collector_the_caller_turned_off_off(gc_enabled):
    gc.disable()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_facts_and_every_perimeter_are_built_without_the_collector_and_leave_it_on(gc_enabled, monkeypatch):
    seen = []
    real_compute = Engine._compute

    def compute(self, *args):
        seen.append(gc.isenabled())
        return real_compute(self, *args)

    def read_facts(store):
        seen.append(gc.isenabled())
        return real_read(store)

    real_read = facts.read_facts
    monkeypatch.setattr(facts, "read_facts", read_facts)
    monkeypatch.setattr(Engine, "_compute", compute)
    engine = Engine(load_facts(load([], demo=True, cache=False).store))  # a cache entry's facts may be kept
    assert gc.isenabled() and seen == [False]
    perimeters = engine.perimeters(date(2026, 6, 1))
    assert gc.isenabled()
    assert len(seen) > 1 and not any(seen)
    idents = [p.candidature for p in perimeters]
    assert len(idents) == len(engine.f.candidatures) and idents == sorted(idents)
