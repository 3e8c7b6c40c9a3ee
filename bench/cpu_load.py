"""Busy processes beside a benchmark: a candidate's machine that is doing something else too.

    with cpu_load(2):  # two CPU-bound processes at normal priority for the duration
        ...

Each process spins in pure Python (one core's worth each); they are killed when the block ends,
however it ends.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager


def _spin() -> None:
    count = 0
    while True:
        count += 1


@contextmanager
def cpu_load(processes: int) -> Iterator[None]:
    """``processes`` CPU-bound processes running while the block runs (none for 0)."""
    context = multiprocessing.get_context("spawn")  # no copy of the model or of threads in the children
    workers = [context.Process(target=_spin, daemon=True) for _ in range(processes)]
    for worker in workers:
        worker.start()
    try:
        yield
    finally:
        for worker in workers:
            worker.kill()
            worker.join()
