"""A private PulseAudio for tests: a daemon of their own, with a null sink, that never touches the user's sound.

Tests of the real PortAudio path need a microphone that records what the test plays: a null sink whose
monitor is the default input, so what ``paplay`` plays into the sink is what PortAudio records, through
the same PortAudio -> ALSA -> PulseAudio path a user's microphone takes.

That daemon must not be the user's own: setting the user's default sink and source to a null sink
silently cuts off their speakers and microphone, and two test runs sharing one null sink hear each
other. So each run starts its own ``pulseaudio`` with its socket, cookie, runtime and state folders in
a temporary folder, loading only a socket and the null sink (``-n``: none of the system's default.pa,
so no hardware, no D-Bus, no session), with the defaults set in its own start-up script. ``PULSE_SERVER``
(and ``PULSE_COOKIE``) then point this process and every subprocess at it: libpulse, under ALSA's
pulse plugin under PortAudio, reads them. Every ``pactl`` and ``paplay`` here names the server. As root
PulseAudio warns but runs.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SINK = "sobes_null"
CLIENT_VARIABLES = ("PULSE_SERVER", "PULSE_COOKIE")  # what a client of the daemon needs in its environment


def script(socket: Path, cookie: Path, sink: str = SINK, source: str | None = None, *, extra: str = "") -> str:
    """The daemon's whole start-up script: its socket, one null sink, the defaults (the sink's monitor as
    the microphone unless ``source`` names another)."""
    return (f"load-module module-native-protocol-unix socket={socket} auth-cookie={cookie}\n"
            f"load-module module-null-sink sink_name={sink}\n"
            f"{extra}"
            f"set-default-sink {sink}\n"
            f"set-default-source {source or sink + '.monitor'}\n")


@dataclass
class PrivatePulse:
    """A running private daemon; ``environment`` is what a client needs to reach it (and only it)."""

    folder: Path
    process: subprocess.Popen
    socket: Path
    sink: str = SINK

    @property
    def server(self) -> str:
        return f"unix:{self.socket}"

    @property
    def environment(self) -> dict[str, str]:
        return {"PULSE_SERVER": self.server, "PULSE_COOKIE": str(self.folder / "cookie")}

    def pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["pactl", "--server", self.server, *args], capture_output=True, text=True,
                              check=check, timeout=20, env={**os.environ, **self.environment})

    def play(self, path) -> subprocess.Popen:
        """Play a file into the null sink: what the default microphone hears."""
        return subprocess.Popen(["paplay", "--server", self.server, "--device", self.sink, str(path)],
                                env={**os.environ, **self.environment})

    def record(self, path, device: str | None = None) -> subprocess.Popen:
        """Record a source (the null sink's monitor: what was played) to a WAV file until terminated."""
        return subprocess.Popen(["parecord", "--server", self.server, "--device", device or f"{self.sink}.monitor",
                                 "--file-format=wav", str(path)], env={**os.environ, **self.environment})

    def running(self) -> bool:
        return self.process.poll() is None and self.pactl("info", check=False).returncode == 0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.socket.parent != self.folder:
            shutil.rmtree(self.socket.parent, ignore_errors=True)


def start(folder: Path, *, sink: str = SINK, source: str | None = None, extra: str = "") -> PrivatePulse:
    """Start a daemon whose every file is under ``folder``; returns once it answers on its socket.

    ``source`` and ``extra`` (lines added to its start-up script) are for a test's stand-in for a user's
    daemon, with a microphone of its own.
    """
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        raise RuntimeError("pulseaudio is not installed: run `bash scripts/setup.sh test`")
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("runtime", "state", "home", "config"):
        (folder / name).mkdir(mode=0o700, exist_ok=True)
    cookie = folder / "cookie"
    cookie.write_bytes(secrets.token_bytes(256))  # only clients given this file may connect
    socket = folder / "native"
    if len(str(socket)) > 100:  # a socket's path has room for 107 bytes; a test's tmp_path can be longer
        socket = Path(tempfile.mkdtemp(prefix="sobes-pulse-")) / "native"
    (folder / "daemon.pa").write_text(script(socket, cookie, sink, source, extra=extra), encoding="utf-8")
    environment = {**os.environ, "PULSE_RUNTIME_PATH": str(folder / "runtime"),
                   "PULSE_STATE_PATH": str(folder / "state"), "XDG_RUNTIME_DIR": str(folder / "runtime"),
                   "HOME": str(folder / "home"), "XDG_CONFIG_HOME": str(folder / "config")}
    environment["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={folder / 'no-bus'}"  # never the user's session bus
    for name in (*CLIENT_VARIABLES, "DISPLAY", "WAYLAND_DISPLAY"):
        environment.pop(name, None)
    with open(folder / "daemon.log", "wb") as log:
        process = subprocess.Popen(
            ["pulseaudio", "-n", "-F", str(folder / "daemon.pa"), "--daemonize=no", "--system=no",
             "--use-pid-file=no", "--exit-idle-time=-1", "--high-priority=no", "--realtime=no",
             "--disallow-exit", "--log-target=stderr"],
            env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    daemon = PrivatePulse(folder, process, socket, sink)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if socket.exists() and daemon.pactl("info", check=False).returncode == 0:
            return daemon
        time.sleep(0.05)
    daemon.stop()
    raise RuntimeError(f"the private PulseAudio did not start: {(folder / 'daemon.log').read_text(errors='replace')}")


# --- for scripts outside pytest (bench/record_overflow.py); tests use the `pulse` fixture -------------------
_own: PrivatePulse | None = None


def ensure_null_sink() -> PrivatePulse:
    """A private daemon for this process (started once, stopped at exit), which it and its children now use."""
    global _own
    if _own is None or _own.process.poll() is not None:
        folder = Path(tempfile.mkdtemp(prefix="sobes-pulse-"))
        _own = start(folder)
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        atexit.register(_own.stop)  # runs first
        os.environ.update(_own.environment)
    return _own


def play(path) -> subprocess.Popen:
    return ensure_null_sink().play(path)
