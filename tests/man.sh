#!/bin/bash
# The man pages: they render without a warning, yingji(1) covers every option
# and command that 'yingji --help' prints, yingji-playbook(5) names every key
# the playbook reader accepts, and its annotated example is a valid playbook.
. "$top_srcdir/tests/lib.sh"

PAGE1="$top_srcdir/man/yingji.1"
PAGE5="$top_srcdir/man/yingji-playbook.5"

if ! command -v man >/dev/null 2>&1; then
	fail "man is not installed: the man page test needs man-db and groff-base" \
		"install them (Debian: apt-get install man-db groff-base) and run the test again"
	finish
fi

# render PAGE OUT: format PAGE as a reader at an 80-column terminal sees it,
# with every groff warning on; fails on a warning, an error or no output.
render() {
	local page=$1 out=$2 name rc
	name=$(basename "$page")
	env -u MAN_KEEP_FORMATTING -u MANROFFOPT LC_ALL=C.UTF-8 MANWIDTH=80 \
		man --warnings=all -E UTF-8 -l "$page" >"$out.raw" 2>"$T_TMP/man.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$name renders (man exit $rc)" "$(cat "$T_TMP/man.err")"
	elif [ -s "$T_TMP/man.err" ]; then
		fail "$name renders without warnings" "$(cat "$T_TMP/man.err")"
	elif ! grep -q '[^[:space:]]' "$out.raw"; then
		fail "$name renders to something (the output is empty)"
	else
		pass "$name renders without warnings"
	fi
	# Join words that were hyphenated at the end of a line (U+2010 HYPHEN),
	# so that the checks below see them whole.
	perl -CSD -0pe 's/\x{2010}\n[ \t]*//g' "$out.raw" >"$out"
}

render "$PAGE1" "$T_TMP/yingji.1.txt"
render "$PAGE5" "$T_TMP/yingji-playbook.5.txt"

# ---- yingji(1) against --help ----

run --help
expect_rc "--help" 0
HELP=$OUT

# Every long option that --help prints appears in yingji(1).
opts=$(printf '%s\n' "$HELP" | grep -oE -- '--[a-z][a-z-]*' | sort -u)
if [ -z "$opts" ]; then
	fail "--help prints long options (none found)"
fi
missing=""
for o in $opts; do
	grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$T_TMP/yingji.1.txt" || missing="$missing $o"
done
if [ -z "$missing" ]; then
	pass "yingji.1 mentions every long option of --help ($(echo $opts))"
else
	fail "yingji.1 does not mention these options of --help:$missing"
fi

# Every command in --help has an item of its own in the COMMANDS section of
# yingji(1), one per sub-command ("playbook check", "playbook show").
awk '/^COMMANDS$/ { s = 1; next } s && /^[A-Z]/ { s = 0 } s' "$T_TMP/yingji.1.txt" \
	>"$T_TMP/commands.txt"
cmds=$(printf '%s\n' "$HELP" |
	awk '/^Commands:/ { s = 1; next } s && /^[^ ]/ { s = 0 } s && /^  [a-z]/ { print }')
if [ -z "$cmds" ]; then
	fail "--help lists commands (none found under 'Commands:')"
fi
while IFS= read -r line; do
	[ -n "$line" ] || continue
	read -r cmd _ <<<"$line"
	usage=${line#"  $cmd"}
	subs=$(printf '%s\n' "$usage" | awk -F' [|] ' '{
		for (i = 1; i <= NF; i++) {
			split($i, w, " ")
			if (w[1] ~ /^[a-z][a-z-]*$/) print w[1]
		}
	}')
	for sub in ${subs:-.}; do
		heading=$cmd
		[ "$sub" = . ] || heading="$cmd $sub"
		if grep -qE "^ {1,8}(yingji )?$heading( |\$)" "$T_TMP/commands.txt"; then
			pass "yingji.1 documents the command '$heading' under COMMANDS"
		else
			fail "yingji.1 has no item for the command '$heading' under COMMANDS" \
				"--help says: $line"
		fi
	done
done <<EOF
$cmds
EOF

# ---- the KEY BINDINGS section against the request table ----

# The section is generated (yingji tui --man-keys, from src/tui/request.h and
# src/tui/default.keys); the page must hold exactly what the table makes now.
if sh "$top_srcdir/tools/man-section.sh" "$PAGE1" "KEY BINDINGS" >"$T_TMP/keys.shipped" \
	2>"$T_TMP/keys.err"; then
	LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$YINGJI" tui --man-keys >"$T_TMP/keys.made" 2>"$T_TMP/keys.err"
	if [ $? -ne 0 ] || ! [ -s "$T_TMP/keys.made" ]; then
		fail "yingji tui --man-keys prints the KEY BINDINGS section" "$(cat "$T_TMP/keys.err")"
	elif diff -u "$T_TMP/keys.shipped" "$T_TMP/keys.made" >"$T_TMP/keys.diff"; then
		pass "yingji.1's KEY BINDINGS is what the request table and default.keys make"
	else
		fail "yingji.1's KEY BINDINGS differs from what the table makes: run 'make man-keys'" \
			"$(cat "$T_TMP/keys.diff")"
	fi
else
	fail "yingji.1 has one KEY BINDINGS section" "$(cat "$T_TMP/keys.err")"
fi

# Every request and every view the console knows is in it, by name.
names=$(grep -oE '^[[:space:]]*X\([A-Z_]+, "[a-z-]+"' "$top_srcdir/src/tui/request.h" |
	sed 's/.*"\(.*\)"/\1/')
views=$(grep -oE '^[[:space:]]*X\([a-z]+\)' "$top_srcdir/src/tui/view.h" | sed 's/.*(\(.*\))/\1/')
section=$(awk '/^KEY BINDINGS$/ { s = 1; next } s && /^[A-Z]/ { s = 0 } s' "$T_TMP/yingji.1.txt")
missing=""
for n in $names; do
	printf '%s\n' "$section" | grep -qE "(^|[^a-z-])$n([^a-z-]|\$)" || missing="$missing $n"
done
for v in $views; do
	printf '%s\n' "$section" | grep -qE "^   $v\$" || missing="$missing view:$v"
done
if [ -z "$names" ] || [ -z "$views" ]; then
	fail "found the request and view tables"
elif [ -z "$missing" ]; then
	pass "KEY BINDINGS names all $(echo $names | wc -w) requests and $(echo $views | wc -w) views"
else
	fail "KEY BINDINGS does not name:$missing"
fi

# ---- yingji-playbook(5) against the reader ----

# Every key in the key lists of src/core/playbook_build.c is named in the page.
build="$top_srcdir/src/core/playbook_build.c"
if [ -r "$build" ]; then
	keys=$(awk '/keys\[\] = \{/ { s = 1 } s { print } s && /NULL\};/ { s = 0 }' "$build" |
		grep -oE '"!?[a-z_]+"' | tr -d '"!' | sort -u)
	missing=""
	for k in $keys; do
		grep -qE "(^|[^a-z_])$k([^a-z_]|\$)" "$T_TMP/yingji-playbook.5.txt" ||
			missing="$missing $k"
	done
	if [ -z "$keys" ]; then
		fail "found the key lists in $build"
	elif [ -z "$missing" ]; then
		pass "yingji-playbook.5 names every key the reader accepts ($(echo $keys | wc -w) keys)"
	else
		fail "yingji-playbook.5 does not name these playbook keys:$missing"
	fi
fi

# The annotated example, between the marker comments, is a valid playbook.
example="$T_TMP/example.yaml"
begin=$(grep -c '^\.\\" example-begin$' "$PAGE5")
end=$(grep -c '^\.\\" example-end$' "$PAGE5")
if [ "$begin" -ne 1 ] || [ "$end" -ne 1 ]; then
	fail "yingji-playbook.5 marks its example once" \
		"expected one '.\\\" example-begin' and one '.\\\" example-end' line"
else
	sed -n '/^\.\\" example-begin$/,/^\.\\" example-end$/p' "$PAGE5" |
		grep -v '^\.' |
		sed -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\(dq/"/g' -e "s/\\\\(aq/'/g" >"$example"
	if grep -n '\\' "$example" >"$T_TMP/escapes"; then
		fail "the example holds only the roff escapes this test undoes (\\- \\& \\(dq \\(aq)" \
			"$(cat "$T_TMP/escapes")"
	elif ! grep -q '^yingji_playbook: 1' "$example"; then
		fail "the example is a playbook (no 'yingji_playbook: 1' line)"
	else
		run playbook check "$example"
		if [ "$RC" -eq 0 ] && [ -z "$ERR" ]; then
			pass "the annotated example in yingji-playbook.5 passes 'playbook check'"
		else
			fail "the annotated example in yingji-playbook.5 fails 'playbook check' (exit $RC)" \
				"$ERR"
		fi
	fi
fi

finish
