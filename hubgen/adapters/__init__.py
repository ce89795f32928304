"""Engine adapters that need no MkDocs: the hub written as a plain docs tree for any engine, and Zensical.

The MkDocs adapter is :mod:`.mkdocs` (the only package that imports MkDocs); what it shares with these (the assets, the
``<!-- hubgen:… -->`` directives, which files are never published, the nav) lives in :mod:`.common`.
"""
