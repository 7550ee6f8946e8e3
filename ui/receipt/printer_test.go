package receipt

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakePrinter is a network receipt printer on 127.0.0.1: it takes one
// connection and hands over every byte it received.
func fakePrinter(t *testing.T) (addr string, received <-chan []byte) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	ch := make(chan []byte, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			close(ch)
			return
		}
		defer conn.Close()
		_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second)) // a guard against a hung test, not a measurement
		data, _ := io.ReadAll(conn)
		ch <- data
	}()
	return ln.Addr().String(), ch
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestNetworkPrinterPrintsAWellFormedReceipt(t *testing.T) {
	addr, received := fakePrinter(t)
	pr, err := New(Config{Kind: "network", Addr: addr, Width: 42})
	if err != nil {
		t.Fatal(err)
	}
	p := paidSale()
	p.Description = "Кофе в зёрнах, 1 кг"
	r := mustReceipt(t, p, opts(Russian))
	if err := pr.Print(testCtx(t), r); err != nil {
		t.Fatal(err)
	}
	data := <-received
	got, err := parseESCPOS(data, 42)
	if err != nil {
		t.Fatalf("the printer could not read the stream: %v", err)
	}
	text := strings.Join(got.lines, "\n")
	for _, want := range []string{"Chorsu Coffee", "ОПЛАТА", "ИТОГО", "150 000 UZS", "8600 00** **** 0015",
		"Кофе в зёрнах, 1 кг", "oc-5f2a9c0e7b3d41a8c6e19f02", "Спасибо за покупку!"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q on the paper:\n%s", want, text)
		}
	}
	if len(got.big) != 1 || !strings.HasPrefix(got.big[0], "ИТОГО") {
		t.Errorf("double-height lines %q, want the total", got.big)
	}
	if len(got.qr) != 1 || got.qr[0] != fiscalLink {
		t.Errorf("QR codes %q, want the fiscal link", got.qr)
	}
	if string(data) != string(r.ESCPOS(42)) {
		t.Error("the printer received other bytes than ESCPOS(42)")
	}
}

func TestNetworkPrinterLanguageOverride(t *testing.T) {
	addr, received := fakePrinter(t)
	pr := NetworkPrinter{Addr: addr, Width: 32, Language: Uzbek}
	if err := pr.Print(testCtx(t), mustReceipt(t, paidSale(), opts(English))); err != nil {
		t.Fatal(err)
	}
	got, err := parseESCPOS(<-received, 32)
	if err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(got.lines, "\n"); !strings.Contains(text, "JAMI") || strings.Contains(text, "TOTAL") {
		t.Errorf("want the Uzbek receipt:\n%s", text)
	}
}

func TestNetworkPrinterUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	err = NetworkPrinter{Addr: addr}.Print(testCtx(t), mustReceipt(t, paidSale(), opts(English)))
	if err == nil {
		t.Fatal("printed to a printer that is not there")
	}
	if !strings.Contains(err.Error(), "printer at "+addr+" does not answer") {
		t.Errorf("error %q does not say which printer does not answer", err)
	}
}

func TestNetworkPrinterCanceled(t *testing.T) {
	addr, _ := fakePrinter(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := NetworkPrinter{Addr: addr}.Print(ctx, mustReceipt(t, paidSale(), opts(English)))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestNetworkPrinterBadAddr(t *testing.T) {
	err := NetworkPrinter{Addr: "printer:99999"}.Print(testCtx(t), mustReceipt(t, paidSale(), opts(English)))
	if err == nil || !strings.Contains(err.Error(), "1 to 65535") {
		t.Errorf("error %v, want the port explained", err)
	}
}

func TestHostPort(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"192.168.1.50", "192.168.1.50:9100", ""},
		{"192.168.1.50:9101", "192.168.1.50:9101", ""},
		{"printer.local", "printer.local:9100", ""},
		{" printer.local:9100 ", "printer.local:9100", ""},
		{"::1", "[::1]:9100", ""},
		{"[::1]", "[::1]:9100", ""},
		{"[::1]:9200", "[::1]:9200", ""},
		{"", "", "no address"},
		{"host:", "", "not a number"},
		{"host:0", "", "1 to 65535"},
		{":9100", "", "has no host"},
		{"host:port", "", "not a number"},
	} {
		got, err := hostPort(tc.in)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("hostPort(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("hostPort(%q) = %q, %v; want an error saying %q", tc.in, got, err, tc.err)
		}
	}
}

func TestFilePrinter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "receipts", "2026")
	p := FilePrinter{Dir: dir, Width: 32}
	r := mustReceipt(t, paidSale(), opts(Uzbek))
	path, err := p.Save(testCtx(t), r)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "receipt-oc-5f2a9c0e7b3d41a8c6e19f02-sale-1.txt"); path != want || p.Path(r) != want {
		t.Errorf("path %s (Path %s), want %s", path, p.Path(r), want)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != r.Text(32)+"\n" {
		t.Errorf("file holds\n%s\nwant Text(32)", got)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
}

// No print replaces another: each movement's receipt has files of its
// own, each print its number, and a name already taken (a print the
// journal did not count) moves on to the next number, marked as a copy.
func TestFilePrinterNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	p := FilePrinter{Dir: dir, Width: 42}
	ms := saleStory()
	sale := document(t, fullyRefundedSale(), ms, 0, English, false)
	first := document(t, fullyRefundedSale(), ms, 1, English, false)
	second := document(t, fullyRefundedSale(), ms, 2, English, false)
	merchant := document(t, fullyRefundedSale(), ms, 2, English, true)
	copyOf := sale
	copyOf.PrintNo, copyOf.Copy = 2, true
	for _, d := range []Document{sale, first, second, merchant, copyOf, sale} {
		if err := p.Print(testCtx(t), d); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimPrefix(e.Name(), "receipt-oc-5f2a9c0e7b3d41a8c6e19f02-"))
	}
	want := "refund-1.txt refund2-1-merchant.txt refund2-1.txt sale-1.txt sale-2-copy.txt sale-3-copy.txt"
	if strings.Join(names, " ") != want {
		t.Errorf("directory holds %q, want %q (no temporary files should stay)", strings.Join(names, " "), want)
	}
	orig, _ := os.ReadFile(filepath.Join(dir, "receipt-oc-5f2a9c0e7b3d41a8c6e19f02-sale-1.txt"))
	again, _ := os.ReadFile(filepath.Join(dir, "receipt-oc-5f2a9c0e7b3d41a8c6e19f02-sale-3-copy.txt"))
	if strings.Contains(string(orig), "COPY") || !strings.Contains(string(again), "COPY") {
		t.Errorf("the original:\n%s\nthe print that found its name taken:\n%s", orig, again)
	}
}

func TestFilePrinterSafeName(t *testing.T) {
	r := Receipt{Kind: KindSale, ShopTransactionID: "../../etc/passwd"}
	p := FilePrinter{Dir: "/tmp/x"}
	if got := p.Path(r); got != "/tmp/x/receipt-______etc_passwd-sale-1.txt" {
		t.Errorf("path %q escapes the directory", got)
	}
	if got := (FilePrinter{}).Path(Receipt{Kind: KindHold}); got != "receipt-unknown-hold-1.txt" {
		t.Errorf("path %q", got)
	}
}

func TestFilePrinterErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := FilePrinter{Dir: file}.Print(testCtx(t), mustReceipt(t, paidSale(), opts(English)))
	if err == nil || !strings.HasPrefix(err.Error(), "receipt not saved: ") {
		t.Errorf("error %v, want receipt not saved", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := (FilePrinter{Dir: t.TempDir()}).Print(ctx, mustReceipt(t, paidSale(), opts(English))); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestDevicePrinter(t *testing.T) {
	dev := filepath.Join(t.TempDir(), "lp0")
	if err := os.WriteFile(dev, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	pr, err := New(Config{Kind: "device", Device: dev, Width: 48})
	if err != nil {
		t.Fatal(err)
	}
	r := mustReceipt(t, partlyCaptured(), opts(Russian))
	for range 2 {
		if err := pr.Print(testCtx(t), r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(dev)
	if err != nil {
		t.Fatal(err)
	}
	one := r.ESCPOS(48)
	if string(got) != string(one)+string(one) {
		t.Fatalf("device holds %d bytes, want two receipts of %d", len(got), len(one))
	}
	if _, err := parseESCPOS(got[:len(one)], 48); err != nil {
		t.Error(err)
	}
}

func TestDevicePrinterMissing(t *testing.T) {
	dev := filepath.Join(t.TempDir(), "usb", "lp0")
	err := DevicePrinter{Path: dev}.Print(testCtx(t), mustReceipt(t, paidSale(), opts(English)))
	if err == nil || !strings.Contains(err.Error(), "printer "+dev+" not found") {
		t.Errorf("error %v, want the device named as not found", err)
	}
	if _, statErr := os.Stat(dev); !errors.Is(statErr, os.ErrNotExist) {
		t.Error("Print created a file where the device should be")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := (DevicePrinter{Path: dev}).Print(ctx, mustReceipt(t, paidSale(), opts(English))); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Config
		want Printer
	}{
		{"empty", Config{}, FilePrinter{Width: 42}},
		{"file", Config{Kind: "file", Dir: "/var/receipts", Width: 32, Language: "ru"}, FilePrinter{Dir: "/var/receipts", Width: 32, Language: Russian}},
		{"device", Config{Kind: "Device", Device: "/dev/usb/lp0"}, DevicePrinter{Path: "/dev/usb/lp0", Width: 42}},
		{"network", Config{Kind: "network", Addr: "192.168.1.50", Width: 48, Language: "uz"}, NetworkPrinter{Addr: "192.168.1.50:9100", Width: 48, Language: Uzbek}},
		{"both copies", Config{Kind: "device", Device: "/dev/usb/lp0", Copies: "Both"}, DevicePrinter{Path: "/dev/usb/lp0", Width: 42, Copies: CopiesBoth}},
		{"the customer's", Config{Copies: "customer", Width: 32}, FilePrinter{Width: 32, Copies: CopiesCustomer}},
	} {
		got, err := New(tc.c)
		if err != nil || got != tc.want {
			t.Errorf("%s: New = %#v, %v; want %#v", tc.name, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		p     Printer
		width int
		both  bool
	}{
		{FilePrinter{Width: 32}, 32, false}, {DevicePrinter{Copies: CopiesBoth}, 42, true},
		{NetworkPrinter{Width: 48, Copies: CopiesCustomer}, 48, false}, {nil, 42, false},
	} {
		if w, both := Setup(tc.p); w != tc.width || both != tc.both {
			t.Errorf("Setup(%#v) = %d, %v; want %d, %v", tc.p, w, both, tc.width, tc.both)
		}
	}
}

func TestNewNamesTheBadKey(t *testing.T) {
	for _, tc := range []struct {
		c    Config
		want []string
	}{
		{Config{Kind: "bluetooth"}, []string{`printer.kind: "bluetooth" is not one of file, device, network`}},
		{Config{Kind: "network"}, []string{"printer.addr: is empty"}},
		{Config{Kind: "network", Addr: "10.0.0.9:70000"}, []string{"printer.addr: port \"70000\""}},
		{Config{Kind: "device"}, []string{"printer.device: is empty"}},
		{Config{Kind: "device", Device: "usb/lp0"}, []string{`printer.device: "usb/lp0" is not an absolute path`}},
		{Config{Kind: "file", Addr: "10.0.0.9"}, []string{"printer.kind: is file, but device or addr is set"}},
		{Config{Width: 40}, []string{"printer.width: 40 is not one of 32, 42, 48"}},
		{Config{Language: "kk"}, []string{`printer.language: "kk" is not one of en, ru, uz`}},
		{Config{Copies: "merchant"}, []string{`printer.copies: "merchant" is not one of customer, both`}},
		{Config{Kind: "network", Width: 80, Language: "de"}, []string{"printer.addr:", "printer.width:", "printer.language:"}},
	} {
		p, err := New(tc.c)
		if err == nil || p != nil {
			t.Errorf("New(%+v) = %v, nil", tc.c, p)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("New(%+v): error %q does not say %q", tc.c, err, w)
			}
		}
	}
}

func TestNetworkPrinterDeadlinePassed(t *testing.T) {
	addr, _ := fakePrinter(t)
	ctx, cancel := context.WithDeadline(context.Background(), time.Unix(1, 0)) // long past: no waiting involved
	defer cancel()
	err := NetworkPrinter{Addr: addr}.Print(ctx, mustReceipt(t, paidSale(), opts(English)))
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "printer at "+addr+" does not answer") {
		t.Errorf("error %v, want the printer named as not answering in time", err)
	}
}
