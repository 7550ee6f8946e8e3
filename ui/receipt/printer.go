package receipt

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Printer puts a receipt (or a shift report) somewhere the customer, or
// the manager, can have it.
type Printer interface {
	Print(ctx context.Context, d Document) error
}

// Copies say which copies of a receipt a printer prints (config.toml's
// [printer] copies): the customer's only, or the customer's and then the
// merchant's, with OCTO's fee and what goes to the shop.
const (
	CopiesCustomer = "customer"
	CopiesBoth     = "both"
)

// Setup is how a printer prints: its width in characters and whether it
// prints the merchant's copy after the customer's.
func Setup(p Printer) (width int, both bool) {
	switch p := p.(type) {
	case FilePrinter:
		return clampWidth(p.Width), p.Copies == CopiesBoth
	case DevicePrinter:
		return clampWidth(p.Width), p.Copies == CopiesBoth
	case NetworkPrinter:
		return clampWidth(p.Width), p.Copies == CopiesBoth
	}
	return DefaultWidth, false
}

// DefaultPort is the raw printing port of network receipt printers.
const DefaultPort = "9100"

// DefaultTimeout bounds a network print when ctx has no deadline.
const DefaultTimeout = 10 * time.Second

// FilePrinter writes the text of a document to a file in Dir (created
// 0700), readable by its owner only. It never replaces a file: each print
// has a file of its own (Document.FileName), and a name already taken (by
// a print the journal does not know of) moves on to the next print
// number, marked as a copy.
type FilePrinter struct {
	Dir      string // empty: the working directory
	Width    int    // characters; 0: DefaultWidth
	Language Lang   // empty: the receipt's own
	Copies   string // CopiesCustomer (empty) or CopiesBoth
}

// Path is where Print would write d if its name is free.
func (p FilePrinter) Path(d Document) string {
	dir := p.Dir
	if dir == "" {
		dir = "."
	}
	return filepath.Join(dir, d.FileName())
}

// maxPrints bounds the search for a free file name.
const maxPrints = 1000

// Print writes the file; see Save.
func (p FilePrinter) Print(ctx context.Context, d Document) error {
	_, err := p.Save(ctx, d)
	return err
}

// Save writes the file atomically (a reader never sees half a receipt)
// and says where. It links a finished temporary file to its name, which
// fails rather than replace a file already there: the print then takes
// the next number.
func (p FilePrinter) Save(ctx context.Context, d Document) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	dir := filepath.Dir(p.Path(d))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("receipt not saved: %w", err)
	}
	d = d.inLanguage(p.Language)
	for range maxPrints {
		path, err := p.link(dir, d)
		if errors.Is(err, os.ErrExist) {
			d = d.reprint(d.Print() + 1)
			continue
		}
		return path, err
	}
	return "", fmt.Errorf("receipt not saved: %d prints of %s already", maxPrints, d.FileName())
}

// link writes d to a temporary file and links it to its name.
func (p FilePrinter) link(dir string, d Document) (string, error) {
	f, err := os.CreateTemp(dir, ".receipt-*.tmp") // 0600
	if err != nil {
		return "", fmt.Errorf("receipt not saved: %w", err)
	}
	defer os.Remove(f.Name()) // the name stays linked; cleans up after a failure
	if _, err := f.WriteString(d.Text(p.Width) + "\n"); err != nil {
		_ = f.Close()
		return "", fmt.Errorf("receipt not saved: %w", err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return "", fmt.Errorf("receipt not saved: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("receipt not saved: %w", err)
	}
	path := filepath.Join(dir, d.FileName())
	err = os.Link(f.Name(), path)
	switch {
	case err == nil:
		return path, nil
	case errors.Is(err, os.ErrExist):
		return "", err
	}
	// A file system without hard links: created exclusively, then written.
	out, oerr := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if oerr != nil {
		if errors.Is(oerr, os.ErrExist) {
			return "", oerr
		}
		return "", fmt.Errorf("receipt not saved: %w", err)
	}
	if _, werr := out.WriteString(d.Text(p.Width) + "\n"); werr != nil {
		_ = out.Close()
		return "", fmt.Errorf("receipt not saved: %w", werr)
	}
	if cerr := out.Close(); cerr != nil {
		return "", fmt.Errorf("receipt not saved: %w", cerr)
	}
	return path, nil
}

// fileSafe keeps letters, digits, '-', '_' and '.' of an id for a file name.
func fileSafe(s string) string {
	s = strings.Map(func(c rune) rune {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
			return c
		}
		return '_'
	}, s)
	if s == "" {
		return "unknown"
	}
	return s
}

// DevicePrinter writes ESC/POS bytes to a printer's device file, such as
// /dev/usb/lp0. The file must exist: a missing device is an error, not a
// new regular file.
type DevicePrinter struct {
	Path     string
	Width    int    // characters; 0: DefaultWidth
	Language Lang   // empty: the receipt's own
	Copies   string // CopiesCustomer (empty) or CopiesBoth
}

// Print writes the receipt in one write. A printer that blocks (out of
// paper, cover open) does not hold the caller past ctx: Print returns
// ctx's error and the write finishes or fails in the background.
func (p DevicePrinter) Print(ctx context.Context, d Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	data := d.inLanguage(p.Language).ESCPOS(p.Width)
	f, err := os.OpenFile(p.Path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("printer %s not found: is it connected and switched on?", p.Path)
		}
		return fmt.Errorf("printer %s: %w", p.Path, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = f.SetWriteDeadline(dl) // only pollable files support it; the select below covers the rest
	}
	done := make(chan error, 1)
	go func() {
		_, werr := f.Write(data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		done <- werr
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("printer %s: %w", p.Path, err)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("printer %s did not take the receipt: %w", p.Path, ctx.Err())
	}
}

// NetworkPrinter sends ESC/POS bytes to a printer's raw TCP port.
type NetworkPrinter struct {
	Addr     string        // host or host:port; the port defaults to 9100
	Width    int           // characters; 0: DefaultWidth
	Language Lang          // empty: the receipt's own
	Timeout  time.Duration // when ctx has no deadline; 0: DefaultTimeout
	Copies   string        // CopiesCustomer (empty) or CopiesBoth
}

// Print dials, writes and closes, all within ctx's deadline (or Timeout).
func (p NetworkPrinter) Print(ctx context.Context, d Document) error {
	addr, err := hostPort(p.Addr)
	if err != nil {
		return fmt.Errorf("printer %s: %w", p.Addr, err)
	}
	if _, ok := ctx.Deadline(); !ok {
		t := p.Timeout
		if t <= 0 {
			t = DefaultTimeout
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	data := d.inLanguage(p.Language).ESCPOS(p.Width)
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("printer at %s does not answer: %w", addr, err)
	}
	defer conn.Close()
	dl, _ := ctx.Deadline()
	if err := conn.SetWriteDeadline(dl); err != nil {
		return fmt.Errorf("printer at %s: %w", addr, err)
	}
	// A cancel before the deadline also stops a write the printer does not take.
	stop := context.AfterFunc(ctx, func() { _ = conn.SetWriteDeadline(time.Unix(1, 0)) })
	defer stop()
	if _, err := conn.Write(data); err != nil {
		return fmt.Errorf("printer at %s did not take the receipt: %w", addr, err)
	}
	if err := conn.Close(); err != nil {
		return fmt.Errorf("printer at %s: %w", addr, err)
	}
	return nil
}

// hostPort adds the default port to a bare host and checks the port.
func hostPort(addr string) (string, error) {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return "", errors.New("no address")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		switch {
		case !strings.Contains(addr, ":"): // a bare host
			host = addr
		case strings.HasPrefix(addr, "[") && strings.HasSuffix(addr, "]"): // [IPv6]
			host = addr[1 : len(addr)-1]
		case strings.Count(addr, ":") > 1 && !strings.Contains(addr, "["): // a bare IPv6 address
			host = addr
		default:
			return "", fmt.Errorf("%q is not host or host:port", addr)
		}
		port = DefaultPort
	}
	if host == "" {
		return "", fmt.Errorf("%q has no host", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("port %q is not a number from 1 to 65535", port)
	}
	return net.JoinHostPort(host, port), nil
}

// Config is the [printer] table of config.toml.
type Config struct {
	Kind     string `toml:"kind"`     // file | device | network; empty: file
	Dir      string `toml:"dir"`      // kind file: where receipts go; empty: the working directory
	Device   string `toml:"device"`   // kind device: the printer's device file, e.g. /dev/usb/lp0
	Addr     string `toml:"addr"`     // kind network: host or host:port (port 9100 by default)
	Width    int    `toml:"width"`    // characters per line: 32, 42 or 48; 0: 42
	Language string `toml:"language"` // en | ru | uz; empty: the console's language
	Copies   string `toml:"copies"`   // customer | both (the merchant's copy too); empty: customer
}

// New checks c and makes its printer. Errors name the key as config.toml
// writes it ("printer.addr: ...").
func New(c Config) (Printer, error) {
	var errs []error
	bad := func(key, format string, a ...any) {
		errs = append(errs, fmt.Errorf("printer.%s: %s", key, fmt.Sprintf(format, a...)))
	}
	kind := strings.ToLower(strings.TrimSpace(c.Kind))
	switch c.Width {
	case 0, 32, 42, 48:
	default:
		bad("width", "%d is not one of 32, 42, 48 (58 mm paper: 32; 80 mm: 42 or 48)", c.Width)
	}
	lang, err := ParseLang(c.Language)
	if err != nil {
		bad("language", "%v", err)
	}
	if c.Language == "" {
		lang = "" // the receipt's own
	}
	copies := strings.ToLower(strings.TrimSpace(c.Copies))
	switch copies {
	case "", CopiesCustomer, CopiesBoth:
	default:
		bad("copies", "%q is not one of customer, both", c.Copies)
	}
	switch kind {
	case "", "file":
		if c.Device != "" || c.Addr != "" {
			bad("kind", "is file, but device or addr is set (set kind = \"device\" or \"network\")")
		}
	case "device":
		switch {
		case c.Device == "":
			bad("device", "is empty; kind = \"device\" needs the printer's device file, e.g. /dev/usb/lp0")
		case !filepath.IsAbs(c.Device):
			bad("device", "%q is not an absolute path", c.Device)
		}
	case "network":
		if c.Addr == "" {
			bad("addr", "is empty; kind = \"network\" needs host or host:port, e.g. 192.168.1.50:9100")
		} else if _, err := hostPort(c.Addr); err != nil {
			bad("addr", "%v", err)
		}
	default:
		bad("kind", "%q is not one of file, device, network", c.Kind)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	width := c.Width
	if width == 0 {
		width = DefaultWidth
	}
	switch kind {
	case "device":
		return DevicePrinter{Path: c.Device, Width: width, Language: lang, Copies: copies}, nil
	case "network":
		addr, _ := hostPort(c.Addr)
		return NetworkPrinter{Addr: addr, Width: width, Language: lang, Copies: copies}, nil
	}
	return FilePrinter{Dir: c.Dir, Width: width, Language: lang, Copies: copies}, nil
}
