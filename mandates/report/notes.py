"""The recent notes of a check: notes and waivers that took effect lately, for the morning reader.

A secretariat officer reading the daily check wants what colleagues recorded lately beside the
deadlines: every note and waiver whose effective date is within the process's due-soon window
before the check's date (`due_soon_days`, 14 by default; `mandates check --due-soon N`), newest
first. The texts are the user's, as written; renderers mark them untranslated in the other
language (`words.check.fact_note`).
"""

from __future__ import annotations

from typing import Any

from mandates.core.evaluate import Evaluation
from mandates.core.facts import Fact, FactKind

NOTE_KINDS = frozenset({FactKind.NOTE, FactKind.WAIVED})


def recent_notes(evaluation: Evaluation) -> list[Fact]:
    """Notes and waivers effective from `as_of - due_soon_days` to `as_of` (both included),
    newest first (by effective date, then by when they were recorded)."""
    first = evaluation.as_of.subtract(days=evaluation.plan.process.due_soon_days)
    chosen = [f for f in evaluation.facts if f.kind in NOTE_KINDS and first <= f.effective_on]
    chosen.sort(key=lambda f: (f.effective_on, f.recorded_at, f.id or 0), reverse=True)
    return chosen


def note_dict(fact: Fact) -> dict[str, Any]:
    """One note of the check's JSON: `id` (the fact's number), `subject` (an output or meeting
    id), `kind` (`note` or `waived`), `on` (YYYY-MM-DD), `text` as written, `written_in`
    (`en` or `zh`) and, since 1.3, `source` (where it was read, or null)."""
    return {"id": fact.id, "subject": fact.subject, "kind": fact.kind.value,
            "on": fact.effective_on.isoformat(), "text": fact.text or "",
            "written_in": fact.written_in, "source": fact.source}
