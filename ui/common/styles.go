// Package common is what the screens' areas share: the styles, the keys
// every form answers to, the context a screen is drawn and updated in, and
// the widgets more than one area shows (an exchange's redacted bodies, a
// scrolled text, card digits). It imports nothing of the console's screens,
// so every area's package can import it.
package common

import (
	"sync"

	"charm.land/bubbles/v2/textinput"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// All the console's styles live here (house style: no NewStyle in View
// bodies). Colours are chosen to read on dark and light terminals; every
// meaning a colour carries is also carried by text or a symbol, so the
// console works with NO_COLOR (Bubble Tea drops the colours then).
var (
	ColorAccent  = lipgloss.Color("#7D56F4")
	ColorOK      = lipgloss.Color("#2E9E5B")
	ColorWarn    = lipgloss.Color("#D98E04")
	ColorBad     = lipgloss.Color("#D0342C")
	ColorMuted   = lipgloss.Color("#8A8A8A")
	ColorSandbox = lipgloss.Color("#2F6FDB")
	ColorWhite   = lipgloss.Color("#FFFFFF")
	ColorBlack   = lipgloss.Color("#000000")
)

// Styles are the console's styles, with the language the screens speak:
// every View has them, so every View can word its texts (T, Tf).
type Styles struct {
	BadgeSandbox, BadgeTest, BadgeLive lipgloss.Style
	Header, HeaderDim, HeaderBar       lipgloss.Style
	StatusBar                          lipgloss.Style
	Title, Subtitle                    lipgloss.Style
	Label, Value, Muted                lipgloss.Style
	Amount                             lipgloss.Style
	OK, Warn, Bad                      lipgloss.Style
	ErrorLine                          lipgloss.Style
	MenuItem, MenuSelected, MenuKey    lipgloss.Style
	Panel, PanelTitle                  lipgloss.Style
	Body                               lipgloss.Style
	Footer                             lipgloss.Style
	Countdown, CountdownWarn           lipgloss.Style
	QR, Link, Receipt                  lipgloss.Style
	Box                                lipgloss.Style
	Lang                               i18n.Lang
}

// NewStyles are the styles in English.
func NewStyles() Styles {
	badge := lipgloss.NewStyle().Bold(true).Padding(0, 1).Foreground(ColorWhite)
	return Styles{
		BadgeSandbox: badge.Background(ColorSandbox),
		BadgeTest:    badge.Background(ColorWarn).Foreground(ColorBlack),
		BadgeLive:    badge.Background(ColorBad),
		Header:       lipgloss.NewStyle().Bold(true),
		HeaderDim:    lipgloss.NewStyle().Foreground(ColorMuted),
		HeaderBar:    lipgloss.NewStyle().Padding(0, 1),
		StatusBar:    lipgloss.NewStyle().Padding(0, 1),
		Title:        lipgloss.NewStyle().Bold(true).Foreground(ColorAccent).MarginBottom(1),
		Subtitle:     lipgloss.NewStyle().Bold(true),
		Label:        lipgloss.NewStyle().Foreground(ColorMuted).Width(18),
		Value:        lipgloss.NewStyle(),
		Muted:        lipgloss.NewStyle().Foreground(ColorMuted),
		Amount:       lipgloss.NewStyle().Bold(true),
		OK:           lipgloss.NewStyle().Bold(true).Foreground(ColorOK),
		Warn:         lipgloss.NewStyle().Bold(true).Foreground(ColorWarn),
		Bad:          lipgloss.NewStyle().Bold(true).Foreground(ColorBad),
		ErrorLine:    lipgloss.NewStyle().Foreground(ColorBad),
		MenuItem:     lipgloss.NewStyle().PaddingLeft(2),
		MenuSelected: lipgloss.NewStyle().PaddingLeft(0).Bold(true).Foreground(ColorAccent),
		MenuKey:      lipgloss.NewStyle().Foreground(ColorMuted),
		Panel: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).
			BorderForeground(ColorMuted).Padding(0, 1),
		PanelTitle:    lipgloss.NewStyle().Bold(true),
		Body:          lipgloss.NewStyle().Padding(1, 2),
		Footer:        lipgloss.NewStyle().Padding(0, 1),
		Countdown:     lipgloss.NewStyle().Bold(true),
		CountdownWarn: lipgloss.NewStyle().Bold(true).Foreground(ColorBad),
		QR:            lipgloss.NewStyle().Foreground(ColorWhite).Background(ColorBlack),
		Link:          lipgloss.NewStyle().Underline(true).Foreground(ColorSandbox),
		Receipt: lipgloss.NewStyle().Border(lipgloss.NormalBorder()).
			BorderForeground(ColorMuted).Padding(0, 1),
		Box: lipgloss.NewStyle().Border(lipgloss.NormalBorder()).
			BorderForeground(ColorAccent).Padding(0, 1),
		Lang: i18n.EN,
	}
}

// T and Tf word a text in the styles' language.
func (s Styles) T(en string) string                   { return s.Lang.T(en) }
func (s Styles) Tf(format string, args ...any) string { return s.Lang.Tf(format, args...) }

// formTheme is huh's Charm theme computed once per background. huh asks its
// theme for styles on every field render; building the theme each time cost
// most of a keystroke (about 3 ms of 4 in BenchmarkAmountKey). It is built
// when the first form is, not at every start: the home screen has none.
type formTheme struct{}

var formStyles = sync.OnceValue(func() [2]*huh.Styles {
	return [2]*huh.Styles{faintPlaceholders(huh.ThemeCharm(false)), faintPlaceholders(huh.ThemeCharm(true))}
})

func (formTheme) Theme(isDark bool) *huh.Styles {
	if isDark {
		return formStyles()[1]
	}
	return formStyles()[0]
}

// FormTheme is the theme of every huh form on screen.
var FormTheme huh.Theme = formTheme{}

// FormGroup groups fields that wear FormTheme from the start. huh gives a
// field without a theme the Charm theme built afresh at each look, and
// NewGroup measures its fields before the form's WithTheme reaches them:
// each new payment's forms built it about forty times (2.3 MB).
func FormGroup(fields ...huh.Field) *huh.Group {
	for _, f := range fields {
		f.WithTheme(FormTheme)
	}
	return huh.NewGroup(fields...)
}

// faintPlaceholders makes a placeholder faint as well as grey: with
// NO_COLOR the grey is gone, and "998 90 123 45 67" or "150 000" read as
// values already typed. Faint survives the colour profile; so does the
// difference.
func faintPlaceholders(t *huh.Styles) *huh.Styles {
	t.Focused.TextInput.Placeholder = t.Focused.TextInput.Placeholder.Faint(true)
	t.Blurred.TextInput.Placeholder = t.Blurred.TextInput.Placeholder.Faint(true)
	return t
}

// NewInput is a text input whose placeholder stays apart from typed text
// without colour (see faintPlaceholders).
func NewInput() textinput.Model {
	in := textinput.New()
	st := in.Styles()
	st.Focused.Placeholder = st.Focused.Placeholder.Faint(true)
	st.Blurred.Placeholder = st.Blurred.Placeholder.Faint(true)
	in.SetStyles(st)
	return in
}
