#!/bin/sh
# One section of a man page (from its .SH line to the next .SH), or the page
# with that section replaced: for the generated KEY BINDINGS of yingji(1).
#
#   sh tools/man-section.sh PAGE "KEY BINDINGS"          the section
#   sh tools/man-section.sh PAGE "KEY BINDINGS" NEW      the page, NEW in its place
#
# Exit 65 when the page has no such section, or has it twice.
set -eu

[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 PAGE SECTION [NEW]" >&2; exit 64; }
[ -r "$1" ] || { echo "$0: cannot read $1" >&2; exit 66; }
[ $# -eq 2 ] || [ -r "$3" ] || { echo "$0: cannot read $3" >&2; exit 66; }

n=$(grep -c -x -F ".SH $2" "$1" || true)
[ "$n" -eq 1 ] || { echo "$0: $1 has $n '.SH $2' lines, not one" >&2; exit 65; }

awk -v head=".SH $2" -v new="${3:-}" -v only=$(($# == 2)) '
	$0 == head { in_s = 1
		if (!only) { while ((getline l < new) > 0) print l }
		else print
		next }
	in_s && /^\.SH / { in_s = 0 }
	only && in_s { print }
	!only && !in_s { print }
' "$1"
