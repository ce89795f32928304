"""Hubgen: publish a cohort learning program's hub as a Material for MkDocs site.

The pipeline runs one way, and the folders name its stages (README "For developers"):
:mod:`hubgen.content` reads the files and reports problems, :mod:`hubgen.hub` resolves them into
one graph, :mod:`hubgen.site` turns the graph into pages and files, :mod:`hubgen.adapters` hands
those to a site engine (the MkDocs plugin is :mod:`hubgen.adapters.mkdocs.plugin`), and
:mod:`hubgen.authoring` holds the commands staff run. Only the MkDocs adapter imports MkDocs.
"""

#: Hubgen's version: the one place it is written (pyproject.toml reads it; ``hubgen --version`` prints it).
#: CHANGELOG.md says, for each version, what a hub must change when it upgrades.
__version__ = "0.2.0"

#: Where Hubgen's source, releases and full reference live: a hub pins ``hubgen @ git+{SOURCE}@v{version}``.
SOURCE = "https://github.com/hubgen/hubgen"
