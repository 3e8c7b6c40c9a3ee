"""Watching a process at the system-call level: what it sends to the network, where it writes.

A test that patches Python's ``socket`` sees nothing that native code does
(ONNX Runtime's telemetry, FFmpeg's protocols); ``strace -f`` sees every
thread and child of the process.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sobes.core.offline import TELEMETRY_OFF

# A network socket or a connection to an address, in strace's notation.
NETWORK = re.compile(r"\b(socket|connect|sendto|sendmsg|bind)\([^)]*\bAF_INET6?\b")
WATCHED = "trace=socket,connect,sendto,sendmsg,bind,open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2"

needs_strace = pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (scripts/setup.sh installs it)")


def hostile_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The test's environment as a user's might be: telemetry switches set to *allow*, a fresh home folder."""
    environment = {key: value for key, value in os.environ.items() if key not in TELEMETRY_OFF}
    environment.update({key: "0" for key in TELEMETRY_OFF}, HOME=str(tmp_path / "home"),
                       SOBES_DATA_DIR=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "home" / ".cache"))
    (tmp_path / "home").mkdir(exist_ok=True)
    environment.update(extra)
    return environment


def traced(command: list[str], *, env: dict[str, str], log: Path, timeout: float = 300,
           cwd: Path | None = None) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run ``command`` under ``strace -f``; return it and the offending lines (network use, Microsoft's cache)."""
    done = subprocess.run(["strace", "-f", "-qq", "-e", WATCHED, "-o", str(log), *command], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)
    lines = log.read_text(errors="replace").splitlines()
    offending = [line for line in lines if NETWORK.search(line) or "Microsoft" in line or ".onnxruntime" in line]
    return done, offending
