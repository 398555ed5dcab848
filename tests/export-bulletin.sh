#!/bin/bash
# yingji export ID --report bulletin: the information bulletin (信息报告) that
# 潞城 4.1.1 requires to be sent upward within 30 minutes, filled from the
# record: the plan's nine content items, the level, the measures taken, who
# was notified and who holds which post.  Exact output in English and in
# Chinese, Markdown and JSON; CSV is refused; a drill's bulletin says so.
. "$top_srcdir/tests/lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三 TZ=CST-8 LC_ALL=C.UTF-8
unset LANGUAGE
at() { export YINGJI_NOW="2026-11-22 $1"; }
ok() { local name=$1; shift; run "$@"; expect_rc "$name" 0; }

at 10:05
ok "report taken" new --title "市政府门户网站被篡改" discovered_at="2026-11-22 10:00" place=市政务云机房
ok "4.1.1 content" set 1 unit_name=市大数据中心 info_source=monitoring category=信息破坏事件 \
	subtype=信息篡改事件 economic_loss=0 scope=门户网站首页 trend=稳定 handling=已下线首页
at 10:20
ok "reported to the office" tick 1 report-office
ok "reported to the city government" tick 1 report-city-gov
at 10:25
ok "on to 4.1.2" advance 1
ok "the office is 张三" assign 1 office 张三
ok "details" set 1 details=首页被替换为非法内容 site_control=已隔离
ok "learn" tick 1 learn
ok "confirm nature" tick 1 confirm-nature
ok "confirmed" advance 1 confirm
ok "facts" set 1 potential_scope=全市政务网站 severity=较重 outage_duration=45m affected_people=20000
at 10:40
ok "judge" tick 1 judge
ok "propose" tick 1 propose-level
ok "level IV" level 1 IV --reason 影响有限
ok "office on duty called" notify 1 office-duty --channel phone
at 10:45
ok "and it answered" notify 1 office-duty --ack

# The pin is the journal's head; the rest must be exactly this.
pin=$("$YINGJI" show 1 --json | jq -r '.head | "\(.seq):\(.hash)"')
expect_match "the head is known" "$pin" '^16:[0-9a-f]{64}$'

ok "txt" export 1 --report bulletin
expect_eq "the bulletin, as text" "$OUT" "突发事件报告 — incident 1: 市政府门户网站被篡改

plan: 潞城市网络与信息安全突发事件应急预案 (4.1.1)
from: 事发单位（部门）
to: 市指挥部办公室, 市政府
time limit: within 30 min
plan's note: 30分钟自事件发生起算。
as of: 2026-11-22 10:45:00

Content
  时间: 2026-11-22 10:00:00
  地点: 市政务云机房
  单位名称: 市大数据中心
  信息来源: 分析预警系统监测到的网络与信息安全事件信息
  事件类别: 信息破坏事件
  经济损失的初步评估: 0 元
  影响范围: 门户网站首页
  事件发展态势: 稳定
  处置情况: 已下线首页

Situation
level: 一般事件 (IV), confirmed 2026-11-22 10:40:00 by 张三
phase: 评估事件级别

Measures taken
  2026-11-22 10:20:00  在30分钟内要把事件有关信息立即报告市指挥部办公室 — 张三
  2026-11-22 10:20:00  同时报告市政府 — 张三
  2026-11-22 10:25:00  了解事件信息：详细记录事件的细节信息，全面了解事件造成的损失、影响以及现场控制情况等有关信息 — 张三
  2026-11-22 10:25:00  确认事件性质：在汇总相关信息的基础上，及时判断事件性质 — 张三
  2026-11-22 10:40:00  判断事件类型、评估事件的范围、影响和可能波及的范围、事件的严重程度和扩散性等情况，初步确定事件级别 — 张三
  2026-11-22 10:40:00  根据问题的性质、危害程度，并向市指挥部提出信息安全事件级别建议 — 张三

Notified
  2026-11-22 10:40:00  市指挥部办公室（值班） (phone) — 张三; acknowledged 2026-11-22 10:45:00

Roles
  市指挥部办公室: 张三

journal head $pin"

# In Chinese (the catalogue from the build).
if ! zh_catalogue; then
	fail "po/zh_CN.gmo is built (make in po/)"
else
	OUT=$(LANGUAGE=zh_CN YINGJI_LOCALEDIR="$T_TMP/locale" "$YINGJI" export 1 --report bulletin |
		sed -n '1,8p;21,23p;32,37p')
	expect_eq "the bulletin in Chinese: the plan's labels and the program's" "$OUT" \
"突发事件报告 — incident 1: 市政府门户网站被篡改

预案: 潞城市网络与信息安全突发事件应急预案 (4.1.1)
报告单位: 事发单位（部门）
报送对象: 市指挥部办公室, 市政府
时限: 30 分钟内
预案说明: 30分钟自事件发生起算。
截至: 2026-11-22 10:45:00
事件状况
级别: 一般事件（IV），张三 于 2026-11-22 10:40:00 确认
阶段: 评估事件级别

已通知
  2026-11-22 10:40:00  市指挥部办公室（值班） (电话) — 张三; 2026-11-22 10:45:00 已确认收到

职务
  市指挥部办公室: 张三"
fi

ok "md" export 1 --report bulletin --format md
expect_eq "Markdown: the content as a table" "$(printf '%s\n' "$OUT" | sed -n '1,3p;10,15p')" \
"# 突发事件报告 — incident 1: 市政府门户网站被篡改

- plan: 潞城市网络与信息安全突发事件应急预案 (4.1.1)
## Content

| item | content |
|---|---|
| 时间 | 2026-11-22 10:00:00 |
| 地点 | 市政务云机房 |"
expect_eq "Markdown: pinned" "$(printf '%s\n' "$OUT" | tail -1)" "journal head \`$pin\`"

ok "json" export 1 --report bulletin --format json
expect_eq "JSON: what it is, pinned" "$(jq -r '"\(.report) \(.head) \(.drill)"' <<<"$OUT")" \
	"bulletin $pin false"
expect_eq "JSON: the duty, from the playbook" \
	"$(jq -r '.duty | "\(.id) \(.kind) \(.within) \(.source) \([.to[].id] | join(","))"' <<<"$OUT")" \
	"incident-report emergency 30m 4.1.1 office,city-gov"
expect_eq "JSON: each content item with its field and value" \
	"$(jq -r '.content[] | "\(.id)=\(.field)=\(.value)"' <<<"$OUT" | head -3)" \
	"time=discovered_at=2026-11-22 10:00:00
place=place=市政务云机房
unit=unit_name=市大数据中心"
expect_eq "JSON: level, measures, notified, roles" \
	"$(jq -r '"\(.level.id) \(.measures | length) \(.notified[0].contact) \(.notified[0].acknowledged) \(.roles[0].party)"' <<<"$OUT")" \
	"IV 6 office-duty 2026-11-22T02:45:00.000Z office"

run export 1 --report bulletin --format csv
expect_rc "CSV of a bulletin is refused" 64
expect_eq "with the reason" "$(head -1 <<<"$ERR")" \
	"yingji: export: a bulletin is a document, not a table; use --format txt, md or json"
run export 1 --report bulletins
expect_rc "an unknown report is refused" 64
expect_match "and the bulletin is named among the reports" "$ERR" "incident, bulletin, timeline or review"

# A drill's bulletin is marked like every report of a drill.
at 11:00
ok "a drill" new --drill --title 演练：门户网站被篡改 discovered_at="2026-11-22 10:58"
ok "its bulletin" export 2 --report bulletin
expect_eq "the drill's bulletin says DRILL" "$(head -1 <<<"$OUT")" \
	"突发事件报告 — incident 2 [DRILL]: 演练：门户网站被篡改"
expect_eq "an item not yet recorded says so" "$(grep '单位名称' <<<"$OUT")" "  单位名称: (not recorded)"
run export 2 --report bulletin --format json
expect_eq "JSON: drill" "$(jq -r .drill <<<"$OUT")" "true"

# Written to a file, like every report.
ok "to a file" export 1 --report bulletin -o "$T_TMP/bulletin.txt"
expect_eq "the file holds the bulletin" "$(head -1 "$T_TMP/bulletin.txt")" \
	"突发事件报告 — incident 1: 市政府门户网站被篡改"
finish
