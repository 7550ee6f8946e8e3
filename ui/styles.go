package ui

import (
	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// styles are the shared styles (ui/common) under the names the root's
// screens were written with. The styles themselves are made once, in
// common.NewStyles; the areas that have their own package (ui/qa) use
// common.Styles directly, and the rest follow as they move out.
//
// styles is a pointer: the set is about 39 kB, made once and never changed,
// and every View and every T call takes it — by value each call copied it
// onto the stack, and the copies grew the event loop's stack again after
// each collection shrank it (a third of the CPU a key cost, in a profile).
type styles = *styleSet

type styleSet struct {
	badgeSandbox, badgeTest, badgeLive lipgloss.Style
	header, headerDim, headerBar       lipgloss.Style
	statusBar                          lipgloss.Style
	title, subtitle                    lipgloss.Style
	label, value, muted                lipgloss.Style
	amount                             lipgloss.Style
	ok, warn, bad                      lipgloss.Style
	errorLine                          lipgloss.Style
	menuItem, menuSelected, menuKey    lipgloss.Style
	panel, panelTitle                  lipgloss.Style
	body                               lipgloss.Style
	footer                             lipgloss.Style
	countdown, countdownWarn           lipgloss.Style
	qr, link, receipt                  lipgloss.Style
	box                                lipgloss.Style
	lang                               Lang // see T in i18n.go
	common                             common.Styles
}

func newStyles() styles {
	c := common.NewStyles()
	return &styleSet{
		badgeSandbox: c.BadgeSandbox, badgeTest: c.BadgeTest, badgeLive: c.BadgeLive,
		header: c.Header, headerDim: c.HeaderDim, headerBar: c.HeaderBar,
		statusBar: c.StatusBar,
		title:     c.Title, subtitle: c.Subtitle,
		label: c.Label, value: c.Value, muted: c.Muted,
		amount: c.Amount,
		ok:     c.OK, warn: c.Warn, bad: c.Bad,
		errorLine: c.ErrorLine,
		menuItem:  c.MenuItem, menuSelected: c.MenuSelected, menuKey: c.MenuKey,
		panel: c.Panel, panelTitle: c.PanelTitle,
		body:      c.Body,
		footer:    c.Footer,
		countdown: c.Countdown, countdownWarn: c.CountdownWarn,
		qr: c.QR, link: c.Link, receipt: c.Receipt,
		box: c.Box, common: c,
	}
}

// shared are the same styles as common.Styles, in the console's
// language, for the areas in packages of their own.
func (s styles) shared() common.Styles {
	c := s.common
	c.Lang = i18n.Lang(s.lang)
	return c
}
