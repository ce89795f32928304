#!/bin/sh
# Hubgen's message catalogs, brought up to date with the code. Two gettext domains: hubgen (pages, calendars, feeds;
# extracted from the Python and the templates by babel.cfg) and hubgen_js (what the scripts in hubgen/assets/ write,
# by hubgen/locale/hubgen_js.cfg). Each template (hubgen/locale/<domain>.pot) is extracted again, then each
# language's <domain>.po is updated from it (new strings empty: translate them; tests/test_i18n.py and
# tests/test_jsmessages.py fail until every shipped catalog is complete).
set -e
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header -o hubgen/locale/hubgen.pot .
pybabel update -D hubgen -i hubgen/locale/hubgen.pot -d hubgen/locale --no-fuzzy-matching
pybabel extract -F hubgen/locale/hubgen_js.cfg -k tr -k ntr:1,2 --no-default-keywords --no-location \
    --project=Hubgen -o hubgen/locale/hubgen_js.pot hubgen/assets
pybabel update -D hubgen_js -i hubgen/locale/hubgen_js.pot -d hubgen/locale --no-fuzzy-matching --width=120
