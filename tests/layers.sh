#!/bin/bash
# The layering rules of DESIGN.md, checked on the #include lines:
# core/ and util/ include no curses, sqlite3 or yaml and never call time();
# tui/ includes no sqlite3.h or yaml.h; io/ includes no curses; only
# io/yaml_doc.c includes yaml.h; only io/store*.c include sqlite3.h.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir/src" || exit 1

check_none() { # NAME PATTERN FILES...: PATTERN is in none of the files' code (comments aside)
	local name=$1 pat=$2; shift 2
	local hits
	hits=$(for f in "$@"; do
		sed -E 's#/\*.*\*/##g; s#^[[:space:]]*(/?\*|//).*##' "$f" | grep -nE -- "$pat" | sed "s#^#$f:#"
	done)
	if [ -z "$hits" ]; then pass "$name"; else fail "$name" "$hits"; fi
}

shopt -s nullglob
core=(core/*.[ch] util/*.[ch])
check_none "core/ and util/ include no curses, sqlite3 or yaml" \
	'#include[[:space:]]*[<"](n?cursesw?/?|ncurses|sqlite3|yaml)' "${core[@]}"
check_none "core/ and util/ never read the clock" '(^|[^_a-z])(time|gettimeofday|clock_gettime)[[:space:]]*\(' "${core[@]}"
tui=(tui/*.[ch] tui/*/*.[ch])
if [ ${#tui[@]} -gt 0 ]; then
	check_none "tui/ includes no sqlite3.h or yaml.h" '#include[[:space:]]*[<"](sqlite3|yaml)\.h' "${tui[@]}"
else
	pass "tui/ has no files yet"
fi
io=(io/*.[ch])
check_none "io/ includes no curses" '#include[[:space:]]*[<"](n?cursesw?|ncurses)' "${io[@]}"
yaml_users=$(grep -lE '#include[[:space:]]*<yaml\.h>' -r . | sort)
expect_eq "only io/yaml_doc.c includes yaml.h" "$yaml_users" "./io/yaml_doc.c"
sqlite_users=$(grep -lE '#include[[:space:]]*<sqlite3\.h>' -r . | grep -vE '^\./io/store[a-z_]*\.c$')
expect_eq "only io/store*.c include sqlite3.h" "$sqlite_users" ""
curses_users=$(grep -lE '#include[[:space:]]*[<"](ncursesw/)?(n?curses|term)\.h' -r . | sort | tr '\n' ' ')
expect_eq "only tui/display.c and tui/draw.c include curses" "$curses_users" \
	"./tui/display.c ./tui/draw.c "
finish
