"""Engine adapters that need no MkDocs: the hub written as a plain docs tree for any engine, and Zensical.

The MkDocs adapter itself stays in :mod:`hubgen.plugin`; what it shares with these (the assets, the
``<!-- hubgen:… -->`` directives, which files are never published, the nav) lives in :mod:`.common`.
"""
