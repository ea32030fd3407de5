"""Test side of spawner.py: start it once, fork workers, kill them, collect their output."""

from __future__ import annotations

import os
import collections
import queue
import signal
import signal
import subprocess
import threading
import time

from .common import PYTHON, worker


class Spawner:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [PYTHON, worker("spawner.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.recent: collections.deque[str] = collections.deque(maxlen=6)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.recent.append(line)
            self.lines.put(line.rstrip("\n"))
        self.lines.put("EOF")

    def send(self, *fields: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("\t".join(fields) + "\n")
        self.proc.stdin.flush()

    def next_line(self, timeout: float = 600.0) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no line from the spawner in {timeout:.0f} s; {self.diagnose()}") from None
        if line == "EOF":
            raise RuntimeError("spawner died")
        return line

    def go(self, *args: str) -> tuple[int, list[str]]:
        """Fork a worker; returns its pid and any lines it printed before the pid line."""
        self.send("go", *args)
        early = []
        while True:
            line = self.next_line()
            if line.startswith("pid "):
                return int(line.split()[1]), early
            early.append(line)

    # A guard against a hung worker, not a measure of speed: a loaded machine only makes the wait
    # longer (30 s once ran out while eight test runs shared two cores).
    def wait_for(self, predicate, timeout: float = 600.0) -> list[str]:
        seen = []
        deadline = time.monotonic() + timeout
        while True:
            line = self.next_line(max(0.01, deadline - time.monotonic()))
            seen.append(line)
            if predicate(line):
                return seen

    def kill_and_reap(self, pid: int) -> list[str]:
        """SIGKILL the worker; return everything it wrote (up to the reap line)."""
        os.kill(pid, signal.SIGKILL)
        self.send("reap", str(pid))
        return self.wait_for(lambda line: line.startswith(f"reaped {pid} "))[:-1]

    def diagnose(self) -> str:
        out = [f"spawner alive={self.proc.poll() is None}", f"last lines {list(self.recent)!r}"]
        try:
            with open(f"/proc/{self.proc.pid}/wchan") as fh:
                out.append(f"spawner wchan={fh.read()}")
            os.kill(self.proc.pid, signal.SIGUSR1)
            time.sleep(0.2)
        except OSError:
            pass
        try:
            for pid in os.listdir("/proc"):
                if pid.isdigit():
                    try:
                        with open(f"/proc/{pid}/status") as fh:
                            st = fh.read()
                    except OSError:
                        continue
                    if f"PPid:\t{self.proc.pid}\n" in st:
                        state = [ln for ln in st.splitlines() if ln.startswith("State")]
                        with open(f"/proc/{pid}/wchan") as fh:
                            out.append(f"child {pid} {state} wchan={fh.read()}")
        except OSError:
            pass
        return "; ".join(out)

    def close(self) -> None:
        try:
            self.send("quit")
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
