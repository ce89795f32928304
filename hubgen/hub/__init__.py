"""Stage 2, the hub: the records resolved into one graph (references followed both ways), the checks
that need the whole hub, and a hub on disk as its mkdocs.yml describes it. Imports only :mod:`hubgen.content`."""
