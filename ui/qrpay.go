package ui

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/qrcode"
)

// qrPayScreen is the customer paying on their phone: OCTO's payment page
// (octo_pay_url) as a QR code big enough to scan across a counter, the
// link, the amount, the payment's time left and "waiting for the
// customer". The flow reads the status (a notification reads it at once)
// and the console moves on to the result or the hold by itself.
type qrPayScreen struct {
	lang    Lang
	url     string
	code    *qrcode.Code // the link's QR code, made once per link
	codeErr string       // why there is no code, worded in lang
	spinner spinner.Model
	keys    qrPayKeys
}

type qrPayKeys struct{ Check, Leave key.Binding }

func (k qrPayKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Check, k.Leave} }
func (k qrPayKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newQRPayScreen(st styles) qrPayScreen {
	return qrPayScreen{
		lang:    st.lang,
		spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.Warn)),
		keys: qrPayKeys{
			Check: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "status")),
			// A customer who walks away must not hold the till until the
			// payment expires: it stays journaled, OCTO expires it at its
			// ttl, and History (or the next start) reads how it ended.
			Leave: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave it for later")),
		},
	}
}

func (s qrPayScreen) Init() tea.Cmd { return s.spinner.Tick }

func (s qrPayScreen) sync(p flows.Payment) qrPayScreen {
	if p.PayURL != s.url {
		s.url, s.code, s.codeErr = p.PayURL, nil, ""
		if s.url != "" {
			c, err := payLinkQR(s.url)
			if err != nil {
				s.codeErr = s.lang.Tf("the link is too long for a QR code: %s", s.lang.errorWords(err))
			}
			s.code = c
		}
	}
	s.keys.Check.SetEnabled(slices.Contains(p.Allowed(), flows.ActCheck))
	s.keys.Leave.SetEnabled(p.State == flows.AwaitingPage)
	return s
}

// askLeavePage asks before leaving a payment the customer may still pay.
func askLeavePage(l Lang, p flows.Payment) tea.Cmd {
	id := p.ShopTransactionID
	return func() tea.Msg {
		return askRootMsg{title: l.T("Leave this payment for later?"),
			question: l.T("The customer may still pay on their phone until OCTO expires the payment.\nIt stays in the journal; History shows how it ended."),
			yes:      l.T("leave it"), then: leaveUnresolvedMsg{id}}
	}
}

func (s qrPayScreen) Update(msg tea.Msg, p flows.Payment) (qrPayScreen, tea.Cmd) {
	s = s.sync(p)
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spinner, cmd = s.spinner.Update(msg)
		return s, cmd
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Check):
			return s, instant(flowInputMsg{flows.Check{}})
		case key.Matches(msg, s.keys.Leave):
			return s, askLeavePage(s.lang, p)
		}
	}
	return s, nil
}

// qrInfoWidth is the least room the text beside the code needs.
const qrInfoWidth = 24

// View lays the code out on the left and what the cashier needs on the
// right, the link under both when there is a line for it (else in the
// column): the largest code that fits (two columns a module at 120×40,
// half blocks at 80×24), then a smaller quiet zone, else the link alone.
func (s qrPayScreen) View(st styles, p flows.Payment, now time.Time, width, height int) string {
	link := st.Link.Render(s.url)
	if s.url == "" {
		link = st.Muted.Render(st.T("OCTO has not given the page's link yet."))
	}
	if s.code != nil {
		for _, f := range []struct{ scale, quiet int }{{2, 2}, {2, 1}, {1, 2}, {1, 1}} {
			art := drawQR(s.code, f.quiet, f.scale)
			w, h := maxLineWidth(art), lineCount(art)
			colWidth := width - w - 2
			if colWidth < qrInfoWidth || h > height {
				continue
			}
			col := lipgloss.NewStyle().Width(colWidth)
			if h+1 <= height {
				return lipgloss.JoinHorizontal(lipgloss.Top, st.QR.Render(art), "  ", col.Render(s.info(st, p, now))) + "\n" + link
			}
			info := s.info(st, p, now) + "\n\n" + link
			return lipgloss.JoinHorizontal(lipgloss.Top, st.QR.Render(art), "  ", col.Render(info))
		}
	}
	out := s.info(st, p, now) + "\n\n" + link
	if s.codeErr != "" {
		out += "\n" + st.Muted.Render(s.codeErr)
	} else if s.code != nil {
		out += "\n" + st.Muted.Render(st.T("(a larger terminal shows a QR code of the link)"))
	}
	return out
}

// info is the column beside the code.
func (s qrPayScreen) info(st styles, p flows.Payment, now time.Time) string {
	var b strings.Builder
	b.WriteString(st.Subtitle.Render(st.T("Customer's phone")) + "\n")
	b.WriteString(st.Amount.Render(FormatMoney(p.Amount, p.Currency)) + "\n")
	kind := st.T("one-stage: charge now")
	if p.Kind == flows.Hold {
		kind = st.T("two-stage: hold, capture later")
	}
	b.WriteString(st.Muted.Render(kind) + "\n")
	if p.Description != "" {
		b.WriteString(st.Muted.Render(truncate(p.Description, 40)) + "\n")
	}
	b.WriteString("\n" + st.T("The customer scans the code and pays on OCTO's page.") + "\n\n")
	if left := p.PayTimeLeft(now); left > 0 {
		secs := int((left + time.Second - 1) / time.Second)
		cd := fmt.Sprintf("%02d:%02d", secs/60, secs%60)
		style := st.Countdown
		if secs <= 60 {
			style = st.CountdownWarn
		}
		b.WriteString(st.T("Expires in") + " " + style.Render(cd) + "\n")
	} else if !p.PayExpires.IsZero() {
		b.WriteString(st.Warn.Render(st.T("The payment's time is up: asking OCTO.")) + "\n")
	}
	if p.State == flows.AwaitingPage {
		b.WriteString(s.spinner.View() + " " + st.T("Waiting for the customer…") + "\n")
	}
	if p.Card != "" {
		b.WriteString(st.T("Card") + " " + groupMasked(p.Card) + "\n")
	}
	if !p.Problem.IsZero() {
		b.WriteString(st.Muted.Render(st.Problem(p.Problem)) + "\n")
	}
	if where := linkHost(s.url); !where.empty() {
		b.WriteString("\n" + st.Muted.Render(where.text(st)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// hostNote says where the QR code points, and whether a phone can get there.
type hostNote struct {
	host     string
	loopback bool
}

func (h hostNote) text(st styles) string {
	if h.loopback {
		return st.Tf("The code opens %s: this computer only. A phone needs the sandbox on the shop's network ([sandbox] listen).", h.host)
	}
	return st.Tf("The code opens %s.", h.host)
}

// linkHost reads the host of the payment page's link.
func linkHost(link string) hostNote {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return hostNote{}
	}
	h := u.Hostname()
	ip := net.ParseIP(h)
	return hostNote{host: u.Host, loopback: h == "localhost" || (ip != nil && ip.IsLoopback())}
}

func (h hostNote) empty() bool { return h.host == "" }

// payLinkQR encodes a link as the smallest QR code it fits in: in byte
// mode, or, when that needs a larger code, with the scheme and host (which
// URLs read case-insensitively) upper-cased in the denser alphanumeric
// mode. A sandbox on the shop's network (http://192.168.100.123:41234/...)
// then still fits the 33 modules that fit an 80×24 terminal.
func payLinkQR(link string) (*qrcode.Code, error) {
	encs := [][]qrcode.Segment{{qrcode.Bytes(link)}}
	if u, err := url.Parse(link); err == nil && u.Scheme != "" && u.Host != "" {
		prefix := strings.ToUpper(u.Scheme + "://" + u.Host)
		if rest := link[len(prefix):]; qrcode.Alphanumeric(prefix).Check() == nil && strings.EqualFold(link[:len(prefix)], prefix) {
			encs = append(encs, []qrcode.Segment{qrcode.Alphanumeric(prefix), qrcode.Bytes(rest)})
		}
	}
	var best *qrcode.Code
	for _, enc := range encs {
		c, err := qrcode.Encode(enc...)
		if err == nil && (best == nil || c.Size < best.Size) {
			best = c
		}
	}
	if best == nil {
		return nil, fmt.Errorf("%d characters do not fit a QR code", len(link))
	}
	return best, nil
}

// drawQR draws the code with its light modules as blocks (see QRCode)
// and a quiet zone of quiet modules: scale 1 is two modules a character
// cell in height (half blocks), scale 2 a module a cell in height and two
// cells in width, twice the size on screen.
func drawQR(c *qrcode.Code, quiet, scale int) string {
	n := c.Size + 2*quiet
	light := func(x, y int) bool {
		x, y = x-quiet, y-quiet
		if x < 0 || y < 0 || x >= c.Size || y >= c.Size {
			return true
		}
		return !c.Black(x, y)
	}
	var b strings.Builder
	if scale >= 2 {
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				if light(x, y) {
					b.WriteString("██")
				} else {
					b.WriteString("  ")
				}
			}
			if y+1 < n {
				b.WriteByte('\n')
			}
		}
		return b.String()
	}
	for y := 0; y < n; y += 2 {
		for x := 0; x < n; x++ {
			// Past the last row is the terminal's own background.
			top, bottom := light(x, y), y+1 < n && light(x, y+1)
			switch {
			case top && bottom:
				b.WriteRune('█')
			case top:
				b.WriteRune('▀')
			case bottom:
				b.WriteRune('▄')
			default:
				b.WriteByte(' ')
			}
		}
		if y+2 < n {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
