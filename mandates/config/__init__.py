"""Files to plans and settings: YAML with line numbers -> Plan (every error with file:line and
field), the compiled-plan cache, finding process files, and installation settings."""
