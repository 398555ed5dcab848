#!/bin/sh
# Turn a bindings file (src/tui/default.keys) into C source holding it as one
# string, so that the console's defaults are written in the user's own syntax
# (after tig's tools/make-builtin-config.sh).
#
#   sh tools/make-builtin-keys.sh src/tui/default.keys > builtin_keys.c
set -eu

[ $# -eq 1 ] || { echo "usage: $0 FILE.keys" >&2; exit 64; }
[ -r "$1" ] || { echo "$0: cannot read $1" >&2; exit 66; }

printf '/* Generated from %s by tools/make-builtin-keys.sh: do not edit. */\n' "$(basename "$1")"
printf '#include "config.h"\n\n#include "tui/keys.h"\n\nconst char tui_builtin_keys[] =\n'
# Comments and blank lines go; backslashes and quotes are escaped.
sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' \
    -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/' "$1"
printf '\t"";\n'
