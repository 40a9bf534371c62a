"""``make bench``: every benchmark module's results, one line each."""

from __future__ import annotations

import importlib
import sys

MODULES = (
    "bench.engine",
    "bench.ui",
    "bench.exports",
    "bench.actuals",
    "bench.portfolio",
    "bench.bundle",
)


def main() -> int:
    over = 0
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        print(f"== {name}")
        for measured in module.run():
            print(measured.line())
            over += measured.ok is False
    print(f"{over} over target" if over else "all within target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
