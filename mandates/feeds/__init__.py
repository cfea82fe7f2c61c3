"""The iCalendar feeds: Evaluation -> calendar items -> RFC 5545 bytes with stable UIDs and
SEQUENCE; publishing, the lint, and what the server publishes."""
