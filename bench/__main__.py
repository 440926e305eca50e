"""Run every benchmark module: each ``bench/bench_*.py`` defining ``run() -> list[str]``.

A new benchmark is a new module; this runner finds it by name and prints its lines.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def discover() -> list[str]:
    """The names of the benchmark modules, in alphabetical order."""
    here = Path(__file__).resolve().parent
    return sorted(
        f"bench.{m.name}" for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")
    )


def main(selected: list[str]) -> int:
    failed = 0
    for name in discover():
        if selected and not any(word in name for word in selected):
            continue
        module = importlib.import_module(name)
        run = getattr(module, "run", None)
        if not callable(run):
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        try:
            lines = run()
        except Exception as exc:  # report and carry on with the other benchmarks
            failed += 1
            print(f"   FAILED: {type(exc).__name__}: {exc}", flush=True)
            continue
        for line in lines:
            print(f"   {line}", flush=True)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
