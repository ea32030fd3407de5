"""A pre-imported process that forks workers on request, so a test can kill hundreds of them fast.

Protocol on stdin/stdout, one line each, fields separated by tabs:
    go saver FOLDER DNR ORG   -> "pid N", then the forked child prints "start V" and "ack V" lines
    go locker FOLDER          -> "pid N", then the child prints "locked" while holding store.locked()
    go restorer FOLDER ZIP_A ZIP_B MODE -> "pid N", then the child restores A, B, A, ... with --force,
                                 printing "ack V" after each; MODE "two-renames" disables the exchange
    reap N                    -> waits for child N (after the test killed it), prints "reaped N STATUS"
    quit
Everything a dead child wrote reaches stdout before "reaped N": read up to it to collect its acks.
"""

import os
import sys
import time

from remisstui import services


def say(line: str) -> None:
    """One write() per line: the spawner and its children share the pipe, so lines must not interleave."""
    os.write(1, (line + "\n").encode("utf-8"))

from remisstui.domain.history import recipient_target
from remisstui.store.repository import Store


def saver(folder: str, dnr: str, org: str) -> None:
    store = Store(folder, user="crash")
    n = int(store.load(dnr).recipient(org).note or 0)
    say(f"start {n}")
    while True:
        n += 1
        value = str(n)

        def edit(remiss, value=value):
            remiss.recipient(org).note = value

        services.change(store, dnr, f"note {value}", [recipient_target(org)], edit)
        say(f"ack {n}")


def locker(folder: str) -> None:
    store = Store(folder, user="locker")
    with store.locked():
        say("locked")
        while True:
            time.sleep(1)


def restorer(folder: str, zip_a: str, zip_b: str, mode: str) -> None:
    from remisstui.services import backup

    if mode == "two-renames":
        backup._exchange = lambda a, b: False
    n = 0
    say("start 0")
    while True:
        n += 1
        backup.restore(zip_a if n % 2 else zip_b, folder, force=True)
        say(f"ack {n}")


def main() -> None:
    import faulthandler
    import signal

    faulthandler.register(signal.SIGUSR1, all_threads=True)
    for line in sys.stdin:
        cmd, *args = line.rstrip("\n").split("\t")
        if os.environ.get("SPAWNER_LOG"):
            with open(os.environ["SPAWNER_LOG"], "a") as log:
                log.write(f"{os.getpid()} {time.monotonic():.4f} got {line!r}\n")
        if cmd == "quit":
            return
        if cmd == "reap":
            pid = int(args[0])
            _, status = os.waitpid(pid, 0)
            say(f"reaped {pid} {status}")
            continue
        if cmd == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    {"saver": saver, "locker": locker, "restorer": restorer}[args[0]](*args[1:])
                finally:
                    os._exit(1)
            say(f"pid {pid}")


if __name__ == "__main__":
    main()
