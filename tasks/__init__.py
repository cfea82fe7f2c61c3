"""Prefect tasks: thin wrappers of the core (`mandates`), with retries only around I/O (DESIGN)."""
