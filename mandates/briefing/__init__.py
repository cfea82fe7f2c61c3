"""The Bureau briefing: Evaluation -> briefing data, sentences, the SVG timeline chart, and
markdown, HTML, PNG and PDF files."""
