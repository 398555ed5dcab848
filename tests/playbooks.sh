#!/bin/bash
# Every shipped playbook checks clean, and `playbook show` prints what the
# reference plan (潞城 2017) must carry.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 1

run playbook check playbooks/*.yaml
expect_rc "all shipped playbooks are valid" 0
expect_eq "no diagnostics for shipped playbooks" "$ERR" ""

for f in playbooks/*.yaml; do
	run playbook show "$f"
	expect_rc "playbook show $f" 0
done

run playbook show playbooks/lucheng-2017.yaml
show=$OUT
# 1.5.1: seven categories; 1.5.2: four levels; 2.1: 19 member units; 2.4: 8 groups.
expect_match "show: 7 categories" "$show" '^Event categories \(7\)$'
expect_match "show: 4 levels" "$show" '^Levels \(4, most severe first\)$'
expect_match "show: 8 groups" "$show" '^Groups \(8\)$'
members=$(printf '%s\n' "$show" | grep -c ' (member)')
expect_eq "show: 19 member units" "$members" "19"
for unit in 市委宣传部 市经信局 市公安局 市教育局 市科技局 市发改局 市财政局 市交通局 \
	市市场监管局 市卫计局 市文化局 市电视台 市新闻中心 潞城银监办 市保密局 移动潞城公司 \
	联通潞城公司 电信潞城公司 潞城供电公司; do
	expect_match "show: member unit $unit" "$show" "^  [a-z0-9_.-]+  $unit \(member\)"
done
for group in 指挥协调组 专家顾问组 技术处置组 新闻信息组 外部联络组 事件调查组 治安交通管理组 综合保障组; do
	expect_match "show: group $group" "$show" "^  [a-z0-9_.-]+  $group"
done
for cat in 有害程序事件 网络攻击事件 信息破坏事件 信息内容安全事件 设备设施故障 灾害性事件 其他信息安全事件; do
	expect_match "show: category $cat" "$show" "^  [a-z0-9_.-]+  $cat"
done
# 1.5.2 quantitative criteria, written as conditions.
expect_match "show: I① outage 2h and 1,000,000 people" "$show" '>= 2h.* and .*>= 1000000'
expect_match "show: II① outage 30m and 100,000 people" "$show" '>= 30m.* and .*>= 100000 '
expect_match "show: loss 1e9" "$show" '>= 1000000000 元'
expect_match "show: loss 1e8" "$show" '>= 100000000 元'
expect_match "show: loss 1e7" "$show" '>= 10000000 元'
# 3.2: warning colours.
for c in red orange yellow blue; do
	expect_match "show: warning colour $c" "$show" "\($c\) ↔ level"
done
# 4.1.1: 30 minutes; 5.1: 30 days.
expect_match "show: 30-minute report deadline" "$show" 'within 30m of field discovered_at'
expect_match "show: 30-day review deadline" "$show" 'within 30d of the end of phase'
expect_match "show: false-alarm exit needs a reason" "$show" '\(no checks\) \(reason required\)'
expect_match "show: III and above escalate" "$show" 'at level I II III → 长治市指挥部'
expect_match "show: placeholder numbers are marked" "$show" '\(placeholder\)'
finish
