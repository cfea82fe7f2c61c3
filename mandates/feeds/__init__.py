"""The iCalendar feeds: Evaluation -> calendar items -> RFC 5545 bytes with stable UIDs and
SEQUENCE; publishing, the lint, and what the server publishes.

`items` (what an event says), `meeting_items` (one event per meeting or per part),
`deadline_items`, `warning_items` (late inputs, active and resolved), `build` (every item as of
a date); `history` (SEQUENCE and LAST-MODIFIED from plan, facts and date alone), with `deps`
(what each event depends on; small plans to evaluate it alone), `timeline` (those evaluations,
batched by date) and `edges` (warnings from their outputs' histories); `ics` (RFC 5545 bytes),
`publish` (the feeds, floors from 0.2.0), `assemble` (feeds from kept renderings, streamed to
disk), `cache` (what a publication keeps for the next), `published` (what the server serves),
`lint`.
`selections`: the feeds of the settings' `feeds.selections`, and one-off feeds of the filters.
"""
