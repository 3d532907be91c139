"""Where the time of a full validation goes: each guard and each check of the fast engine timed
alone, on one thread, over an RDF file loaded as ``segur-kg validate`` loads it.

    python bench/profile_validation.py /tmp/syn3000h47/national.nt            # the 25 dearest checks
    python bench/profile_validation.py FILE --top 0                            # every check
    python bench/profile_validation.py --store DIR                             # an on-disk store (--store DIR)

Prints the load, the plan, the guards (what each proved) and the checks that ran, dearest first,
with their rows, the shape's targets and the rule. The sum is what two threads share in
``validate`` (docs/validation.md, "Where the time of a full validation goes").
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _name(term) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, nargs="?", help="an RDF file (e.g. a synth national.nt)")
    parser.add_argument("--store", help="instead of FILE: a store folder already loaded (segur-kg load --store DIR)")
    parser.add_argument("--top", type=int, default=25, help="checks to print, dearest first (0: all)")
    args = parser.parse_args()
    if (args.file is None) == (args.store is None):
        parser.error("give FILE or --store DIR, one of them")

    from segur_kg.ingest.loader import load
    from segur_kg.stores import open_store
    from segur_kg.validation.engines import fast
    from segur_kg.validation.shapes import compiled_shapes

    t = time.perf_counter()
    store = open_store(args.store) if args.store else load([args.file], cache=False).store
    print(f"{'open' if args.store else 'load':9} {time.perf_counter() - t:8.2f} s  {len(store):,} triples")
    shapes, _ = compiled_shapes()
    t = time.perf_counter()
    plan = fast.plan(shapes, fast.subclass_closure(store), None, fast.class_sizes(store))
    print(f"plan      {time.perf_counter() - t:8.2f} s  {len(plan.checks)} checks")

    guards: dict[str, tuple[float, tuple]] = {}
    for query in sorted({c.guard.query for c in plan.checks if c.guard is not None}):
        t = time.perf_counter()
        counts = store.select_values(query)[0]
        guards[query] = (time.perf_counter() - t, counts)
    proved = sum(1 for c in plan.checks if c.guard is not None and c.guard.holds(guards[c.guard.query][1]))
    print(f"guards    {sum(g[0] for g in guards.values()):8.2f} s  {len(guards)} queries, {proved} checks proved empty")

    timed = []
    for check in plan.checks:
        if check.guard is not None and check.guard.holds(guards[check.guard.query][1]):
            continue
        t = time.perf_counter()
        rows = len(store.select(check.query).rows)
        timed.append((time.perf_counter() - t, rows, check))
    timed.sort(key=lambda item: -item[0])
    print(f"checks    {sum(item[0] for item in timed):8.2f} s  {len(timed)} queries run\n")
    print(f"{'seconds':>8} {'rows':>6} {'targets':>8}  {'component':34} shape")
    for seconds, rows, check in timed[: args.top or None]:
        print(f"{seconds:8.3f} {rows:6d} {check.weight:8d}  {_name(check.component):34} {_name(check.shape)}")
    sys.stdout.flush()
    os._exit(0)  # freeing millions of triples takes seconds and tells nothing


if __name__ == "__main__":
    sys.exit(main())
