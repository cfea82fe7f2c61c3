"""The daily check rendered: terminal text, JSON, markdown and table artifacts, the HTML status
page. Reads an Evaluation; decides nothing."""
