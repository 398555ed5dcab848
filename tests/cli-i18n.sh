#!/bin/bash
# The command line under a Chinese locale (LANGUAGE=zh_CN): what people read
# follows it (refusals, value errors, `show`, the briefing, txt and md
# exports); what machines read does not (--json, CSV, exit codes, the
# FILE:LINE:COL: diagnostics of `playbook check`), byte for byte.
. "$top_srcdir/tests/lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三 TZ=CST-8 YINGJI_NOW="2026-11-22 10:05"
unset LANGUAGE

if ! zh_catalogue; then
	fail "msgfmt is not installed: this test needs gettext to compile po/zh_CN.po" \
		"install it (Debian: apt-get install gettext) and run the test again"
	finish
fi
# zh CMD...: run yingji in Chinese, capturing $OUT, $ERR and $RC.
zh() { LANGUAGE=zh_CN YINGJI_LOCALEDIR="$T_TMP/locale" run "$@"; }
# same NAME CMD...: the command's output is the same in English and in Chinese.
same() {
	local name=$1 en; shift
	run "$@"; en=$OUT
	zh "$@"
	expect_eq "$name: the same in English and Chinese" "$OUT" "$en"
	[ -n "$OUT" ] || fail "$name: printed nothing"
}

run new --title "市政府门户网站被篡改" discovered_at="2026-11-22 10:00" place=市政务云机房
id=$OUT

# A guard's refusal: the same list of what is missing, exit 65 either way.
run advance $id
expect_rc "English refusal" 65
expect_match "English refusal, as always" "$ERR" \
	"^yingji: cannot take 'submitted' \(.*\): field unit_name \(单位名称\) is not recorded; "
zh advance $id
expect_rc "Chinese refusal" 65
expect_match "Chinese refusal names the field" "$ERR" \
	"^yingji: 尚不能作出决定“submitted”（.*）：字段 unit_name（单位名称）尚未填报；"
expect_match "Chinese refusal names the item" "$ERR" "清单项 report-office（.*）尚未勾选或跳过"
if printf '%s' "$ERR" | grep -Eq 'cannot|field|checklist|recorded|ticked'; then
	fail "no English words in the Chinese refusal" "$ERR"
else
	pass "no English words in the Chinese refusal"
fi
expect_eq "one line" "$(printf '%s\n' "$ERR" | wc -l)" "1"

# LANG=zh_CN.UTF-8 speaks Chinese too, installed or not (then under C.UTF-8).
OUT=$(env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 YINGJI_LOCALEDIR="$T_TMP/locale" \
	"$YINGJI" advance $id 2>&1)
expect_match "LANG=zh_CN.UTF-8: Chinese" "$OUT" "^yingji: 尚不能作出决定“submitted”"
OUT=$(env -u LC_ALL -u LANGUAGE LANG=C YINGJI_LOCALEDIR="$T_TMP/locale" "$YINGJI" advance $id 2>&1)
expect_match "LANG=C: English" "$OUT" "^yingji: cannot take 'submitted'"

zh set $id affected_people=abc
expect_rc "Chinese value error" 65
expect_eq "value error in Chinese" "$ERR" "yingji: affected_people 应为整数，而不是“abc”"
zh tick $id nope
expect_rc "unknown item in Chinese" 65
expect_match "unknown item in Chinese" "$ERR" "^yingji: “report”阶段没有清单项“nope”；本阶段的清单项：report-office"
zh show 42
expect_rc "exit codes do not change: no such incident" 66

run tick $id report-office
run set $id unit_name=市大数据中心 economic_loss=0
run log $id "已电话报告市指挥部办公室"

# What machines read does not follow the locale.
same "show --json" show $id --json
same "list --json" list --json
same "export json" export $id --format json
same "export csv" export $id --format csv
same "timeline json" export $id --report timeline --format json
same "timeline csv" export $id --report timeline --format csv
same "review csv" export $id --report review --format csv

# What people read does.
zh show $id
expect_match "show in Chinese" "$OUT" "^事件 $id：市政府门户网站被篡改"
expect_match "show: the phase" "$OUT" "阶段：report 信息报告"
zh export $id
expect_match "report headings in Chinese" "$OUT" "^预案：潞城市网络与信息安全突发事件应急预案"
expect_match "report: who took it" "$OUT" "接报：2026-11-22 10:05:00，接报人 张三"
expect_match "report: not recorded" "$OUT" "地点: 市政务云机房"
expect_match "report: the timeline in the plan's words" "$OUT" \
	"张三  已勾选：在30分钟内要把事件有关信息立即报告市指挥部办公室"
expect_match "report: the pin" "$OUT" "日志链头 [0-9]+:[0-9a-f]{64}"
run export $id
expect_match "the English report is unchanged: the pin" "$OUT" "journal head [0-9]+:[0-9a-f]{64}"
expect_match "the English report: ticked, in the plan's words" "$OUT" \
	"张三  ticked 在30分钟内要把事件有关信息立即报告市指挥部办公室"
zh export $id --format md
expect_match "markdown table heads in Chinese" "$OUT" "^\| 序号 \| 时间 \| 操作人 \| 事项 \|$"

zh handover $id 王五
expect_rc "handover in Chinese" 0
expect_match "the briefing in Chinese" "$OUT" "^交接简报 — 事件 $id：市政府门户网站被篡改"
expect_match "the briefing's actions" "$OUT" "已采取的行动"

# A drill's score: in Chinese for people, the same JSON for machines.
export YINGJI_NOW="2026-11-22 09:00"
run drill start "$top_srcdir/data/drills/lucheng-portal-deface.yaml"
d=$OUT
export YINGJI_NOW="2026-11-22 09:04"
run tick $d report-office
same "drill score json" drill score $d --format json
zh drill score $d
expect_match "score heading in Chinese" "$OUT" "^演练评分 — 事件 $d \[演练\]："
expect_match "score total in Chinese" "$OUT" "^得分：[0-9]+ 项检查通过 [0-9]+ 项$"
expect_match "score checks in Chinese" "$OUT" "^  通过  时限 report-30m: "
expect_match "score timeline in the plan's words" "$OUT" "已勾选：在30分钟内要把事件有关信息立即报告市指挥部办公室"
if printf '%s' "$OUT" | grep -Eq 'passed|checks|deadline|ticked|scenario:|journal head'; then
	fail "no English words in the Chinese score" "$OUT"
else
	pass "no English words in the Chinese score"
fi
run drill score $d
expect_match "the English score is unchanged" "$OUT" "^Score: [0-9]+ of [0-9]+ checks passed$"

# Diagnostics keep their FILE:LINE:COL: form.
printf 'format: 1\nplan:\n  id: x\n' >"$T_TMP/bad.yaml"
run playbook check "$T_TMP/bad.yaml"
en_rc=$RC
zh playbook check "$T_TMP/bad.yaml"
expect_eq "playbook check: the same exit code" "$RC" "$en_rc"
expect_match "playbook check: FILE:LINE:COL: error:" "$OUT$ERR" "^$T_TMP/bad.yaml:[0-9]+:[0-9]+: error: "
finish
