"""Shared constants for tests: a fixed "today" and the example remiss."""

from datetime import date

TODAY = date(2024, 4, 22)  # a week before the example's deadline (2024-04-29)
EXAMPLE_DNR = "KS 2024/112"
SODERMALM = "Södermalms stadsdelsnämnd"

HOSTILE = [
    "[bold]x",
    "Org [/foo] x",
    "[@click=app.quit]q[/]",
    "a [ b",
    "trailing\\",
    "emoji 🦆🇸🇪 ok",
    "עברית ימין לשמאל",
    "lång " + "x" * 300,
]
