#!/bin/bash
# Every key the help screen (?) lists does what it says: for each screen, read
# its help overlay as the officer sees it, then for each key listed press it
# on that screen and check that it made the request the help names and that
# the screen acted on it (script command :expect-request).
. "$top_srcdir/tests/lib.sh"

export TZ=CST-8 YINGJI_NOW="2026-11-22 10:05" YINGJI_DB="$T_TMP/yingji.db" YINGJI_OPERATOR=张三
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml" LC_ALL=C.UTF-8
unset LANGUAGE NO_COLOR
cd "$T_TMP" || exit 1

setup=(
	"new --title 门户网站被篡改 discovered_at=2026-11-22T10:00 place=机房 unit_name=中心 info_source=monitoring category=attack economic_loss=0 scope=首页 trend=稳定 handling=已下线"
	"tick 1 report-office" "tick 1 report-city-gov" "advance 1" "assign 1 office 张三"
	"set 1 details=首页被替换 site_control=已隔离" "tick 1 learn" "tick 1 confirm-nature"
	"advance 1 confirm" "set 1 outage_duration=45m affected_people=20000" "level 1 IV")
for s in "${setup[@]}"; do
	# shellcheck disable=SC2086
	"$YINGJI" $s >/dev/null 2>"$T_TMP/err" || { fail "setup: yingji $s" "$(cat "$T_TMP/err")"; finish; }
done
cp "$YINGJI_DB" "$T_TMP/base.db"

# How to reach each screen with help, and the key that opens help there.
views=(board incident form decisions level contacts report roles briefing)
declare -A reach=(
	[board]="" [incident]="<Enter>" [form]="n <Down>" [decisions]="<Enter> a"
	[level]="<Enter> l" [contacts]="<Enter> c" [report]="<Enter> r" [roles]="<Enter> o"
	[briefing]=$'<Enter> H\n:type 王五\n<Enter>')
declare -A helpkey=([form]="<F1>")

# console SCRIPT-TEXT: run a script on a fresh copy of the database; the transcript.
console() {
	cp "$T_TMP/base.db" "$YINGJI_DB"
	rm -f "$YINGJI_DB-wal" "$YINGJI_DB-shm"
	printf '%s\n' "$1" >"$T_TMP/script"
	YINGJI_SCREEN=${2:-80x24} "$YINGJI" tui --script "$T_TMP/script"
}

checked=0
for v in "${views[@]}"; do
	# The help overlay, on a screen tall enough to show all of it.
	help=$(console "${reach[$v]}"$'\n'"${helpkey[$v]:-?}"$'\n:screen\n:end' 120x60)
	rows=$(printf '%s\n' "$help" | sed -n 's/^.*│\([^ ].\{19\}\) \([a-z-]\{1,16\}\) \{1,\}.*│.*$/\1\t\2/p')
	if [ -z "$rows" ]; then
		fail "$v: the help screen lists keys" "$help"
		continue
	fi
	if printf '%s\n' "$help" | grep -q "Help: $v"; then
		pass "$v: ${helpkey[$v]:-?} opens the help of this screen"
	else
		fail "$v: ${helpkey[$v]:-?} opens the help of this screen" "$help"
	fi
	while IFS=$'\t' read -r keys rq; do
		for k in $keys; do
			out=$(console "${reach[$v]}"$'\n'"$k"$'\n'":expect-request $rq")
			checked=$((checked + 1))
			if printf '%s\n' "$out" | grep -q '^! '; then
				fail "$v: $k does $rq" "$(printf '%s\n' "$out" | grep '^! ')"
			fi
		done
	done <<<"$rows"
done
if [ "$checked" -gt 50 ] && [ "$T_FAIL" -eq 0 ]; then
	pass "every one of the $checked keys listed on the help screens does what it says"
elif [ "$checked" -le 50 ]; then
	fail "only $checked keys were found on the help screens"
fi
finish
