"""Stage 3, the site: addresses, rendered pages and every output file (calendars, citations, news feeds,
pictures). Imports only :mod:`hubgen.content` and :mod:`hubgen.hub`; knows no site engine."""
