#!/bin/bash
# The officer's own key bindings (yingji(1), FILES): read after the defaults
# from $YINGJI_KEYS, else $XDG_CONFIG_HOME/yingji/keys, else
# ~/.config/yingji/keys; a rebinding works and the help overlay and the hint
# line show it; a bad file is every problem at its place and exit 65 before
# anything is opened; a missing file named by $YINGJI_KEYS is exit 66.
. "$top_srcdir/tests/lib.sh"

export TZ=CST-8 YINGJI_NOW="2026-11-22 10:05" YINGJI_OPERATOR=张三 LC_ALL=C.UTF-8
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml" YINGJI_SCREEN=80x24
unset LANGUAGE NO_COLOR COLUMNS LINES
cd "$T_TMP" || exit 1

cat >my.keys <<'EOF'
# 我的按键: r takes a report, n and N do nothing on the board.
bind board r new-report
unbind board n
unbind	board N   # a comment after a binding
bind form <F3> submit
unbind form ^S
unbind form <F2>
EOF

# The script and the screens it must show; the transcript must equal it.
cat >rebind.script <<'EOF'
n
:screen
 yingji — incident console  open incidents: 0
    # title                              phase         level    next deadline

  No open incidents.

  To take a report, press r
















n does nothing here; ? lists the keys
 张三 │ yingji.db                                           2026-11-22 10:05:00
:end
?
:screen
 yingji — incident console  open incidents: 0
  ┌─ Help: board ────────────────────────────────────────────────────────────┐
  │Keys on this screen                                                       │
  │<Up> k               move-up          move to the line above              │
  │<Down> j             move-down        move to the line below              │
  │<PgUp> ^B            page-up          move one page up                    │
  │<PgDn> ^F <Space>    page-down        move one page down                  │
  │<Home> g             move-first       move to the first line              │
  │<End> G              move-last        move to the last line               │
  │<Enter>              enter            act on the selected line            │
  │r                    new-report       take a new report (the intake form) │
  │C                    toggle-closed    show or hide closed incidents       │
  │D                    toggle-drills    show drills instead of real inciden…│
  │Keys on every screen                                                      │
  │? <F1>               help             show the keys of this screen        │
  │q                    back             close this screen; on the board, le…│
  │<Esc>                cancel           cancel and close (asks first if tex…│
  │Q                    quit             leave the console                   │
  │^L                   refresh          reload from the database and redraw │
  │                                                                          │
  └──────────────────────────────────────────────────────────────────────────┘

 q back
 张三 │ yingji.db                                           2026-11-22 10:05:00
:end
q r
:screen
 New report (intake) — 潞城市网络与信息安全突发事件应急预案

  Title
  时间
  地点
  单位名称
  信息来源
  事件类别
  经济损失的初步评估 (元)
  影响范围
  事件发展态势
  处置情况
                          [ Record (<F3>) ]







Title: what happened, in a few words

 F3 save  ^T now  Esc cancel  F1 help
 张三 │ yingji.db                                           2026-11-22 10:05:00
:end
<F3>
:expect-request submit
<F1>
:screen
 New report (intake) — 潞城市网络与信息安全突发事件应急预案
  ┌─ Help: form ─────────────────────────────────────────────────────────────┐
✗ │Keys on this screen                                                       │
  │  typing edits: <Left> <Right> <Home> <End> <Backspace> <Delete> ^U ^K ^W │
  │  <Up> <Down> <Tab>: another field; <Enter>: pick from a list, or on      │
  │<Esc>                cancel           cancel and close (asks first if tex…│
  │<F3>                 submit           record what the form holds          │
  │^T                   insert-now       put the current time in a time field│
  │Keys on every screen                                                      │
  │<F1>                 help             show the keys of this screen        │
  │^L                   refresh          reload from the database and redraw │
  │                                                                          │
  │                                                                          │
  │                                                                          │
  │                                                                          │
  │                                                                          │
  │                                                                          │
  │                                                                          │
  │                                                                          │
  │                                                                          │
Ti└──────────────────────────────────────────────────────────────────────────┘
a report needs a title
 q back
 张三 │ yingji.db                                           2026-11-22 10:05:00
:end
EOF

# console NAME SCRIPT: run the console on SCRIPT in a fresh database; the
# transcript must equal the script.
console() {
	local name=$1 script=$2 out=${2%.script}
	rm -f yingji.db yingji.db-wal yingji.db-shm
	if ! YINGJI_DB=yingji.db "$YINGJI" tui --script "$script" >"$out.out" 2>"$out.err"; then
		fail "$name: the console ran the script" "$(cat "$out.err")"
	elif diff -u "$script" "$out.out" >"$out.diff"; then
		pass "$name"
	else
		fail "$name" "$(cat "$out.diff")"
	fi
}

YINGJI_KEYS=my.keys console "\$YINGJI_KEYS: rebound keys work and help and hints show them" \
	rebind.script

# The same file at the two default places; $YINGJI_KEYS wins over them.
cat >press.script <<'EOF'
:expect-at 5 2 To take a report, press r
EOF
mkdir -p xdg/yingji home/.config/yingji
cp my.keys xdg/yingji/keys
cp my.keys home/.config/yingji/keys
cp press.script xdg.script
XDG_CONFIG_HOME="$T_TMP/xdg" console "\$XDG_CONFIG_HOME/yingji/keys is read" xdg.script
env -u XDG_CONFIG_HOME HOME="$T_TMP/home" \
	bash -c '"$YINGJI" tui --script press.script' >home.out 2>&1
expect_eq "~/.config/yingji/keys is read without XDG_CONFIG_HOME" "$(cat home.out)" \
	"$(cat press.script)"
XDG_CONFIG_HOME=relative HOME="$T_TMP/home" "$YINGJI" tui --script press.script >rel.out 2>&1
expect_eq "a relative XDG_CONFIG_HOME is ignored (XDG spec): ~/.config is read" \
	"$(cat rel.out)" "$(cat press.script)"
printf 'bind board p new-report\nunbind board n\nunbind board N\n' >other.keys
printf ':expect-at 5 2 To take a report, press p\n' >press-p.script
XDG_CONFIG_HOME="$T_TMP/xdg" YINGJI_KEYS=other.keys console "\$YINGJI_KEYS wins over the default place" \
	press-p.script

# No file at the default places: the defaults alone.
printf ':expect-at 5 2 To take a report, press n\n' >press-n.script
XDG_CONFIG_HOME="$T_TMP/nowhere" console "no bindings file at the default place is fine" \
	press-n.script

# A bad file: every problem, in order, at its line and column; exit 65 and no database.
cat >bad.keys <<'EOF'
bind board r new-report
bind nowhere j move-down
bind generic <F13> quit
	bind incident x frobnicate
unbind board
bind board r new-report extra
rebind board r new-report

bind board 中 new-report
EOF
rm -f yingji.db
YINGJI_KEYS=bad.keys YINGJI_DB=yingji.db "$YINGJI" tui --script press.script >bad.out 2>bad.err
RC=$? ERR=$(cat bad.err)
expect_rc "a bad bindings file stops the console" 65
expect_eq "a bad bindings file: every problem at its place" "$ERR" \
"bad.keys:2:6: error: unknown view 'nowhere'
bad.keys:3:14: error: unknown key '<F13>'
bad.keys:4:18: error: unknown request 'frobnicate'
bad.keys:5:1: error: expected 'unbind VIEW KEY'
bad.keys:6:1: error: expected 'bind VIEW KEY REQUEST' or 'unbind VIEW KEY'
bad.keys:7:1: error: expected 'bind VIEW KEY REQUEST' or 'unbind VIEW KEY'
yingji: bad.keys: the console does not start with bad key bindings"
expect_eq "a bad bindings file: nothing on stdout" "$(cat bad.out)" ""
if [ -e yingji.db ]; then
	fail "a bad bindings file: no database is created"
else
	pass "a bad bindings file: no database is created"
fi
# The same at the default place: found there, refused the same way.
mkdir -p badxdg/yingji && cp bad.keys badxdg/yingji/keys
XDG_CONFIG_HOME="$T_TMP/badxdg" "$YINGJI" tui --script press.script >/dev/null 2>bad2.err
RC=$? ERR=$(head -1 bad2.err)
expect_rc "a bad file at the default place stops the console too" 65
expect_eq "it is named by its full path" "$ERR" \
	"$T_TMP/badxdg/yingji/keys:2:6: error: unknown view 'nowhere'"
printf 'bind board r new-report\0bind board q quit\n' >nul.keys
YINGJI_KEYS=nul.keys "$YINGJI" tui --script press.script >/dev/null 2>nul.err
RC=$? ERR=$(cat nul.err)
expect_rc "a bindings file holding a NUL byte is refused" 65
expect_match "it says why" "$ERR" "^nul.keys: error: not a text file"

# A file named by $YINGJI_KEYS must be there.
YINGJI_KEYS=missing.keys YINGJI_DB=yingji.db run tui --script press.script
expect_rc "a missing \$YINGJI_KEYS file stops the console" 66
expect_eq "it says which file and why" "$ERR" \
	"yingji: key bindings missing.keys: cannot open: No such file or directory"
YINGJI_KEYS=xdg run tui --script press.script
expect_rc "a directory as \$YINGJI_KEYS stops the console" 66
expect_eq "it says so" "$ERR" "yingji: key bindings xdg: is a directory, not a file"
finish
