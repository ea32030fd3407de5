"""One registrator in a concurrency test: random edits to shared remisser through services.

Run: python editor.py FOLDER WORKER_ID EDITS SECONDS SEED DNR [DNR ...]
Prints one line per attempted edit (a single write each, so lines from processes never mix):
    ok reminder <dnr>\t<org>\t<note>      always applied (no expected revision)
    ok note <dnr>\t<org>\t<value>         applied with expect = the revision it was based on
    conflict note <dnr>\t<org>\t<value>   refused with ConflictError (nothing written)
    ok title <dnr>\t\t<value> / conflict title <dnr>\t\t<value>
and "done N" at the end. Any other exception ends the process with a traceback (the test fails).
"""

import os
import random
import sys
import time

from remisstui import services
from remisstui.store.repository import ConflictError, Store


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def main() -> None:
    folder, wid, edits, seconds, seed, *dnrs = sys.argv[1:]
    rng = random.Random(int(seed))
    store = Store(folder, user=f"w{wid}", lock_timeout=60)
    stop = time.monotonic() + float(seconds)
    n = 0
    for i in range(int(edits)):
        if time.monotonic() > stop:
            break
        dnr = rng.choice(dnrs)
        remiss = store.load(dnr)
        rec = rng.choice(remiss.recipients)
        org = rec.organisation
        value = f"w{wid}-{i}"
        op = rng.random()
        if op < 0.4:
            services.log_reminder(store, dnr, [org], note=value)
            say(f"ok reminder {dnr}\t{org}\t{value}")
        elif op < 0.9:
            rec.note = value
            if rng.random() < 0.5:
                time.sleep(rng.uniform(0, 0.003))  # widen the window in which others may save
            try:
                services.save_recipient(store, dnr, rec, base_revision=rec.revision, what=f"note {value}")
                say(f"ok note {dnr}\t{org}\t{value}")
            except ConflictError as exc:
                assert "Konflikt" in str(exc), str(exc)
                say(f"conflict note {dnr}\t{org}\t{value}")
        else:
            remiss.title = f"Fiktiv rubrik {value}"
            try:
                services.update_remiss_header(store, dnr, remiss, base_revision=remiss.revision)
                say(f"ok title {dnr}\t\t{value}")
            except ConflictError:
                say(f"conflict title {dnr}\t\t{value}")
        n += 1
    say(f"done {n}")


if __name__ == "__main__":
    main()
