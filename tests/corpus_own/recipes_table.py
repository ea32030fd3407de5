#!/usr/bin/env python3
"""Print the recipe table of tests/corpus_own/README.md from recipes.json (keeps the two in step)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
GROUPS = {"a": "Stockholm", "b": "kommun/region", "c": "myndighet", "d": "organisation"}


def main() -> None:
    recipes = json.loads((HERE / "recipes.json").read_text(encoding="utf-8"))
    print("| name | group | split | URL | query (`pages`) | rank | chrome rule |")
    print("|---|---|---|---|---|---|---|")
    for name, r in sorted(recipes.items()):
        print(f"| {name} | {r['group']} ({GROUPS[r['group']]}) | {r['split']} | {r['url']} | `{r['query']}` "
              f"| {r['rank']} | {r['chrome']} |")


if __name__ == "__main__":
    main()
