"""The command line's edge modules, below `mandates.cli` (which registers their commands):
`common` (consoles, options, today and now, the plan, the store and the facts of a process),
`record` (facts about meetings and outputs), `amend` (meetings and outputs added by command,
recorded as AMENDED facts), `transfer` (import and export of facts files),
`nginx` (the nginx configuration that serves the feeds in front of `mandates serve`)."""
