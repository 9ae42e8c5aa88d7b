"""Parse+bind throughput on one core: ``python bench/bench_parse.py [N]``.

Prints reports per second for load (decode), parse (grammar + structure) and
bind, over N generated seed-sized reports in all shapes (default 2000)."""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from corpus import generate  # noqa: E402

from gialint.bind.binding import bind  # noqa: E402
from gialint.bind.read import parse_document  # noqa: E402
from gialint.load.decode import from_bytes  # noqa: E402
from gialint.bind.templates import default_templates  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    corpus = generate(n)
    templates = default_templates()
    parse_document(from_bytes(corpus[0][1]), templates)  # build the parser once
    size = sum(len(d) for _, d in corpus)
    t0 = time.perf_counter()
    sources = [from_bytes(d, name) for name, d in corpus]
    t1 = time.perf_counter()
    docs = [parse_document(s, templates) for s in sources]
    t2 = time.perf_counter()
    for d in docs:
        bind(d, templates)
    t3 = time.perf_counter()
    total = t3 - t0
    print(f"corpus: {n} reports, {size / n / 1024:.1f} KB average, cores on machine: {os.cpu_count()}")
    print(f"load   {n / (t1 - t0):8.0f} reports/s")
    print(f"parse  {n / (t2 - t1):8.0f} reports/s")
    print(f"bind   {n / (t3 - t2):8.0f} reports/s")
    print(f"parse+bind (with load): {n / total:.0f} reports/s on one core")


if __name__ == "__main__":
    main()
