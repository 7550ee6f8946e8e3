package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// PaymentLog reads one payment's journal: its record, its transitions and
// the notifications OCTO posted about it (journaled redacted).
type PaymentLog interface {
	Get(ctx context.Context, shopTransactionID string) (flows.Record, error)
	Timeline(ctx context.Context, shopTransactionID string) ([]flows.Transition, error)
	Notifications(ctx context.Context, shopTransactionID string) ([]flows.NotificationRecord, error)
}

// ExchangeLog reads the requests to OCTO journaled about one payment
// (redacted, bodies capped), for its timeline.
type ExchangeLog interface {
	Exchanges(ctx context.Context, shopTransactionID string) ([]flows.ExchangeRecord, error)
}

// detailTool is one journaled payment: its facts, its timeline, and the
// actions flows allows on it now. A refund or a status check hands the
// payment to the root's flow path (the counter's screens show it from
// there); a receipt is printed from here.
type detailTool struct {
	rec    flows.Record
	pay    flows.Payment // the record restored: what flows allows now
	paidAt time.Time     // when it came to its present state: a reprint's time
	back   historyTool   // where esc goes, as it was left

	timeline []timelineEntry
	loaded   bool
	err      string
	sel      int // the selected timeline entry, counted from the newest (0)
	body     int // first line of the open entry's body (detailBody)

	mode   detailMode
	input  prefilledInput
	refund decimal.Decimal // the amount being confirmed

	docs     []flows.Movement // the payment's money movements: its receipts
	printed  string           // where the last receipt went
	printErr string
	fiscal   fiscalReceipt
	keys     detailKeys
}

type detailMode int

const (
	detailViewing    detailMode = iota
	detailRefunding             // the amount field is open
	detailConfirming            // the refund waits for yes or no
	detailFiscal                // the fiscal receipt's link and QR code
	detailBody                  // the selected exchange's or notification's redacted JSON
)

// fiscalReceipt is OCTO's fiscal receipt as far as it was asked for.
type fiscalReceipt struct {
	asking bool
	url    string // qrCodeURL
	note   string // why there is none
}

type detailKeys struct {
	Up, Down, Open, Refund, Check, Print, Fiscal, Back key.Binding
	PageUp, PageDown                                   key.Binding
	Confirm, Cancel, Yes, No                           key.Binding
}

func (k detailKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Refund, k.Check, k.Print, k.Fiscal, k.Confirm, k.Yes, k.No, k.Cancel, k.Back, k.PageDown, k.Up, k.Down}
}
func (k detailKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// timelineEntry is one line of the timeline: a transition, a notification
// or a request to OCTO; the last two open on their redacted JSON.
type timelineEntry struct {
	at       time.Time
	what     string // in the console's language
	note     string // the flow's own words or the redacted notification
	exchange *common.ExchangeBody
	notice   *common.NotificationBody
	movement *flows.Movement // a money movement: p prints its receipt
}

// opens says the entry has a body to show.
func (e timelineEntry) opens() bool { return e.exchange != nil || e.notice != nil }

// detailLoadedMsg is the payment read afresh from the journal.
type detailLoadedMsg struct {
	id       string
	rec      flows.Record
	timeline []flows.Transition
	notes    []flows.NotificationRecord
	xs       []flows.ExchangeRecord
	ms       []flows.Movement
	err      error
}

// openRecordMsg hands a journaled payment to the root's flow path and
// feeds it then (a refund, a check; nil shows it as journaled): the
// counter's screens follow it from there, as for a payment just taken.
type openRecordMsg struct {
	rec  flows.Record
	then flows.Event
	// back is the history the payment was opened from: the result's
	// enter goes back to it, with its search (nil: home).
	back *historyTool
}

// fiscalMsg is OCTO's answer to fiscal-data.
type fiscalMsg struct {
	id  string
	url string
	err error
}

func newDetailTool(rec flows.Record, back historyTool, lang Lang) detailTool {
	in := newInput()
	in.Placeholder = lang.T("amount to refund")
	in.CharLimit = 20
	in.SetWidth(20)
	in.Prompt = "› "
	d := detailTool{rec: rec, pay: flows.Restore(rec), back: back, input: prefilledInput{Model: in}, keys: detailKeys{
		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", lang.T("up"))),
		Down:     key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", lang.T("down"))),
		Open:     key.NewBinding(key.WithKeys("enter", "right"), key.WithHelp("enter", lang.T("details"))),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", lang.T("page up"))),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", lang.T("page down"))),
		Refund:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", lang.T("refund"))),
		Check:    key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", lang.T("status"))),
		Print:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", lang.T("print receipt"))),
		Fiscal:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", lang.T("fiscal receipt"))),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", lang.T("back"))),
		Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", lang.T("refund this"))),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", lang.T("back"))),
		Yes:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", lang.T("yes, refund"))),
		No:       key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", lang.T("no"))),
	}}
	return d
}

// load reads the payment afresh: the list may be older than the journal.
func (d detailTool) load(o Options) tea.Cmd {
	ctx, id := o.Context, d.rec.ShopTransactionID
	j := o.Journal
	log, ok := journalAs[PaymentLog](j)
	return func() tea.Msg {
		if !ok {
			return detailLoadedMsg{id: id, err: errNoPaymentLog}
		}
		if err := afterWrites(ctx, j); err != nil {
			return detailLoadedMsg{id: id, err: err}
		}
		rec, err := log.Get(ctx, id)
		if err != nil {
			return detailLoadedMsg{id: id, err: err}
		}
		tl, err := log.Timeline(ctx, id)
		if err != nil {
			return detailLoadedMsg{id: id, err: err}
		}
		notes, err := log.Notifications(ctx, id)
		if err != nil {
			return detailLoadedMsg{id: id, err: err}
		}
		var xs []flows.ExchangeRecord
		if xl, ok := log.(ExchangeLog); ok {
			if xs, err = xl.Exchanges(ctx, id); err != nil {
				return detailLoadedMsg{id: id, err: err}
			}
		}
		var ms []flows.Movement
		if rl, ok := log.(ReceiptLog); ok {
			if ms, err = rl.Movements(ctx, id); err != nil {
				return detailLoadedMsg{id: id, err: err}
			}
		}
		return detailLoadedMsg{id: id, rec: rec, timeline: tl, notes: notes, xs: xs, ms: ms}
	}
}

// errNoPaymentLog: the console was given a journal that lists payments
// but cannot read one (a wiring mistake, said rather than hidden).
var errNoPaymentLog = problem("this journal cannot show one payment's timeline")

func (d detailTool) Title(st styles) string {
	return st.T("Payment") + " " + d.rec.ShopTransactionID
}

func (d detailTool) Keys() help.KeyMap { return d.keys }

// sync enables the keys that make sense in the mode and the payment's state.
func (d detailTool) sync(o Options) detailTool {
	allowed := d.pay.Allowed()
	viewing := d.mode == detailViewing
	reading := d.mode == detailBody
	d.keys.Up.SetEnabled(viewing && len(d.timeline) > 0 || reading)
	d.keys.Down.SetEnabled(viewing && len(d.timeline) > 0 || reading)
	d.keys.Open.SetEnabled(viewing && d.selected().opens())
	d.keys.PageUp.SetEnabled(reading)
	d.keys.PageDown.SetEnabled(reading)
	d.keys.Refund.SetEnabled(viewing && slices.Contains(allowed, flows.ActRefund) && o.Runner != nil)
	d.keys.Check.SetEnabled(viewing && slices.Contains(allowed, flows.ActCheck) && o.Runner != nil)
	if d.rec.Hosted && d.rec.PayURL != "" && d.pay.State == flows.Resolving {
		// The status read takes a payment the customer may still pay back to its QR code.
		d.keys.Check.SetHelp("ctrl+s", o.Language.T("QR code again"))
	} else {
		d.keys.Check.SetHelp("ctrl+s", o.Language.T("status"))
	}
	d.keys.Print.SetEnabled((viewing || d.mode == detailFiscal) && printable(d.rec) && o.Printer != nil)
	if m := d.selected().movement; viewing && m != nil && m.Kind != flows.MoveRelease {
		d.keys.Print.SetHelp("p", o.Language.T("print this receipt"))
	} else {
		d.keys.Print.SetHelp("p", o.Language.T("print receipt"))
	}
	d.keys.Fiscal.SetEnabled(viewing && d.rec.State == flows.Succeeded && d.rec.PaymentUUID != "" && o.FiscalData != nil)
	d.keys.Back.SetEnabled(viewing || d.mode == detailFiscal || reading)
	d.keys.Confirm.SetEnabled(d.mode == detailRefunding)
	d.keys.Cancel.SetEnabled(d.mode == detailRefunding)
	d.keys.Yes.SetEnabled(d.mode == detailConfirming)
	d.keys.No.SetEnabled(d.mode == detailConfirming)
	return d
}

// printable says whether the payment has a receipt: money moved or held.
func printable(r flows.Record) bool {
	switch r.State {
	case flows.Succeeded, flows.Held, flows.Canceled:
		return true
	case flows.Draft, flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP, flows.CheckingOTP,
		flows.ResendingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.AwaitingPage, flows.Capturing, flows.Canceling,
		flows.Refunding, flows.Resolving, flows.Declined, flows.Failed:
	}
	return false
}

func (d detailTool) Update(msg tea.Msg, o Options) (tool, tea.Cmd) {
	d = d.sync(o)
	switch msg := msg.(type) {
	case detailLoadedMsg:
		if msg.id != d.rec.ShopTransactionID {
			return d, nil
		}
		d.loaded = true
		if msg.err != nil {
			d.err = o.Language.T("the journal could not be read") + ": " + o.Language.T(msg.err.Error())
			return d.sync(o), nil
		}
		d.rec, d.pay = msg.rec, flows.Restore(msg.rec)
		d.paidAt = paymentTime(msg.rec, msg.timeline)
		d.docs = msg.ms
		d.timeline = timelineOf(msg.timeline, msg.notes, msg.xs, msg.ms, o.Language, msg.rec.Currency)
		d.sel = min(d.sel, max(len(d.timeline)-1, 0))
		return d.sync(o), nil
	case receiptPrintedMsg:
		if msg.id != d.rec.ShopTransactionID {
			return d, nil
		}
		d.printed, d.printErr = msg.where, ""
		if msg.err != nil {
			d.printErr = msg.err.Error()
		}
		// A print changes what the timeline says of the receipts.
		return d, d.load(o)
	case fiscalMsg:
		if msg.id != d.rec.ShopTransactionID {
			return d, nil
		}
		d.fiscal = fiscalReceipt{url: msg.url}
		switch {
		case msg.err != nil:
			d.fiscal.note = o.Language.T("The fiscal receipt is not available") + ": " + msg.err.Error()
		case msg.url == "":
			d.fiscal.note = o.Language.T("OCTO has no fiscal receipt link for this payment.")
		}
		return d, nil
	case tea.KeyPressMsg:
		return d.key(msg, o)
	}
	if d.mode == detailRefunding {
		var cmd tea.Cmd
		d.input, cmd = d.input.Update(msg)
		return d, cmd
	}
	return d, nil
}

func (d detailTool) key(msg tea.KeyPressMsg, o Options) (tool, tea.Cmd) {
	switch {
	case key.Matches(msg, d.keys.Yes):
		d.mode = detailViewing
		rec, ev, back := d.rec, flows.Refund{Amount: d.refund, Min: o.RefundMin}, d.back
		return d.sync(o), instant(openRecordMsg{rec: rec, then: ev, back: &back})
	case key.Matches(msg, d.keys.No):
		d.mode = detailRefunding
		cmd := d.input.Focus()
		return d.sync(o), cmd
	case key.Matches(msg, d.keys.Confirm):
		amt, problemText := refundProblem(d.pay, d.input.Value(), o.RefundMin, o.Language)
		if problemText != "" {
			return d, nil // shown under the field
		}
		d.refund, d.mode = amt, detailConfirming
		d.input.Blur()
		return d.sync(o), nil
	case key.Matches(msg, d.keys.Cancel):
		d.mode = detailViewing
		d.input.Blur()
		return d.sync(o), nil
	case d.mode == detailBody:
		return d.bodyKey(msg, o)
	case key.Matches(msg, d.keys.Open):
		d.mode, d.body = detailBody, 0
		return d.sync(o), nil
	case key.Matches(msg, d.keys.Back):
		if d.mode == detailFiscal {
			d.mode = detailViewing
			return d.sync(o), nil
		}
		return d.back.reload(o)
	case key.Matches(msg, d.keys.Refund):
		d.mode = detailRefunding
		d.input.prefill(FormatAmount(d.pay.RefundPrefill()))
		cmd := d.input.Focus()
		return d.sync(o), cmd
	case key.Matches(msg, d.keys.Check):
		rec, back := d.rec, d.back
		return d, instant(openRecordMsg{rec: rec, then: flows.Check{}, back: &back})
	case key.Matches(msg, d.keys.Print):
		// The receipt of the money movement selected in the timeline, else
		// of the latest; one printed before comes out marked COPY. Without
		// movements in the journal: the payment as it stands, as a copy
		// dated with its own time.
		d.printed, d.printErr = "", ""
		at := d.paidAt
		if at.IsZero() { // the journal is not read yet
			at = paymentTime(d.rec, nil)
		}
		if at.IsZero() { // a record with no time at all: say when it was printed
			at = o.Now()
		}
		job := printJob{rec: d.rec, fiscal: d.fiscal.url, at: at, copy: true}
		if m := d.selected().movement; d.mode == detailViewing && m != nil && m.Kind != flows.MoveRelease {
			job.movement = m.ID
		}
		return d, printDocument(o, job)
	case key.Matches(msg, d.keys.Fiscal):
		d.mode = detailFiscal
		if d.fiscal.url != "" || d.fiscal.asking {
			return d.sync(o), nil
		}
		d.fiscal = fiscalReceipt{asking: true}
		ctx, id, uuid, fetch := o.Context, d.rec.ShopTransactionID, d.rec.PaymentUUID, o.FiscalData
		return d.sync(o), func() tea.Msg {
			fd, err := fetch(ctx, uuid)
			switch {
			case err != nil:
				return fiscalMsg{id: id, err: err}
			case fd == nil:
				return fiscalMsg{id: id}
			}
			return fiscalMsg{id: id, url: fd.QRCodeURL}
		}
	case key.Matches(msg, d.keys.Up):
		d.sel = min(d.sel+1, max(len(d.timeline)-1, 0))
		return d.sync(o), nil
	case key.Matches(msg, d.keys.Down):
		d.sel = max(d.sel-1, 0)
		return d.sync(o), nil
	}
	if d.mode == detailRefunding {
		var cmd tea.Cmd
		d.input, cmd = d.input.Update(msg)
		if g := GroupAmountInput(d.input.Value()); g != d.input.Value() {
			d.input.SetValue(g)
			d.input.CursorEnd()
		}
		return d, cmd
	}
	return d, nil
}

// bodyKey scrolls the open body; esc goes back to the timeline.
func (d detailTool) bodyKey(msg tea.KeyPressMsg, o Options) (tool, tea.Cmd) {
	switch {
	case key.Matches(msg, d.keys.Back):
		d.mode = detailViewing
		return d.sync(o), nil
	case key.Matches(msg, d.keys.Up):
		d.body = max(d.body-1, 0)
	case key.Matches(msg, d.keys.Down):
		d.body++
	case key.Matches(msg, d.keys.PageUp):
		d.body = max(d.body-10, 0)
	case key.Matches(msg, d.keys.PageDown):
		d.body += 10
	}
	// View keeps the last page in sight; this keeps Up from climbing back from past the end.
	d.body = min(d.body, len(d.selected().lines(newStyles())))
	return d, nil
}

// selected is the timeline entry under the cursor (the zero entry when none).
func (d detailTool) selected() timelineEntry {
	if i := len(d.timeline) - 1 - d.sel; i >= 0 && i < len(d.timeline) {
		return d.timeline[i]
	}
	return timelineEntry{}
}

// lines is the open entry's redacted body.
func (e timelineEntry) lines(st styles) []string {
	switch {
	case e.exchange != nil:
		return e.exchange.Lines(st.shared())
	case e.notice != nil:
		return e.notice.Lines(st.shared())
	}
	return nil
}

func (d detailTool) View(st styles, o Options, width, height int) string {
	if d.err != "" && !d.loaded {
		return st.ErrorLine.Render("✗ " + d.err)
	}
	loc := o.Now().Location()
	r := d.rec
	if d.mode == detailFiscal {
		// The QR code needs the room: the payment in one line above it.
		head := outcome(st, d.pay) + st.Muted.Render(" · "+st.lang.Money(r.Amount, r.Currency)+" · "+groupMasked(r.Card)) + "\n"
		head += d.printedLine(st) + "\n"
		return head + d.fiscalView(st, height-lipgloss.Height(head))
	}
	var top strings.Builder
	top.WriteString(outcome(st, d.pay))
	if r.Test {
		top.WriteString(st.Muted.Render(" · " + st.T("test payment")))
	}
	top.WriteString("\n")
	if why := flows.ParseProblem(r.Problem); !why.IsZero() {
		top.WriteString(st.Muted.Render(truncate(st.Problem(why), width)) + "\n")
	}
	top.WriteString("\n")

	// The money on the left, who and when on the right (one column when narrow).
	var left, right []string
	row := func(col *[]string, label, value string) {
		if value != "" {
			*col = append(*col, st.Label.Render(st.T(label))+value)
		}
	}
	money := func(label string, v decimal.Decimal) {
		if !v.IsZero() {
			row(&left, label, st.lang.Money(v, r.Currency))
		}
	}
	row(&left, "Amount", st.Amount.Render(st.lang.Money(r.Amount, r.Currency)))
	money("Charged", r.Captured)
	money("Released", r.Released)
	money("Refunded", r.Refunded)
	if rf := d.pay.Refundable(); rf.IsPositive() && (!rf.Equal(r.Captured) || d.mode == detailRefunding) {
		row(&left, "Refundable", st.lang.Money(rf, r.Currency))
	}
	money("OCTO fee", r.Fee)
	if r.Hosted {
		row(&right, "Channel", st.T("customer's phone"))
	}
	row(&right, "Card", groupMasked(r.Card))
	row(&right, "Created", r.Created.In(loc).Format("02.01.2006 15:04"))
	row(&right, "Operator", r.Operator)
	row(&right, "Counter", r.Counter) // a store's: which till took it
	if r.Description != "" {
		row(&right, "For", truncate(r.Description, 24))
	}
	facts := strings.Join(left, "\n")
	if width >= 76 {
		facts = lipgloss.JoinHorizontal(lipgloss.Top, st.Value.Width(width/2).Render(facts), strings.Join(right, "\n"))
	} else {
		facts += "\n" + strings.Join(right, "\n")
	}
	top.WriteString(facts + "\n")
	top.WriteString(st.Label.Render(st.T("Shop txn")) + r.ShopTransactionID + "\n")
	if r.PaymentUUID != "" {
		top.WriteString(st.Label.Render(st.T("OCTO payment")) + r.PaymentUUID + "\n")
	}
	top.WriteString(d.printedLine(st))
	top.WriteString("\n")
	head := top.String()
	room := max(height-lipgloss.Height(head), 3)

	switch d.mode {
	case detailRefunding:
		return head + d.refundView(st, o)
	case detailConfirming:
		return head + st.Subtitle.Render(st.T("Refund?")) + "\n" +
			st.Tf("Give %s back to the card %s.", st.lang.Money(d.refund, r.Currency), groupMasked(r.Card)) + inWords(st.lang, o, d.refund) + "\n" +
			st.Muted.Render(st.T("y refunds, n goes back to the amount"))
	case detailBody:
		return d.bodyView(st, loc, width, height)
	case detailViewing, detailFiscal:
	}
	return head + d.timelineView(st, loc, width, room)
}

// printedLine says where the last receipt went, or why it did not.
func (d detailTool) printedLine(st styles) string {
	switch {
	case d.printed != "":
		return st.OK.Render("✓ "+d.printed) + "\n"
	case d.printErr != "":
		return st.ErrorLine.Render("✗ "+st.T("Receipt not printed")+": "+d.printErr) + "\n"
	}
	return ""
}

func (d detailTool) refundView(st styles, o Options) string {
	var b strings.Builder
	b.WriteString(st.Subtitle.Render(st.T("Refund how much?")) + "\n" + d.input.View() + "\n")
	if _, problemText := refundProblem(d.pay, d.input.Value(), o.RefundMin, o.Language); problemText != "" && strings.TrimSpace(d.input.Value()) != "" {
		b.WriteString(st.ErrorLine.Render("✗ " + problemText))
	}
	return b.String()
}

func (d detailTool) fiscalView(st styles, room int) string {
	f := d.fiscal
	switch {
	case f.asking:
		return st.Muted.Render(st.T("Asking OCTO for the fiscal receipt…"))
	case f.url == "":
		return st.Warn.Render("! " + f.note)
	}
	out := st.Subtitle.Render(st.T("Fiscal receipt")) + "\n" + st.Link.Render(f.url)
	qr, err := QRCode(f.url)
	if err == nil && lipgloss.Height(qr)+2 <= room {
		out += "\n" + st.QR.Render(qr)
	} else {
		out += "\n" + st.Muted.Render(st.T("A taller terminal shows the QR code."))
	}
	return out
}

// bodyView is the selected exchange or notification with its redacted JSON.
func (d detailTool) bodyView(st styles, loc *time.Location, width, height int) string {
	e := d.selected()
	var head []string
	switch {
	case e.exchange != nil:
		head = e.exchange.Head(st.shared(), loc, width)
	case e.notice != nil:
		head = e.notice.Head(st.shared(), loc)
	}
	return strings.Join(head, "\n") + "\n\n" + scrolled(st, e.lines(st), d.body, max(height-len(head)-1, 3), width)
}
