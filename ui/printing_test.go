package ui

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// fakePrinter keeps the receipts it was given (and the other documents).
type fakePrinter struct {
	mu   sync.Mutex
	got  []receipt.Receipt
	docs []receipt.Document
}

func (p *fakePrinter) Print(_ context.Context, d receipt.Document) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.docs = append(p.docs, d)
	if r, ok := d.(receipt.Receipt); ok {
		p.got = append(p.got, r)
	}
	return nil
}

// escposPrinter is a network receipt printer on 127.0.0.1: it takes one
// connection and hands over every byte it was sent.
func escposPrinter(t *testing.T) (addr string, received <-chan []byte) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	out := make(chan []byte, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		b, _ := io.ReadAll(conn)
		out <- b
	}()
	return ln.Addr().String(), out
}

// TestDetailPrintsOnESCPOSPrinter prints a payment's receipt from its
// detail on the two ESC/POS printers config.toml can name: one on the
// network (a listener on 127.0.0.1) and one on a device path (a file
// standing in for /dev/usb/lp0).
func TestDetailPrintsOnESCPOSPrinter(t *testing.T) {
	addr, received := escposPrinter(t)
	device := filepath.Join(t.TempDir(), "lp0")
	if err := os.WriteFile(device, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cfg   receipt.Config
		where string
		bytes func() []byte
	}{
		{receipt.Config{Kind: "network", Addr: addr, Width: 32}, addr, func() []byte { return <-received }},
		{receipt.Config{Kind: "device", Device: device, Width: 48}, device, func() []byte {
			b, err := os.ReadFile(device)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}},
	} {
		pr, err := receipt.New(tc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
		j.records[0].Refunded = decimal.RequireFromString("20000")
		o := testOptions()
		o.Printer = pr
		d := detailOn(t, o, j, "oc-1", 80, 24)
		d.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
		d.until("printed", func(a App) bool { dt, _ := detailOf(a); return dt.printed != "" || dt.printErr != "" })
		// The fake journal keeps no money movements: the receipt is the
		// payment as it stands, printed from the history as a copy.
		if flat := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(flat, "✓ Copy sent to the printer "+tc.where) {
			t.Fatalf("the screen does not say where the receipt went:\n%s", d.screen())
		}
		b := tc.bytes()
		if !bytes.HasPrefix(b, []byte{0x1b, '@'}) {
			t.Errorf("%s: the printer was not initialised (ESC @) first: % x", tc.cfg.Kind, b[:min(len(b), 8)])
		}
		for _, want := range []string{"oc-1", "50 000 UZS", "20 000 UZS", "8600 00** **** 0015"} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("%s: the printed receipt lacks %q:\n%q", tc.cfg.Kind, want, b)
			}
		}
		if !bytes.Contains(b, []byte{0x1d, 'V'}) {
			t.Errorf("%s: the paper was not cut (GS V)", tc.cfg.Kind)
		}
	}
}

func TestDetailPrintErrorShown(t *testing.T) {
	pr, err := receipt.New(receipt.Config{Kind: "device", Device: filepath.Join(t.TempDir(), "lp0")})
	if err != nil {
		t.Fatal(err)
	}
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	o := testOptions()
	o.Printer = pr
	d := detailOn(t, o, j, "oc-1", 80, 24)
	d.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
	d.until("the failure", func(a App) bool { dt, _ := detailOf(a); return dt.printErr != "" })
	if !strings.Contains(d.screen(), "✗ Receipt not printed: printer") || !strings.Contains(d.screen(), "not found") {
		t.Errorf("a missing printer is not said so:\n%s", d.screen())
	}
}

// TestReceiptCanaries pays with a code and with a CVC on the sandbox,
// prints every receipt there is to files (the result screen's, the
// detail's, with the fiscal link), and greps every byte written for the
// card numbers, the CVC, the codes and the shop's secret.
func TestReceiptCanaries(t *testing.T) {
	const cvc = "9174"
	dir := t.TempDir()
	d, sb, _ := onSandbox(t, 120, 40)
	d.app.opts.Printer = receipt.FilePrinter{Dir: dir, Width: 42}
	d.app.opts.FiscalData = fiscalFrom(t, sb)
	var codes []string
	printed := func() {
		t.Helper()
		d.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
		d.until("the receipt", func(a App) bool {
			if dt, ok := detailOf(a); ok {
				return dt.printed != "" || dt.printErr != ""
			}
			return a.result.printed != "" || a.result.printErr != ""
		})
		if strings.Contains(d.screen(), "Receipt not printed") {
			t.Fatalf("not printed:\n%s", d.screen())
		}
	}

	pay(d, "120000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	codes = append(codes, lastCode(sb))
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	printed()
	d.send(doneMsg{})

	pay(d, "33000", false, "4111111111111111", cvc)
	d.until("the 3-D Secure screen", func(a App) bool { return a.screen == screen3DS && a.threeDS.url != "" })
	d.send(tea.KeyPressMsg{Code: 'a', Text: "a"})
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded })
	printed()
	d.send(doneMsg{})

	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("the history", func(a App) bool { h, ok := historyOf(a); return ok && len(h.records) == 2 })
	d.key(tea.KeyEnter)
	d.until("the detail", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
	d.send(tea.KeyPressMsg{Code: 'f', Text: "f"})
	d.until("the fiscal link", func(a App) bool { dt, _ := detailOf(a); return dt.fiscal.url != "" })
	printed()

	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Errorf("%d receipt files, want 3 (a reprint has a file of its own)", len(files))
	}
	canaries := append([]string{"8600000000000015", "4111111111111111", "4111 1111 1111 1111", "8600 0000 0000 0015",
		sb.Secret()}, codes...)
	// The CVC standing alone (inside a UUID or a fiscal sign it is chance).
	cvcRE := regexp.MustCompile(`(^|[^0-9a-f])` + cvc + `([^0-9a-f]|$)`)
	fiscalSeen := false
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if info, _ := f.Info(); info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s is readable by others: %v", f.Name(), info.Mode())
		}
		for _, c := range canaries {
			if c != "" && bytes.Contains(b, []byte(c)) {
				t.Errorf("%s contains the canary %q:\n%s", f.Name(), c, b)
			}
		}
		if cvcRE.Match(b) {
			t.Errorf("%s contains the CVC:\n%s", f.Name(), b)
		}
		fiscalSeen = fiscalSeen || bytes.Contains(b, []byte("ofd.soliq.uz"))
	}
	if !fiscalSeen {
		t.Error("the reprint after the fiscal receipt was fetched does not carry its link")
	}
}

func TestResultScreenPrints(t *testing.T) {
	p := basePayment(flows.Sale, flows.Succeeded)
	p.Captured = p.Amount
	d := onScreen(t, p, 80, 24)
	fp := &fakePrinter{}
	d.app.opts.Printer = fp
	d.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
	d.until("printed", func(a App) bool { return a.result.printed != "" })
	if len(fp.got) != 1 || fp.got[0].ShopTransactionID != p.ShopTransactionID || fp.got[0].Kind != receipt.KindSale {
		t.Fatalf("printed %+v, want the sale's receipt", fp.got)
	}
	if !strings.Contains(d.screen(), "✓ Receipt printed") {
		t.Errorf("the screen does not say it printed:\n%s", d.screen())
	}
}

// fiscalFrom asks the sandbox for fiscal receipts, as main asks OCTO.
func fiscalFrom(t *testing.T, sb *sandbox.Sandbox) func(context.Context, string) (*octo.FiscalData, error) {
	t.Helper()
	c := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(sb.Client()))
	return c.FiscalData
}

// A receipt printed again from the history is the customer's receipt: the
// payment's time (when it was paid, not when it is reprinted), the shop,
// and marked as a copy.
func TestDetailReprintIsACopy(t *testing.T) {
	j := &fakeJournal{records: records(), filters: make(chan flows.Filter, 100)}
	o := testOptions()
	o.Now = func() time.Time { return fixedNow.Add(26 * time.Hour) } // the next day
	o.ShopName, o.ShopID = "Chorsu Coffee", 27481
	fp := &fakePrinter{}
	o.Printer = fp
	d := detailOn(t, o, j, "oc-1", 80, 24)
	d.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
	d.until("printed", func(a App) bool { dt, _ := detailOf(a); return dt.printed != "" || dt.printErr != "" })
	fp.mu.Lock()
	defer fp.mu.Unlock()
	if len(fp.got) != 1 {
		t.Fatalf("printed %d receipts, want 1:\n%s", len(fp.got), d.screen())
	}
	r := fp.got[0]
	paidAt := fixedNow.Add(-10*time.Minute + 41*time.Second) // the timeline's move to Succeeded
	if !r.Copy || !r.Time.Equal(paidAt) || r.ShopName != "Chorsu Coffee" || r.ShopID != 27481 {
		t.Errorf("the reprint: copy %v, time %v (want %v), shop %q %d", r.Copy, r.Time, paidAt, r.ShopName, r.ShopID)
	}
	text := r.Text(42)
	for _, want := range []string{"COPY", "Chorsu Coffee", "Shop ID 27481", "2026-11-23 15:20"} { // 10:20:41 UTC in Tashkent
		if !strings.Contains(text, want) {
			t.Errorf("the reprint lacks %q:\n%s", want, text)
		}
	}
}

// Without a timeline the reprint takes the journal record's own time.
func TestPaymentTime(t *testing.T) {
	created, updated := fixedNow.Add(-time.Hour), fixedNow.Add(-50*time.Minute)
	rec := flows.Record{State: flows.Succeeded, Created: created, Updated: updated}
	tl := []flows.Transition{{To: flows.Paying, At: created}, {To: flows.Succeeded, At: created.Add(time.Minute)},
		{To: flows.Refunding, At: updated.Add(-time.Second)}, {To: flows.Succeeded, At: updated}}
	if got := paymentTime(rec, tl); !got.Equal(created.Add(time.Minute)) {
		t.Errorf("with a refund after: %v, want the first move to paid %v", got, created.Add(time.Minute))
	}
	if got := paymentTime(rec, nil); !got.Equal(updated) {
		t.Errorf("no timeline: %v, want the record's last write %v", got, updated)
	}
	if got := paymentTime(flows.Record{Created: created}, nil); !got.Equal(created) {
		t.Errorf("no timeline, no update: %v, want the creation %v", got, created)
	}
}

// A receipt printed again is a copy whichever screen it is printed from:
// the result after a status read, the history's detail. Each print is a
// file of its own, all dated with the sale's time.
func TestReprintsAreCopiesFromEveryScreen(t *testing.T) {
	dir := t.TempDir()
	d, sb, _ := onSandbox(t, 120, 40)
	d.app.opts.Printer = receipt.FilePrinter{Dir: dir, Width: 42}
	print := func(want string) {
		t.Helper()
		d.send(tea.KeyPressMsg{Code: 'p', Text: "p"})
		// Wait for this print's own words: the status read before the
		// second print may redraw the first print's line after the test
		// cleared it, and any printed line would end a looser wait early.
		d.until(want, func(a App) bool {
			if dt, ok := detailOf(a); ok {
				return strings.Contains(dt.printed, strings.TrimPrefix(want, "✓ ")) || dt.printErr != ""
			}
			return strings.Contains(a.result.printed, strings.TrimPrefix(want, "✓ ")) || a.result.printErr != ""
		})
		if !strings.Contains(d.screen(), want) {
			t.Fatalf("want %q:\n%s", want, d.screen())
		}
	}
	pay(d, "120000", false, "8600000000000015", "")
	d.until("the code screen", func(a App) bool { return a.pay.State == flows.AwaitingOTP })
	d.typeText(lastCode(sb))
	d.key(tea.KeyEnter)
	d.until("paid", func(a App) bool { return a.pay.State == flows.Succeeded && a.screen == screenResult })
	print("✓ Receipt saved to")
	d.send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	d.until("the status read", func(a App) bool { return a.payOut == 0 && a.screen == screenResult })
	d.app.result.printed = ""
	print("✓ Copy saved to")
	d.send(doneMsg{})
	d.until("home", func(a App) bool { return a.screen == screenHome })
	d.send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	d.until("the history", func(a App) bool { h, ok := historyOf(a); return ok && len(h.records) == 1 })
	d.key(tea.KeyEnter)
	d.until("the detail", func(a App) bool { dt, ok := detailOf(a); return ok && dt.loaded })
	if !strings.Contains(d.screen(), "Money: paid 120 000 UZS") || !strings.Contains(d.screen(), "receipt printed 2 times") {
		t.Errorf("the timeline does not list the sale and its prints:\n%s", d.screen())
	}
	print("✓ Copy saved to")

	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	dates := map[string]bool{}
	for _, f := range files {
		name := f.Name()[strings.Index(f.Name(), "-sale-"):]
		names = append(names, name)
		b, _ := os.ReadFile(filepath.Join(dir, f.Name()))
		if strings.Contains(string(b), "COPY") != strings.Contains(name, "copy") {
			t.Errorf("%s is marked wrong:\n%s", f.Name(), b)
		}
		for _, ln := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(ln, "Date") {
				dates[ln] = true
			}
		}
	}
	if strings.Join(names, " ") != "-sale-1.txt -sale-2-copy.txt -sale-3-copy.txt" {
		t.Errorf("files %q", names)
	}
	if len(dates) != 1 {
		t.Errorf("the prints are dated %v, want the sale's time on each", dates)
	}
}
