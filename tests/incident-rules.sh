#!/bin/bash
# Rules that cross playbooks: decisions tied to levels, the stepwise (逐级)
# reporting route, groups a level activates, the stored playbook under verify,
# and reports written privately.
. "$top_srcdir/tests/lib.sh"
export YINGJI_OPERATOR=李四 TZ=CST-8 YINGJI_NOW="2026-11-22 10:00"
pb() { export YINGJI_PLAYBOOK="$top_srcdir/playbooks/$1.yaml" YINGJI_DB="$T_TMP/$1.db"; }
q() { "$YINGJI" show "$1" --json | jq -r "$2"; }
ok() { local name=$1; shift; run "$@"; expect_rc "$name" 0; }

# 天津 第24条: the route depends on the level; escalating during general handling.
pb tianjin-hrss
id=$("$YINGJI" new --title "业务系统异常" discovered_at="2026-11-22 09:50" unit=信息中心 \
	system=社保业务系统 category=outage summary=业务系统中断)
ok "record" tick $id record
ok "report done" advance $id
expect_eq "in assess" "$(q $id .phase.id)" "assess"
ok "classify" tick $id classify
ok "route" tick $id route
ok "general" level $id general
run advance $id major
expect_rc "the major route is refused at level general" 65
expect_match "says why" "$ERR" "it applies at level major, and the confirmed level is general"
ok "the only decision at level general is taken by default" advance $id
expect_eq "in handle" "$(q $id .phase.id)" "handle"
run notify $id lg-office-c
expect_rc "逐级: the office is not notified before the unit's officer" 65
expect_match "names who comes first" "$ERR" "reported level by level .*: notify sec-officer-c"
ok "unit officer first" notify $id sec-officer-c
ok "then the office" notify $id lg-office-c
ok "escalate to major" level $id major --reason "影响扩大"
ok "the escalation decision is the one that applies now" advance $id
expect_eq "in command" "$(q $id .phase.id)" "command"

# 忻州人社局: the level's groups are shown; the major route is the only one for 重大.
pb xinzhou-hrss-2023
id=$("$YINGJI" new --title "社保卡系统遭攻击" discovered_at="2026-11-22 09:30")
"$YINGJI" level $id major --reason "重大" >/dev/null
expect_eq "the level's groups" "$(q $id '.level.groups | map(.id) | join(",")')" "experts"

# The stored playbook is under verify too.
pb lucheng-2017
id=$("$YINGJI" new --title "校验")
run verify
expect_rc "intact" 0
"$SQLITE3" "$YINGJI_DB" "UPDATE playbook SET text = replace(text, 'within: 30m', 'within: 9h')"
run verify
expect_rc "an edited stored playbook is detected" 1
expect_match "says so" "$OUT" "stored playbook [0-9a-f]{12} does not match its hash"

# Reports are private, even over an older readable file, and never through a symlink.
pb xinzhou-devzone-2023
id=$("$YINGJI" new --title "导出")
: > "$T_TMP/report.txt"; chmod 0644 "$T_TMP/report.txt"
ok "export over an existing file" export $id -o "$T_TMP/report.txt"
expect_eq "made private" "$(stat -c %a "$T_TMP/report.txt")" "600"
ln -s "$T_TMP/elsewhere" "$T_TMP/link.txt"
run export $id -o "$T_TMP/link.txt"
expect_rc "a symlink is refused" 74
[ -e "$T_TMP/elsewhere" ] && fail "the symlink target was written" || pass "the symlink target was not written"
run export $id --report timeline --format csv
expect_match "the CSV timeline carries the head pin" "$OUT" '"journal_head","1:[0-9a-f]{64}"'
finish
