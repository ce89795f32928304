"""The commands staff run besides the build: ``hubgen new``, ``init``, ``import``, ``from-issue`` and
``schema`` (``hubgen check`` is :mod:`hubgen.cli` with :mod:`hubgen.hub.workspace`)."""
