package ui

import (
	"charm.land/bubbles/v2/textinput"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// All the console's styles live here (house style: no NewStyle in View
// bodies). Colours are chosen to read on dark and light terminals; every
// meaning a colour carries is also carried by text or a symbol, so the
// console works with NO_COLOR (Bubble Tea drops the colours then).
var (
	colorAccent  = lipgloss.Color("#7D56F4")
	colorOK      = lipgloss.Color("#2E9E5B")
	colorWarn    = lipgloss.Color("#D98E04")
	colorBad     = lipgloss.Color("#D0342C")
	colorMuted   = lipgloss.Color("#8A8A8A")
	colorSandbox = lipgloss.Color("#2F6FDB")
	colorWhite   = lipgloss.Color("#FFFFFF")
	colorBlack   = lipgloss.Color("#000000")
)

type styles struct {
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
}

func newStyles() styles {
	badge := lipgloss.NewStyle().Bold(true).Padding(0, 1).Foreground(colorWhite)
	return styles{
		badgeSandbox: badge.Background(colorSandbox),
		badgeTest:    badge.Background(colorWarn).Foreground(colorBlack),
		badgeLive:    badge.Background(colorBad),
		header:       lipgloss.NewStyle().Bold(true),
		headerDim:    lipgloss.NewStyle().Foreground(colorMuted),
		headerBar:    lipgloss.NewStyle().Padding(0, 1),
		statusBar:    lipgloss.NewStyle().Padding(0, 1),
		title:        lipgloss.NewStyle().Bold(true).Foreground(colorAccent).MarginBottom(1),
		subtitle:     lipgloss.NewStyle().Bold(true),
		label:        lipgloss.NewStyle().Foreground(colorMuted).Width(18),
		value:        lipgloss.NewStyle(),
		muted:        lipgloss.NewStyle().Foreground(colorMuted),
		amount:       lipgloss.NewStyle().Bold(true),
		ok:           lipgloss.NewStyle().Bold(true).Foreground(colorOK),
		warn:         lipgloss.NewStyle().Bold(true).Foreground(colorWarn),
		bad:          lipgloss.NewStyle().Bold(true).Foreground(colorBad),
		errorLine:    lipgloss.NewStyle().Foreground(colorBad),
		menuItem:     lipgloss.NewStyle().PaddingLeft(2),
		menuSelected: lipgloss.NewStyle().PaddingLeft(0).Bold(true).Foreground(colorAccent),
		menuKey:      lipgloss.NewStyle().Foreground(colorMuted),
		panel: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).
			BorderForeground(colorMuted).Padding(0, 1),
		panelTitle:    lipgloss.NewStyle().Bold(true),
		body:          lipgloss.NewStyle().Padding(1, 2),
		footer:        lipgloss.NewStyle().Padding(0, 1),
		countdown:     lipgloss.NewStyle().Bold(true),
		countdownWarn: lipgloss.NewStyle().Bold(true).Foreground(colorBad),
		qr:            lipgloss.NewStyle().Foreground(colorWhite).Background(colorBlack),
		link:          lipgloss.NewStyle().Underline(true).Foreground(colorSandbox),
		receipt: lipgloss.NewStyle().Border(lipgloss.NormalBorder()).
			BorderForeground(colorMuted).Padding(0, 1),
		box: lipgloss.NewStyle().Border(lipgloss.NormalBorder()).
			BorderForeground(colorAccent).Padding(0, 1),
	}
}

// formTheme is huh's Charm theme computed once per background. huh asks its
// theme for styles on every field render; building the theme each time cost
// most of a keystroke (about 3 ms of 4 in BenchmarkAmountKey).
type formTheme struct{ dark, light *huh.Styles }

func (t *formTheme) Theme(isDark bool) *huh.Styles {
	if isDark {
		return t.dark
	}
	return t.light
}

var cachedFormTheme = &formTheme{dark: faintPlaceholders(huh.ThemeCharm(true)), light: faintPlaceholders(huh.ThemeCharm(false))}

// faintPlaceholders makes a placeholder faint as well as grey: with
// NO_COLOR the grey is gone, and "998 90 123 45 67" or "150 000" read as
// values already typed. Faint survives the colour profile; so does the
// difference.
func faintPlaceholders(t *huh.Styles) *huh.Styles {
	t.Focused.TextInput.Placeholder = t.Focused.TextInput.Placeholder.Faint(true)
	t.Blurred.TextInput.Placeholder = t.Blurred.TextInput.Placeholder.Faint(true)
	return t
}

// newInput is a text input whose placeholder stays apart from typed text
// without colour (see faintPlaceholders).
func newInput() textinput.Model {
	in := textinput.New()
	st := in.Styles()
	st.Focused.Placeholder = st.Focused.Placeholder.Faint(true)
	st.Blurred.Placeholder = st.Blurred.Placeholder.Faint(true)
	in.SetStyles(st)
	return in
}
