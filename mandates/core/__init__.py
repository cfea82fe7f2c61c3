"""The pure core: plan and fact types, due rules and dates, meeting state, the graph, the evaluation
and the diff. No I/O, no clock, no environment, no prose, no framework: functions of
(plan, facts, as_of). See docs/architecture.md."""
