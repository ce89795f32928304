#!/bin/sh
# Hubgen's message catalogs, brought up to date with the code: the template (hubgen/locale/hubgen.pot) extracted
# again, then each language's hubgen.po updated from it (new strings empty, changed ones fuzzy: translate them).
set -e
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header -o hubgen/locale/hubgen.pot .
pybabel update -D hubgen -i hubgen/locale/hubgen.pot -d hubgen/locale --no-fuzzy-matching
