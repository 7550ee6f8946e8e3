package ui

import (
	"image/color"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// The root's drawing: the header, the active screen (with the SMS panel
// beside it), the status line and the footer with the keys that act now.

// View draws the console.
func (a App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = !a.opts.Accessible
	v.WindowTitle = "octo-cashier · " + a.opts.Mode
	return v
}

// screenSize is the room the active screen has: the window less the
// header, status, footer, padding and the SMS panel.
func (a App) screenSize() tea.WindowSizeMsg {
	w := a.width - 4
	if a.smsVisible() {
		w -= smsPanelWidth
	}
	return tea.WindowSizeMsg{Width: max(w, 20), Height: max(a.height-6, 5)}
}

func (a App) smsVisible() bool {
	if a.opts.Outbox == nil {
		return false
	}
	if a.smsShown != nil {
		return *a.smsShown
	}
	// The QR code takes the room: the customer's SMS goes to their phone.
	return a.width >= smsPanelAutoWidth && a.screen != screenQR
}

// render lays out the header, the screen (with the SMS panel beside it),
// the status line and the footer with the active screen's keys.
func (a App) render() string {
	if a.lock.on {
		return a.lock.View(a.st, a.shiftNow, a.width, a.height, a.opts.Now())
	}
	if a.tooSmall() {
		text := a.st.Tf("The console needs a terminal of at least %d×%d.\nThis one is %d×%d: please make it larger.",
			minWidth, minHeight, a.width, a.height) + "\n" + a.st.T("Keys are paused until then (ctrl+c still quits).")
		if a.notice != "" {
			text += "\n\n! " + a.notice
		}
		return text
	}
	header := a.header()
	status := a.statusLine()
	keys := a.activeKeys()
	footer := a.st.Footer.Render(a.help.View(keys))
	if a.width > 0 && lipgloss.Width(footer) > a.width && !a.help.ShowAll {
		// Too wide: the keys that get the cashier out (esc, ctrl+c) go
		// first, so the cut takes the others.
		footer = a.st.Footer.Render(a.help.ShortHelpView(wayOutFirst(keys.ShortHelp())))
	}
	if a.width > 0 && lipgloss.Width(footer) > a.width {
		// help.Model stops before a key that does not fit only when its own
		// "…" still fits; otherwise the line runs past the edge and wraps.
		lines := strings.Split(footer, "\n")
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, a.width-1, "…")
		}
		footer = strings.Join(lines, "\n")
	}

	bodyWidth := a.width
	panel := ""
	if a.smsVisible() {
		bodyWidth -= smsPanelWidth
	}
	var body string
	if a.confirm != nil {
		body = a.confirm.View(a.st, bodyWidth-4)
	} else {
		body = a.screenView(bodyWidth - 4)
	}
	if a.errText != "" {
		body += "\n\n" + a.st.ErrorLine.Render("✗ "+a.errText)
	}
	if a.notice != "" {
		body += "\n\n" + a.st.Warn.Render("! "+a.notice)
	}
	bodyHeight := a.height - lipgloss.Height(header) - lipgloss.Height(status) - lipgloss.Height(footer)
	if a.width > 0 && bodyHeight > 0 {
		body = fitBody(a.st.Body, body, bodyWidth, bodyHeight)
		if a.smsVisible() {
			panel = a.smsDrawn.draw(a.st, a.sms, smsPanelWidth-2, bodyHeight)
			body = beside(body, panel, bodyWidth)
		}
	} else {
		body = a.st.Body.Render(body)
	}
	return strings.Join([]string{header, body, status, footer}, "\n")
}

// The frame is put together by hand, not with lipgloss.JoinVertical and
// JoinHorizontal: those measure every line's width to pad it to the
// widest with spaces, and on every frame (a cursor's blink, a spinner's
// turn) that was a third of all the console allocated (make memwalk).
// The blocks are one under the other as they are (a short line's end is
// blank on the terminal anyway), and the body is already its width.

// beside puts right to the right of left, top-aligned. Every line of left
// is width columns wide (a block lipgloss rendered to that width); where
// right is the taller, left's missing lines are that many spaces.
func beside(left, right string, width int) string {
	l, r := strings.Split(left, "\n"), strings.Split(right, "\n")
	var b strings.Builder
	b.Grow(len(left) + len(right) + max(len(r)-len(l), 0)*width)
	for i := range max(len(l), len(r)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(l) {
			b.WriteString(l[i])
		} else {
			b.WriteString(strings.Repeat(" ", width))
		}
		if i < len(r) {
			b.WriteString(r[i])
		}
	}
	return b.String()
}

func (a App) header() string {
	parts := []string{a.st.Header.Render("octo-cashier")}
	if !a.opts.Shop.IsZero() {
		parts = append(parts, a.st.HeaderDim.Render(a.opts.Shop.words(a.st.lang)))
	}
	if a.opts.Operator != "" {
		parts = append(parts, a.st.HeaderDim.Render(a.st.Tf("operator %s", a.opts.Operator)))
	}
	line := strings.Join(parts, a.st.HeaderDim.Render(" · "))
	if a.width > 2 {
		line = ansi.Truncate(line, a.width-2, "…") // the bar's padding
	}
	return a.st.HeaderBar.Render(line)
}

// statusLine is always visible: the mode badge, the connection health and
// what is in flight.
func (a App) statusLine() string {
	badge := a.st.BadgeLive
	switch a.opts.Mode {
	case ModeSandbox:
		badge = a.st.BadgeSandbox
	case ModeTest:
		badge = a.st.BadgeTest
	}
	mode, health, busy := badge.Render(a.opts.Mode), a.health.view(a.st, a.opts.Gateway), ""
	if a.busy != "" {
		busy = "  " + a.st.Warn.Render("⋯ "+a.busy)
	}
	busy = a.storeView() + busy
	if a.width > 0 {
		// What is in flight matters more than the last call's error text:
		// the health gives way, so the line never runs past the edge (where
		// the terminal cut "⋯ checking with OCTO" to "⋯ chec").
		room := a.width - a.st.StatusBar.GetHorizontalFrameSize() - lipgloss.Width(mode) - 2 - lipgloss.Width(busy)
		if lipgloss.Width(health) > room {
			health = ansi.Truncate(health, max(room, 1), "…")
		}
	}
	return a.st.StatusBar.Render(mode + "  " + health + busy)
}

func (a App) screenView(width int) string {
	if a.qa != nil {
		return a.qaView(width)
	}
	if a.opts.Accessible && (a.screen == screenNewPayment || a.screen == screenCard) {
		// The form runs as prompts below the screen (huh's accessible mode).
		return a.st.Title.Render(a.st.T(map[screenID]string{screenNewPayment: "New payment", screenCard: "Customer's card"}[a.screen])) +
			"\n" + a.st.T("Answer the questions below, one per line.")
	}
	switch a.screen {
	case screenNewPayment:
		if a.token != nil {
			// No card screen follows: say which card will pay.
			return a.st.Title.Render(a.st.T("New payment")+" · "+a.st.Tf("with the saved card %s", groupMasked(a.token.Card))) +
				"\n" + a.newPay.View()
		}
		return a.st.Title.Render(a.st.T("New payment")) + "\n" + a.newPay.View()
	case screenCard:
		// One line: wrapped beside the SMS panel, the order pushed the
		// card fields down and left a stub of the description. A card
		// being saved has no order: the line says whose card it is.
		line := a.orderLine()
		if a.bindCustomer != "" {
			line = a.st.Muted.Render(a.st.Tf("Saving a card for %s · no payment is taken", groupPhone(a.bindCustomer)))
		}
		return a.st.Title.Render(a.st.T("Customer's card")) + "\n" + ansi.Truncate(line, max(width, 20), "…") + "\n\n" + a.card.View()
	case screenWorking:
		title := "Payment"
		switch {
		case a.pay.State == flows.Resolving && a.pay.Problem.Is(flows.ProblemCheckingCode):
			// A wrong code or a decline answered: the status read only
			// tells which. Routine, not the alarm of a lost answer.
			title = "SMS code"
		case a.pay.State == flows.Resolving:
			title = "Outcome unknown"
		}
		return a.st.Title.Render(a.st.T(title)) + "\n" + a.working.View(a.st, a.pay)
	case screenOTP:
		hint := ""
		if a.opts.Outbox != nil && !a.smsVisible() {
			hint = a.st.T("Sandbox: f2 shows the customer's SMS.")
		}
		return a.st.Title.Render(a.st.T("SMS code")) + "\n" + a.otp.View(a.st, a.pay, a.opts.Now(), hint)
	case screen3DS:
		return a.st.Title.Render(a.st.T("3-D Secure")) + "\n" + a.threeDS.View(a.st, a.pay, width, a.height-8)
	case screenHold:
		return a.st.Title.Render(a.st.T("Hold")) + "\n" + a.hold.View(a.st, a.pay, a.opts.Now())
	case screenResult:
		return a.st.Title.Render(a.st.T("Result")) + "\n" + a.result.View(a.st, a.pay, a.opts.Now(), width, a.height-9)
	case screenHolds:
		return a.st.Title.Render(a.st.T("Open holds")) + "\n" + a.holds.View(a.st, a.opts.Now())
	case screenShift:
		return a.st.Title.Render(a.st.T("Shift")) + "\n" + a.shift.View(a.st, a.opts.Currency, a.opts.Now().Location())
	case screenSaved:
		return a.st.Title.Render(a.st.T("Saved cards")) + "\n" + a.saved.View(a.st)
	case screenBind:
		title := "Saving a card"
		if a.bind.State == flows.BindBlocking || a.bind.State == flows.BindBlocked {
			title = "Blocking a saved card"
		}
		return a.st.Title.Render(a.st.T(title)) + "\n" + a.bindS.View(a.st, a.bind, a.opts.Now())
	case screenTool:
		if a.tool != nil {
			return a.st.Title.Render(a.tool.Title(a.st)) + "\n" + a.tool.View(a.st, a.opts, width, a.height-9)
		}
	case screenPayBy:
		return a.st.Title.Render(a.st.T("New payment")) + "\n" + a.payBy.View(a.st, width)
	case screenQR:
		// No title: the code needs every line (its column names the screen).
		footer := lipgloss.Height(a.st.Footer.Render(a.help.View(a.activeKeys())))
		return a.qrPay.View(a.st, a.pay, a.opts.Now(), width, a.height-4-footer)
	case screenHome:
	}
	return a.home.View(a.st, width)
}

// orderLine sums up the order above the card form.
func (a App) orderLine() string {
	kind := a.st.T("one-stage: charge now")
	if a.order.TwoStage {
		kind = a.st.T("two-stage: hold, capture later")
	}
	line := a.st.Amount.Render(FormatMoney(a.order.Amount, a.opts.Currency)) + a.st.Muted.Render(" · "+kind)
	if a.order.Description != "" {
		line += a.st.Muted.Render(" · " + truncate(a.order.Description, 30))
	}
	return line
}

func (a App) activeKeys() help.KeyMap {
	var screen help.KeyMap
	switch a.screen {
	case screenNewPayment, screenCard:
		screen = a.keys.form
	case screenHome:
		screen = a.home.keys
	case screenWorking:
		screen = a.working.keys
	case screenOTP:
		screen = a.otp.keys
	case screen3DS:
		screen = a.threeDS.keys
	case screenHold:
		screen = a.hold.keys
	case screenResult:
		screen = a.result.keys
	case screenHolds:
		screen = a.holds.keys
	case screenShift:
		screen = a.shift.keys
	case screenSaved:
		screen = a.saved.keys
	case screenBind:
		screen = a.bindS.keys
	case screenTool:
		if a.tool != nil {
			screen = a.tool.Keys()
		}
	case screenPayBy:
		screen = a.payBy.keys
	case screenQR:
		screen = a.qrPay.keys
	}
	if a.qa != nil {
		screen = a.qa.Keys()
	}
	if a.confirm != nil {
		screen = a.confirm.keys
	}
	return common.InLang{Keys: a.withQAHelp(withGlobal{screen, a.keys, a.opts.Outbox != nil, a.busy != ""}), Lang: i18n.Lang(a.st.lang)}
}

// withGlobal adds the global keys to a screen's key map for the footer.
type withGlobal struct {
	screen help.KeyMap
	global globalKeys
	sms    bool
	busy   bool // money in flight: ctrl+c is refused
}

func (w withGlobal) ShortHelp() []key.Binding {
	ks := append([]key.Binding{}, w.screen.ShortHelp()...)
	if w.sms {
		ks = append(ks, w.global.SMS)
	}
	ks = append(ks, w.global.Help)
	if !w.busy {
		ks = append(ks, w.global.Quit) // refused while money is in flight: not offered
	}
	return ks
}

// wayOutFirst puts the bindings of esc and ctrl+c first, the rest after
// in their order.
func wayOutFirst(ks []key.Binding) []key.Binding {
	var first, rest []key.Binding
	for _, k := range ks {
		if slices.Contains(k.Keys(), "esc") || slices.Contains(k.Keys(), "ctrl+c") {
			first = append(first, k)
		} else {
			rest = append(rest, k)
		}
	}
	return append(first, rest...)
}

func (w withGlobal) FullHelp() [][]key.Binding {
	g := []key.Binding{w.global.Help}
	if !w.busy {
		g = append(g, w.global.Quit)
	}
	if w.sms {
		g = append(g, w.global.SMS)
	}
	return append(append([][]key.Binding{}, w.screen.FullHelp()...), g)
}

// fitBody draws what st.Width(width).Height(height).MaxHeight(height)
// .Render(body) draws — the body inside st's padding, each line width
// columns wide, height lines — for a body whose lines all fit the room:
// it measures each line once, where lipgloss wraps, aligns and pads the
// whole block in passes of its own on every frame (the body's Render was
// a quarter of what a frame allocated). A line too wide, a tab or a style
// that draws more than padding goes to lipgloss, whose wrapping rules
// stay the rules (TestFitBodyIsLipglossRender holds the two together).
func fitBody(st lipgloss.Style, body string, width, height int) string {
	render := func() string { return st.Width(width).Height(height).MaxHeight(height).Render(body) }
	src, widths, ok := fittingLines(st, body, width)
	if !ok || height <= 0 {
		return render()
	}
	top, right, _, left := st.GetPadding()
	inner := width - left - right
	blank := strings.Repeat(" ", width)
	var b strings.Builder
	b.Grow(height * (width + 8))
	n := 0
	line := func(s string) {
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s)
		n++
	}
	for range top {
		line(blank)
	}
	for i, l := range src {
		if n >= height {
			break
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(blank[:left])
		b.WriteString(l)
		b.WriteString(blank[:inner-widths[i]+right])
		n++
	}
	// The block is height lines: the bottom padding is within them, cut
	// off (as MaxHeight cuts it) when the body is as tall.
	for n < height {
		line(blank)
	}
	return b.String()
}

// fittingLines splits body into its lines and measures them, once; ok
// when fitBody draws it itself: st is plain padding, and every line fits
// width less it, with no tab to expand.
func fittingLines(st lipgloss.Style, body string, width int) (lines []string, widths []int, ok bool) {
	_, right, _, left := st.GetPadding()
	inner := width - left - right
	if inner <= 0 || strings.Contains(body, "\t") || !plainPadding(st) {
		return nil, nil, false
	}
	lines = strings.Split(body, "\n")
	widths = make([]int, len(lines))
	for i, l := range lines {
		if widths[i] = ansi.StringWidth(l); widths[i] > inner {
			return nil, nil, false
		}
	}
	return lines, widths, true
}

// plainPadding reports whether st draws nothing but padding around the
// body: no border, margin, colour or alignment of its own.
func plainPadding(st lipgloss.Style) bool {
	return st.GetBorderStyle() == lipgloss.Border{} && st.GetHorizontalMargins() == 0 && st.GetVerticalMargins() == 0 &&
		st.GetAlignHorizontal() == lipgloss.Left && st.GetAlignVertical() == lipgloss.Top &&
		isNoColor(st.GetForeground()) && isNoColor(st.GetBackground()) && !st.GetBold() && !st.GetFaint() && !st.GetReverse()
}

func isNoColor(c color.Color) bool {
	_, ok := c.(lipgloss.NoColor)
	return ok
}
