"""Helpers and data of the acceptance tests of issue 9, "the living plan" (test_living_*.py).

- `runner`: the `mandates` command run in-process (Typer's runner) for one user: own database
  (SQLite file or PostgreSQL schema), own process file or the bundled one, frozen `--as-of` dates.
- `readers`: what the tests read in the check's JSON and in the feeds, in one place, so that the
  names the spec leaves open are guessed once (listed at the top of each test file).
- `amendments/`, `facts/`: amendment files and fact files (YAML, CSV) the tests feed the product.

Nothing here reads the product's code or the shipped history to decide what to expect.
"""
