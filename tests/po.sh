#!/bin/bash
# The message catalogues: every file with strings for people (the console's,
# and core's refusals, reports and briefing) is listed in po/POTFILES.in, and
# every string in them has a checked Chinese translation in po/zh_CN.po
# (format directives matching), so the console under zh_CN shows no English
# of its own.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 1

for tool in xgettext msgcmp msgfmt; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		fail "$tool is not installed: this test needs gettext" \
			"install it (Debian: apt-get install gettext) and run the test again"
		finish
	fi
done

listed=$(grep -v '^#' po/POTFILES.in | sort)
marked=$(grep -lE '(^|[^A-Za-z0-9_])N?_\("' src/tui/*.[ch] src/tui/*/*.[ch] src/core/*.[ch] | sort)
unlisted=$(comm -13 <(printf '%s\n' "$listed") <(printf '%s\n' "$marked"))
expect_eq "every file with strings for people is in po/POTFILES.in" "$unlisted" ""

# shellcheck disable=SC2086
if xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C -o "$T_TMP/yingji.pot" \
	$listed 2>"$T_TMP/err"; then
	pass "xgettext reads the console's sources"
else
	fail "xgettext reads the console's sources" "$(cat "$T_TMP/err")"
fi
n=$(grep -c '^msgid "' "$T_TMP/yingji.pot")
if [ "$n" -gt 100 ]; then pass "the sources hold $n strings to translate"; else fail "only $n strings found"; fi
if msgcmp po/zh_CN.po "$T_TMP/yingji.pot" >"$T_TMP/cmp" 2>&1; then
	pass "po/zh_CN.po translates every console string"
else
	fail "po/zh_CN.po translates every console string (update it: make -C po update-po)" \
		"$(head -30 "$T_TMP/cmp")"
fi
if msgfmt -c --statistics -o "$T_TMP/zh_CN.mo" po/zh_CN.po 2>"$T_TMP/fmt"; then
	pass "po/zh_CN.po compiles with its format directives checked ($(cat "$T_TMP/fmt"))"
else
	fail "po/zh_CN.po compiles with its format directives checked" "$(cat "$T_TMP/fmt")"
fi
if grep -q '^#, fuzzy' po/zh_CN.po; then
	fail "po/zh_CN.po has no fuzzy translation" "$(grep -A3 '^#, fuzzy' po/zh_CN.po | head)"
else
	pass "po/zh_CN.po has no fuzzy translation"
fi
finish
