"""The MkDocs adapter: the ``hubgen`` plugin, its options as MkDocs reads them, and the Pagefind hooks.
The only package of hubgen that imports ``mkdocs`` (or ``material``)."""
