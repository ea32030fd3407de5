"""Run a document parser where a crash, a hang or runaway memory cannot reach the app.

pdfium is native code: a 1 KB PDF whose form XObject draws itself made it grow by 330 MB/s until
it aborted the whole process (issue 23 item 1), and python-docx, lxml and the e-mail package have
their own ways to spend minutes or gigabytes. Each such parse runs in a child Python process that
first limits its own address space (RLIMIT_AS) and CPU time (RLIMIT_CPU); the parent also waits at
most a wall-clock limit and kills it then. Whatever happens in the child comes back as a result or
as one DocumentError with a Swedish line, like any unreadable file.

The result travels back pickled over a pipe: the child runs only the functions named in ALLOWED,
and what it returns is built by this package's own code.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
from typing import Any

from .errors import DocumentError

# Enough for a 300-page PDF or a 50 MB e-mail; far below what the machine has. Tests make them small.
MEMORY_BYTES = int(os.environ.get("REMISSTUI_PARSE_MEMORY_MB", "1024")) * 1024 * 1024
SECONDS = float(os.environ.get("REMISSTUI_PARSE_SECONDS", "25"))

ALLOWED = {
    "remisstui.formats.document.extract:_extract_pdf",
    "remisstui.formats.document.extract:_extract_docx",
    "remisstui.formats.document.mail:_read_mail_here",
}

_IN_CHILD = os.environ.get("REMISSTUI_PARSE_CHILD") == "1"

# The child imports this package without its __init__ (which loads the whole reader, 0.5 s): only
# the modules a parse needs are loaded, so a contained read costs little more than the parse.
_BOOT = (
    "import sys, types\n"
    "import remisstui.formats\n"
    "pkg = types.ModuleType('remisstui.formats.document')\n"
    "pkg.__path__ = [sys.argv[1]]\n"
    "pkg.__package__ = 'remisstui.formats.document'\n"
    "sys.modules['remisstui.formats.document'] = pkg\n"
    "from remisstui.formats.document.contained import _child_main\n"
    "_child_main()\n"
)
_lock = threading.Lock()
_children: set[subprocess.Popen] = set()
_cancelled: set[int] = set()


def run_contained(target: str, *args: Any, name: str) -> Any:
    """`target(*args)` in a bounded child process; DocumentError (Swedish) when it fails.

    `name` is the file's name as the user knows it, for the message."""
    if target not in ALLOWED:
        raise ValueError(target)
    if _IN_CHILD:  # already contained: an attachment read inside the child's own parse
        module, _, func = target.partition(":")
        import importlib

        return getattr(importlib.import_module(module), func)(*args)
    env = dict(os.environ, REMISSTUI_PARSE_CHILD="1")
    payload = pickle.dumps((target, args, MEMORY_BYTES, SECONDS))
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, os.path.dirname(os.path.abspath(__file__))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )
    except OSError as exc:
        raise DocumentError(f"{name} kan inte läsas: läsaren kunde inte startas ({exc.strerror or exc}).") from None
    with _lock:
        _children.add(proc)
    try:
        try:
            out, _ = proc.communicate(payload, timeout=SECONDS + 5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise DocumentError(
                f"{name} kan inte läsas: läsningen tog mer än {SECONDS:.0f} sekunder och avbröts."
            ) from None
    finally:
        with _lock:
            _children.discard(proc)
            cancelled = proc.pid in _cancelled
            _cancelled.discard(proc.pid)
    if cancelled:
        raise DocumentError(f"Läsningen av {name} avbröts.")
    if proc.returncode == 0 and out:
        try:
            status, value = pickle.loads(out)
        except Exception:
            status, value = "broken", None
        if status == "ok":
            return value
        if status == "error":
            raise DocumentError(str(value))
        if status == "memory":
            raise DocumentError(f"{name} kan inte läsas: den kräver för mycket minne (filen är trasig eller fientlig).")
        raise DocumentError(f"{name} kan inte läsas (filen är trasig).")
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise DocumentError(f"{name} kan inte läsas: läsningen tog mer än {SECONDS:.0f} sekunder och avbröts.")
    raise DocumentError(
        f"{name} kan inte läsas: läsaren avbröts (filen är trasig eller kräver för mycket minne)."
    )


def cancel_all() -> int:
    """Kill every child parse now running (the user pressed Esc); their callers get DocumentError."""
    with _lock:
        procs = list(_children)
        for proc in procs:
            _cancelled.add(proc.pid)
    for proc in procs:
        try:
            proc.kill()
        except OSError:
            pass
    return len(procs)


def _child_main() -> None:
    import resource

    target, args, memory, seconds = pickle.loads(sys.stdin.buffer.read())
    # Limits first, before any parser is imported or touches the file.
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = max(1, int(seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        if target not in ALLOWED:
            raise ValueError(target)
        import importlib

        module, _, func = target.partition(":")
        result: tuple[str, Any] = ("ok", getattr(importlib.import_module(module), func)(*args))
    except DocumentError as exc:
        result = ("error", str(exc))
    except MemoryError:
        result = ("memory", None)
    except BaseException:  # noqa: BLE001 - whatever a hostile file provokes is "broken"
        result = ("broken", None)
    try:
        data = pickle.dumps(result)
    except MemoryError:
        data = pickle.dumps(("memory", None))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _child_main()
