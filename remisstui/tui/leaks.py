"""Let go of what removed widgets leave behind in Textual 8.2.8, so a day of work stays as fast as
its first minute.

Opening and closing a remiss kept ~4,600 objects alive each time (measured at ten years), and the
full collections that scan them grew from 19 to 75 ms within eight opens, landing in the middle of
opening the next remiss. Two holders, both in Textual:

* Watchers (Textual issue #6666, open). `self.watch(other, ...)` and `data_bind` watchers live in a
  list on the watched object and are pruned only when that attribute next changes. Header watches
  the app's title, the footer's keys are bound to the footer's `compact`, TextArea watches the
  app's theme: none of these change in a session, so every closed remiss screen's Header, and the
  keys of every footer recompose, stayed alive with their render caches.
* `StylesCache.get_inner_outer` is an `lru_cache` on a method: its 1,024 entries keep their
  StylesCache, and through it every rendered line of a removed widget, alive.

With both released every few seconds the object count stays flat over thirty opens (~70,800)
and full collections stay near 30 ms.

The memo is global to the process, so an app that ends clears it too (`release_when_ended`):
otherwise up to 1,024 StylesCaches of an ended app, with their rendered lines (~300,000 objects
in a test worker), outlived it. That made every later full collection slow, and at the end of a
test run pytest's five collections outlasted execnet's five-second grace, whose SIGINT then landed
in Hypothesis' gc callback as an "unraisable" KeyboardInterrupt (issue 12.14).
"""

from __future__ import annotations

from textual.app import App

# Where Textual keeps "global" watchers on a reactable (textual/reactive.py, `_watch`).
_WATCHERS = "__watchers"


def release_removed_widgets(app: App) -> int:
    """Drop what keeps removed widgets alive; returns how many watchers were dropped."""
    dropped = prune_closed_watchers(app)
    _clear_styles_cache_memo()
    return dropped


def release_when_ended() -> None:
    """The app has ended: nothing of its rendering may outlive it."""
    _clear_styles_cache_memo()


def prune_closed_watchers(app: App) -> int:
    """Forget watchers whose widget has been removed, on the app and every node of the screen
    stack (where the long-lived watched objects are); returns how many were dropped."""
    dropped = 0
    nodes: list[object] = [app]
    for screen in app.screen_stack:
        nodes.extend(screen.walk_children(with_self=True))
    for node in nodes:
        watchers = getattr(node, _WATCHERS, None)
        if not watchers:
            continue
        for entries in watchers.values():
            alive = [(owner, callback) for owner, callback in entries if not (owner._closing or owner._closed)]
            if len(alive) != len(entries):
                dropped += len(entries) - len(alive)
                entries[:] = alive
    return dropped


def _clear_styles_cache_memo() -> None:
    # A pure memo of two Styles per background pair: clearing it only costs recomputing them.
    from textual._styles_cache import StylesCache

    cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if cache_clear is not None:
        cache_clear()
