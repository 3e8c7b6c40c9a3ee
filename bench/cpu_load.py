"""Busy processes beside a benchmark: a candidate's machine that is doing something else too.

    with cpu_load(2):  # two CPU-bound processes at normal priority for the duration
        ...

Each process spins in pure Python (one core's worth each); they are killed when the block ends,
however it ends, and end by themselves when the benchmark is killed (a killed benchmark's spinners burned two
cores for an hour, under every "quiet" figure taken meanwhile).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager


def _spin(parent: int) -> None:
    count = 0
    while True:
        count += 1
        if count % 5_000_000 == 0 and os.getppid() != parent:  # the benchmark is gone (about every 0.3 s)
            return


@contextmanager
def cpu_load(processes: int) -> Iterator[None]:
    """``processes`` CPU-bound processes running while the block runs (none for 0)."""
    context = multiprocessing.get_context("spawn")  # no copy of the model or of threads in the children
    workers = [context.Process(target=_spin, args=(os.getpid(),), daemon=True) for _ in range(processes)]
    for worker in workers:
        worker.start()
    try:
        yield
    finally:
        for worker in workers:
            worker.kill()
            worker.join()
