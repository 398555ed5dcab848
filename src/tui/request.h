/*
 * Every action an officer can ask of the console is a named request.  This
 * one table generates the enum, the names that key bindings and test scripts
 * use, the hints on the status line and the help overlay (tig's request.h).
 */
#ifndef YINGJI_TUI_REQUEST_H
#define YINGJI_TUI_REQUEST_H

#include <stdbool.h>

#include "tui/i18n.h"

/* X(ID, "name", short label for the hint line, one-line help) */
#define TUI_REQUEST_TABLE(X) \
	X(NONE, "none", N_("nothing"), N_("do nothing")) \
	X(MOVE_UP, "move-up", N_("up"), N_("move to the line above")) \
	X(MOVE_DOWN, "move-down", N_("down"), N_("move to the line below")) \
	X(PAGE_UP, "page-up", N_("page up"), N_("move one page up")) \
	X(PAGE_DOWN, "page-down", N_("page down"), N_("move one page down")) \
	X(MOVE_FIRST, "move-first", N_("first"), N_("move to the first line")) \
	X(MOVE_LAST, "move-last", N_("last"), N_("move to the last line")) \
	X(NEXT_PANE, "next-pane", N_("next pane"), N_("move to the next pane")) \
	X(PREV_PANE, "prev-pane", N_("previous pane"), N_("move to the previous pane")) \
	X(ENTER, "enter", N_("open"), N_("act on the selected line")) \
	X(CANCEL, "cancel", N_("cancel"), N_("cancel and close (asks first if text was typed)")) \
	X(BACK, "back", N_("back"), N_("close this screen; on the board, leave the console")) \
	X(QUIT, "quit", N_("quit"), N_("leave the console")) \
	X(HELP, "help", N_("help"), N_("show the keys of this screen")) \
	X(REFRESH, "refresh", N_("refresh"), N_("reload from the database and redraw")) \
	X(NEW, "new-report", N_("new report"), N_("take a new report (the intake form)")) \
	X(TOGGLE_CLOSED, "toggle-closed", N_("closed"), N_("show or hide closed incidents")) \
	X(TOGGLE_DRILLS, "toggle-drills", N_("drills"), N_("show drills instead of real incidents")) \
	X(NOTE, "note", N_("note"), N_("add a note to the timeline")) \
	X(TICK, "tick", N_("tick"), N_("tick the selected checklist item")) \
	X(SKIP, "skip", N_("skip"), N_("skip the selected checklist item (asks a reason)")) \
	X(UNTICK, "untick", N_("untick"), N_("untick the selected checklist item (asks first)")) \
	X(FIELDS, "edit-fields", N_("fields"), N_("record fields (this phase's first)")) \
	X(ADVANCE, "advance", N_("advance"), N_("take a decision: leave this phase")) \
	X(LEVEL, "level", N_("level"), N_("assess and confirm the level")) \
	X(CONTACTS, "contacts", N_("contacts"), N_("whom to notify; mark notified and acknowledged")) \
	X(REPORT, "report", N_("report"), N_("preview and export the report")) \
	X(ROLES, "roles", N_("roles"), N_("who holds which role; assign a person")) \
	X(HANDOVER, "handover", N_("handover"), N_("hand over command, with a briefing")) \
	X(SUBMIT, "submit", N_("save"), N_("record what the form holds")) \
	X(NOW, "insert-now", N_("now"), N_("put the current time in a time field")) \
	X(ANSWER_YES, "answer-yes", N_("yes"), N_("answer the selected question yes")) \
	X(ANSWER_NO, "answer-no", N_("no"), N_("answer the selected question no")) \
	X(ANSWER_UNKNOWN, "answer-unknown", N_("unknown"), N_("take back the answer to the selected question")) \
	X(OVERRIDE, "override-level", N_("override"), N_("choose another level than suggested (asks a reason)")) \
	X(NOTIFY, "notify", N_("notified"), N_("record that the selected contact was notified")) \
	X(ACK, "acknowledge", N_("acknowledged"), N_("record that the selected contact acknowledged")) \
	X(ASSIGN, "assign", N_("assign"), N_("assign a person to the selected role")) \
	X(EXPORT, "export", N_("export"), N_("write the report to a file")) \
	X(SWITCH, "switch-report", N_("switch"), N_("switch between the incident report and the timeline")) \
	X(REPLAY, "replay", N_("replay"), N_("replay the selected incident, moment by moment")) \
	X(PLAY, "play-pause", N_("play/pause"), N_("replay: play at the journal's pace, or pause")) \
	X(FASTER, "faster", N_("faster"), N_("replay: play faster (×1 ×10 ×60 ×600 ×3600)")) \
	X(SLOWER, "slower", N_("slower"), N_("replay: play slower")) \
	X(STEP_NEXT, "next-entry", N_("next"), N_("replay: step to the next entry")) \
	X(STEP_PREV, "prev-entry", N_("previous"), N_("replay: step back to the previous entry")) \
	X(PHASE_NEXT, "next-phase", N_("next phase"), N_("replay: jump to the start of the next phase")) \
	X(PHASE_PREV, "prev-phase", N_("previous phase"), N_("replay: back to the start of this (or the previous) phase")) \
	X(ENTRY_FIRST, "first-entry", N_("start"), N_("replay: jump to the first entry")) \
	X(ENTRY_LAST, "last-entry", N_("end"), N_("replay: jump to the last entry")) \
	X(ANNOTATE, "annotate", N_("annotate"), N_("replay: annotate the selected (else the current) entry")) \
	X(YES, "yes", N_("yes"), N_("yes: go ahead")) \
	X(NO, "no", N_("no"), N_("no: go back")) \
	X(DRILL_PAUSE, "drill-pause", N_("pause"), N_("drill: pause or resume the drill clock (trainer)")) \
	X(DRILL_INJECT, "drill-inject", N_("inject"), N_("drill: send the trainee an ad-hoc inject (trainer)")) \
	X(DRILL_END, "drill-end", N_("end drill"), N_("drill: end the drill and show its score (asks first)"))

enum tui_request {
#define REQUEST_ENUM(id, name, label, help) TUI_REQ_##id,
	TUI_REQUEST_TABLE(REQUEST_ENUM)
#undef REQUEST_ENUM
	TUI_REQ_COUNT
};

/* The request's name as bindings write it ("move-down"). */
const char *tui_request_name(enum tui_request rq);
/* Its short label and its help, translated. */
const char *tui_request_label(enum tui_request rq);
const char *tui_request_help(enum tui_request rq);
/* The request named `name`; false when there is none. */
bool tui_request_from_name(const char *name, enum tui_request *out);

#endif
