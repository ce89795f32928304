"""Stage 1, content: read the YAML and Markdown staff edit, with the position of every value, into
validated records; every problem as ``file:line:col``. Imports nothing else of hubgen."""
