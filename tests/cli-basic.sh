#!/bin/bash
# The command line itself: --help, --version, global options, usage errors.
. "$top_srcdir/tests/lib.sh"

run --help
expect_rc "--help" 0
expect_match "--help lists the playbook command" "$OUT" '^  playbook check FILE\.\.\. \| show FILE'
expect_match "--help names the global options" "$OUT" '--db PATH'

run --version
expect_rc "--version" 0
expect_match "--version prints name and version" "$OUT" '^yingji [0-9]+\.[0-9]+\.[0-9]+$'

run
expect_rc "no command opens the console, which refuses without a terminal" 64
expect_eq "no command message points at the commands" "$ERR" \
	"yingji: the console needs a terminal; use the commands instead (yingji --help)"

run frobnicate
expect_rc "unknown command" 64
expect_eq "unknown command message" "$ERR" "yingji: unknown command 'frobnicate'; see 'yingji --help'"

run playbok check x
expect_rc "misspelt command" 64
expect_eq "misspelt command hint" "$ERR" "yingji: unknown command 'playbok' (did you mean 'playbook'?); see 'yingji --help'"

run --bogus playbook check x
expect_rc "unknown option" 64
expect_eq "unknown option message" "$ERR" "yingji: unknown or incomplete option '--bogus'; see 'yingji --help'"

run --db
expect_rc "option without value" 64
expect_eq "option without value message" "$ERR" "yingji: option '--db' needs a value; see 'yingji --help'"

run --operator "" playbook check x
expect_rc "empty option value" 64

run playbook
expect_rc "playbook without subcommand" 64
expect_match "playbook usage line" "$ERR" "usage: yingji playbook check FILE\.\.\. \| show FILE"

run playbook check
expect_rc "playbook check without files" 64

run playbook show a b
expect_rc "playbook show with two files" 64

run playbook lint x
expect_rc "playbook unknown subcommand" 64

run playbook check "$T_TMP/missing.yaml"
expect_rc "missing playbook file" 66
expect_eq "missing file message" "$ERR" "$T_TMP/missing.yaml: error: cannot open: No such file or directory"

run playbook check "$T_TMP"
expect_rc "a directory as playbook" 66

# Global options are accepted before the command (and do not disturb it).
run --db "$T_TMP/x.db" --playbook "$top_srcdir/playbooks/lucheng-2017.yaml" --operator 张三 \
	playbook check "$top_srcdir/playbooks/lucheng-2017.yaml"
expect_rc "global options before a command" 0

finish
