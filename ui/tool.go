package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// tool is a screen of the back office (the QA tools have their own, qa.Tool) that keeps its own
// state and reaches the rest of the console only through Options: the
// journal, the gateway, the sandbox's controls, the clock. The root routes
// to it every message it does not handle itself, as it does for the
// counter's screens, and draws the header, status line and footer around
// it. A tool leaves with closeToolMsg.
type tool interface {
	// Title is the screen's heading, in the console's language.
	Title(st styles) string
	Update(msg tea.Msg, o Options) (tool, tea.Cmd)
	// View draws the tool in width×height cells (the header, status line,
	// footer and SMS panel are already taken off).
	View(st styles, o Options, width, height int) string
	// Keys are the tool's keys, shown in the footer.
	Keys() help.KeyMap
}

// openToolMsg puts a tool on screen and runs init (which may be nil).
type openToolMsg struct {
	t    tool
	init tea.Cmd
}

// closeToolMsg takes the tool off screen and goes home.
type closeToolMsg struct{}

func openTool(t tool, init tea.Cmd) tea.Cmd {
	return instant(openToolMsg{t, init})
}

func closeTool() tea.Msg { return closeToolMsg{} }
