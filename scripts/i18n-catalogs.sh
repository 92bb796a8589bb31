#!/usr/bin/env bash
# Extract every marked sentence (babel.cfg) and bring the English and French
# catalogs up to date: new messages are added empty, removed ones are dropped.
# Then translate the empty (and any fuzzy) French entries by hand and run
# `pytest tests/i18n`, which fails while one is left.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
LOCALE=src/surgeplan/locale
TEMPLATE=$(mktemp --suffix=.pot)
trap 'rm -f "$TEMPLATE"' EXIT
"$BIN/pybabel" extract --mapping-file babel.cfg --no-location \
    --sort-output --project surgeplan --copyright-holder "surgeplan authors" \
    --msgid-bugs-address "" --width 88 --output-file "$TEMPLATE" . >/dev/null
for language in en fr; do
    catalog="$LOCALE/$language/LC_MESSAGES/surgeplan.po"
    if [[ -f "$catalog" ]]; then
        "$BIN/pybabel" update --domain surgeplan --input-file "$TEMPLATE" \
            --output-dir "$LOCALE" --locale "$language" --no-fuzzy-matching \
            --ignore-obsolete --width 88 >/dev/null
    else
        "$BIN/pybabel" init --domain surgeplan --input-file "$TEMPLATE" \
            --output-dir "$LOCALE" --locale "$language" --width 88 >/dev/null
    fi
done
echo "catalogs updated under $LOCALE"
