"""navec's word vectors read straight from its file: a word's vector and its count, in a few MB of memory.

navec's own loader (``Navec.load``) precomputes every vector's norm and every
pair of centroids' products for its similarity queries, which this project
never makes: 100 MB for a moment and 75 MB kept, in a process whose whole
transcription needs ~400 MB (docs/performance.md). This reader maps the
product-quantised vectors' indexes from the file (only the pages of words
looked up are read) and keeps the vocabulary as sorted hashes of its words.

The file is navec's tar (protocol 1): ``meta.json``; ``vocab.bin``, gzip of a
uint32 word count, that many uint32 corpus counts and the words one per line;
``pq.bin``, four uint32 (vectors, dimensions, sub-vectors, centroids), a
uint8 centroid index per sub-vector of every word, then the float32
centroids (sub-vectors × centroids × dimensions per sub-vector).
"""

from __future__ import annotations

import gzip
import json
import tarfile
from pathlib import Path

import numpy as np

PROTOCOL = 1


class WordVectors:
    """``lookup(word)``: its vector and corpus count, or None for a word navec does not know."""

    def __init__(self, path: Path):
        with tarfile.open(path) as tar:
            meta = json.loads(_member(tar, "meta.json").read())
            if meta.get("protocol") != PROTOCOL:
                raise RuntimeError(f"{path}: navec protocol {meta.get('protocol')}, expected {PROTOCOL}")
            with gzip.GzipFile(fileobj=_member(tar, "vocab.bin")) as vocab:
                size = int(np.frombuffer(vocab.read(4), np.uint32)[0])
                self.counts = np.frombuffer(vocab.read(4 * size), np.uint32)
                hashes = np.fromiter(map(hash, vocab.read().decode("utf-8").splitlines()), np.int64, count=size)
            pq = tar.getmember("pq.bin")
            with _member(tar, pq) as file:
                vectors, dims, parts, centroids = (int(n) for n in np.frombuffer(file.read(16), np.uint32))
                file.seek(16 + vectors * parts)
                self._codes = np.frombuffer(file.read(), np.float32).reshape(parts, centroids, dims // parts)
        # Python's hash of a str is fixed within a process: the words themselves need not be kept
        self._order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[self._order]
        self._indexes = np.memmap(path, np.uint8, "r", offset=pq.offset_data + 16, shape=(vectors, parts))
        self._parts = np.arange(parts)
        self.total = float(self.counts.sum(dtype=np.float64))

    def index(self, word: str) -> int | None:
        key = hash(word)
        at = int(np.searchsorted(self._hashes, key))
        return int(self._order[at]) if at < len(self._hashes) and self._hashes[at] == key else None

    def lookup(self, word: str) -> tuple[np.ndarray, int] | None:
        found = self.index(word)
        if found is None:
            return None
        return self._codes[self._parts, self._indexes[found]].reshape(-1), int(self.counts[found])


def _member(tar: tarfile.TarFile, member: str | tarfile.TarInfo):
    file = tar.extractfile(member)
    if file is None:
        raise RuntimeError(f"{member} is not a file in navec's file")
    return file
