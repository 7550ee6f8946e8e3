package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

// Config is everything octo-cashier reads from config.toml and the
// environment. config.toml.example documents every key.
type Config struct {
	OCTO    OCTOConfig     `toml:"octo"`
	Console ConsoleConfig  `toml:"console"`
	Sandbox SandboxConfig  `toml:"sandbox"`
	Printer receipt.Config `toml:"printer"`
	Fiscal  FiscalConfig   `toml:"fiscal"`

	// Source is where the file came from ("" when none was read); shown
	// in error messages and on the home screen.
	Source string `toml:"-"`
}

// OCTOConfig is the gateway connection. With no shop id and no secret the
// console runs on the embedded sandbox.
type OCTOConfig struct {
	BaseURL         string   `toml:"base_url"`
	ShopID          int64    `toml:"shop_id"`
	Secret          string   `toml:"secret"`
	UniqueKey       string   `toml:"unique_key"`       // notification signing key (REFERENCE §5.3)
	SignatureRecipe string   `toml:"signature_recipe"` // unique_key | secret_hash | yahont
	Test            bool     `toml:"test"`
	Currency        string   `toml:"currency"`
	Language        string   `toml:"language"` // OCTO's payment page: uz, ru, en
	ReturnURL       string   `toml:"return_url"`
	NotifyURL       string   `toml:"notify_url"`    // the public URL OCTO posts notifications to
	NotifyListen    string   `toml:"notify_listen"` // local address the listener binds, e.g. 0.0.0.0:8089
	TTLMinutes      int      `toml:"ttl_minutes"`
	Timeout         Duration `toml:"timeout"`
	HoldTimeout     Duration `toml:"hold_timeout"`
	// CodeLength is how many digits OCTO's SMS codes have; the console
	// refuses another length before sending it (0 takes any length).
	CodeLength int `toml:"code_length"`
	// RefundMin is OCTO's smallest refund in UZS: 1 USD's equivalent
	// (REFERENCE §2.9), which moves with the exchange rate.
	RefundMin decimal.Decimal `toml:"refund_min"`
	// CardEntry lets the cashier type the customer's card here (pay with
	// card data: the shop must be PCI DSS certified). false: the customer
	// pays on their phone (OCTO's page by QR) or with a saved card only.
	CardEntry bool `toml:"card_entry"`
}

// FiscalConfig is the shop's fiscal attributes, sent on every payment's
// basket line for OCTO's fiscal receipt (REFERENCE §2.1, §2.13). The
// combination must be registered with OCTO for the shop (error 403
// otherwise). Empty keys are not sent.
type FiscalConfig struct {
	SPIC        string `toml:"spic"`         // ИКПУ / MXIK product code
	PackageCode string `toml:"package_code"` // package (unit) code of the product
	NDS         *int   `toml:"nds"`          // VAT flag as registered with OCTO
	INN         string `toml:"inn"`          // the seller's tax id (a company) …
	PINFL       string `toml:"pinfl"`        // … or personal id (an individual entrepreneur)
}

// registered is the fiscal object the embedded sandbox knows for its shop:
// [sandbox.fiscal] when set, else [fiscal]'s; none when both are empty.
func (c *Config) registered() []sandbox.FiscalObject {
	f := c.Fiscal
	if c.Sandbox.Fiscal != nil {
		f = *c.Sandbox.Fiscal
	}
	o := sandbox.FiscalObject{SPIC: f.SPIC, PackageCode: f.PackageCode, NDS: f.NDS, INN: f.INN, PINFL: f.PINFL}
	if o == (sandbox.FiscalObject{}) {
		return nil
	}
	return []sandbox.FiscalObject{o}
}

// Codes is the fiscal section as the flows carry it.
func (f FiscalConfig) Codes() flows.FiscalCodes {
	return flows.FiscalCodes{SPIC: f.SPIC, PackageCode: f.PackageCode, NDS: f.NDS, INN: f.INN, PINFL: f.PINFL}
}

// ConsoleConfig is about the person at the counter and the local files.
type ConsoleConfig struct {
	Operator string `toml:"operator"`
	ShopName string `toml:"shop_name"` // heads the receipts, above the shop id
	Language string `toml:"language"`  // screens: en, ru, uz
	Journal  string `toml:"journal"`   // SQLite file (default under the XDG state directory) or a store's postgres:// URL
	// Counter names this till in a store journal (PostgreSQL): it is
	// recorded on every payment, shift and notification; shifts and their
	// Z reports are per counter. Unset: "A".
	Counter string `toml:"counter"`
	LogFile string `toml:"log_file"` // logs never go to the terminal
	// LargeAmount and above are confirmed a second time, spelled out.
	LargeAmount Money `toml:"large_amount"`
	// Shifts asks for a shift to be opened before the first sale; unset,
	// it is on when the console talks to OCTO and off on the embedded
	// sandbox, so a demo starts at once.
	Shifts *bool `toml:"shifts"`
}

// ShiftsOn is console.shifts as it applies to the configured mode.
func (c *Config) ShiftsOn() bool {
	if c.Console.Shifts != nil {
		return *c.Console.Shifts
	}
	return c.Mode() != ModeSandbox
}

// Money is an amount in config.toml, written as a number (10000000) or a
// string ("10000000.00"); kept as a decimal, never a float.
type Money struct{ decimal.Decimal }

// UnmarshalTOML reads an integer or a string; a TOML float is refused, as
// its digits are already rounded by the time it is read.
func (m *Money) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case int64:
		m.Decimal = decimal.NewFromInt(v)
		return nil
	case string:
		d, err := decimal.NewFromString(strings.TrimSpace(strings.ReplaceAll(v, " ", "")))
		if err != nil {
			return fmt.Errorf("%q is not an amount (write 10000000 or \"10000000.00\")", v)
		}
		m.Decimal = d
		return nil
	}
	return fmt.Errorf("%v is not an amount: write a whole number, or a string such as \"10000000.50\"", v)
}

// SandboxConfig tunes the embedded sandbox (ignored when talking to OCTO).
type SandboxConfig struct {
	ShopID      int64    `toml:"shop_id"`
	Secret      string   `toml:"secret"`
	UniqueKey   string   `toml:"unique_key"`
	HoldTimeout Duration `toml:"hold_timeout"`
	OTPLifetime Duration `toml:"otp_lifetime"`
	// RefundMin is the sandbox's OCTO-side smallest refund in UZS
	// (default 12800), apart from [octo] refund_min so that a console
	// set lower than OCTO can be walked into OCTO's refusal.
	RefundMin decimal.Decimal `toml:"refund_min"`
	// Fiscal is the fiscal object registered for the sandbox's shop;
	// unset: [fiscal]'s codes (a shop whose codes OCTO knows). A basket
	// with other codes is refused with error 403.
	Fiscal *FiscalConfig `toml:"fiscal"`
	// Listen is where the embedded sandbox listens; default 127.0.0.1 (this
	// computer only). An address on the shop's network (0.0.0.0:8080, or
	// this machine's) lets a phone that scans the QR code pay on its page.
	Listen string `toml:"listen"`
	// KeepFinished is how many finished payments the embedded sandbox
	// keeps for status reads and refunds (default 100); older ones are
	// forgotten, and the sandbox says so when one is asked for. Each
	// costs about 1 kB of the console's memory, which stays flat once
	// the sandbox holds this many.
	KeepFinished int `toml:"keep_finished"`
}

// Mode is what the console is connected to; the badge shows it.
type Mode int

// The modes, from safest to the one that takes real money.
const (
	ModeSandbox Mode = iota // the embedded simulator
	ModeTest                // OCTO, payments created with test: true
	ModeLive                // OCTO, real money
)

func (m Mode) String() string {
	switch m {
	case ModeSandbox:
		return "SANDBOX"
	case ModeTest:
		return "TEST"
	case ModeLive:
		return "LIVE"
	}
	return "UNKNOWN"
}

// Mode tells which gateway the configuration points at.
func (c *Config) Mode() Mode {
	switch {
	case c.OCTO.ShopID == 0 && c.OCTO.Secret == "":
		return ModeSandbox
	case c.OCTO.Test:
		return ModeTest
	default:
		return ModeLive
	}
}

// Duration is a time.Duration written as "30s" or "15m" in TOML.
type Duration struct{ time.Duration }

// UnmarshalText parses Go duration syntax.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("%q is not a duration (write it like \"30s\" or \"15m\")", b)
	}
	d.Duration = v
	return nil
}

// MarshalText writes Go duration syntax.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// defaultConfig is what a missing file and missing keys mean.
func defaultConfig() Config {
	return Config{
		OCTO: OCTOConfig{
			BaseURL:         "https://secure.octo.uz",
			SignatureRecipe: "unique_key",
			Test:            true, // a silent false takes real money (REFERENCE §7): opt in to LIVE
			Currency:        "UZS",
			Language:        "ru",
			TTLMinutes:      15,
			Timeout:         Duration{30 * time.Second},
			// Unknown until the cashier writes the cabinet's: a guess would
			// be counted down and printed on receipts as fact.
			HoldTimeout: Duration{0},
			CodeLength:  6,
			RefundMin:   flows.DefaultRefundMinUZS,
			CardEntry:   true,
		},
		Console: ConsoleConfig{Language: "en", LargeAmount: Money{decimal.NewFromInt(10_000_000)}},
		Sandbox: SandboxConfig{HoldTimeout: Duration{30 * time.Minute}, OTPLifetime: Duration{3 * time.Minute},
			RefundMin: flows.DefaultRefundMinUZS, KeepFinished: defaultKeepFinished},
	}
}

// DefaultConfigPath is $XDG_CONFIG_HOME/octo-cashier/config.toml, else
// ~/.config/octo-cashier/config.toml.
func DefaultConfigPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "octo-cashier", "config.toml")
}

// LoadConfig reads path (an explicit --config must exist; the default path
// may be absent), applies the environment, and validates the result.
// Errors name the file, the line where it is known, the key and what is
// wrong with it.
func LoadConfig(path string, explicit bool, getenv func(string) string) (Config, error) {
	cfg := defaultConfig()
	if path != "" {
		data, err := os.ReadFile(path)
		switch {
		case err == nil:
			if err := decodeConfig(path, data, &cfg); err != nil {
				return cfg, err
			}
			cfg.Source = path
		case errors.Is(err, os.ErrNotExist) && !explicit:
			// No file at the default place: defaults and environment only.
		default:
			return cfg, fmt.Errorf("config: %w", err)
		}
	}
	if err := applyEnv(&cfg, getenv); err != nil {
		return cfg, err
	}
	return cfg, cfg.Validate()
}

// decodeConfig decodes strictly: an unknown key is an error with its line.
func decodeConfig(path string, data []byte, cfg *Config) error {
	md, err := toml.Decode(string(data), cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		// Type errors come as `toml: line N (last key "k"): message`.
		if m := typeErrRE().FindStringSubmatch(err.Error()); m != nil {
			return fmt.Errorf("%s:%s: %s: %s", path, m[1], m[2], m[3])
		}
		return fmt.Errorf("%s: %v", path, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		k := un[0]
		return fmt.Errorf("%s:%d: unknown key %q (see config.toml.example for the keys there are)",
			path, keyLine(string(data), k), k.String())
	}
	return nil
}

// typeErrRE is compiled on its first use, not by every start.
var typeErrRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)
})

// keyLine finds the line that defines key k: the TOML library keeps key
// positions to itself, so this looks for the key inside its table.
func keyLine(data string, k toml.Key) int {
	if len(k) == 0 {
		return 0
	}
	table := strings.Join(k[:len(k)-1], ".")
	name := k[len(k)-1]
	current := ""
	for i, line := range strings.Split(data, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			current = strings.Trim(strings.TrimSpace(strings.SplitN(t, "#", 2)[0]), "[]")
			current = strings.TrimSpace(current)
			if current == k.String() {
				return i + 1 // an unknown table
			}
			continue
		}
		if current != table {
			continue
		}
		if before, _, ok := strings.Cut(t, "="); ok && strings.Trim(strings.TrimSpace(before), `"'`) == name {
			return i + 1
		}
	}
	return 0
}

// envVars lists the environment overrides, so the secret need not sit in a
// file. Each applies after the file.
var envVars = []struct {
	name  string
	apply func(*Config, string) error
}{
	{"OCTO_BASE_URL", func(c *Config, v string) error { c.OCTO.BaseURL = v; return nil }},
	{"OCTO_SHOP_ID", func(c *Config, v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("OCTO_SHOP_ID: %q is not a whole number", v)
		}
		c.OCTO.ShopID = n
		return nil
	}},
	{"OCTO_SECRET", func(c *Config, v string) error { c.OCTO.Secret = v; return nil }},
	{"OCTO_UNIQUE_KEY", func(c *Config, v string) error { c.OCTO.UniqueKey = v; return nil }},
	{"OCTO_TEST", func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("OCTO_TEST: %q is not true or false", v)
		}
		c.OCTO.Test = b
		return nil
	}},
	{"OCTO_NOTIFY_URL", func(c *Config, v string) error { c.OCTO.NotifyURL = v; return nil }},
	{"OCTO_NOTIFY_LISTEN", func(c *Config, v string) error { c.OCTO.NotifyListen = v; return nil }},
	{"OCTO_CASHIER_OPERATOR", func(c *Config, v string) error { c.Console.Operator = v; return nil }},
	{"OCTO_CASHIER_LANGUAGE", func(c *Config, v string) error { c.Console.Language = v; return nil }},
	{"OCTO_CASHIER_JOURNAL", func(c *Config, v string) error { c.Console.Journal = v; return nil }},
	{"OCTO_CASHIER_COUNTER", func(c *Config, v string) error { c.Console.Counter = v; return nil }},
	{"OCTO_CASHIER_LOG", func(c *Config, v string) error { c.Console.LogFile = v; return nil }},
}

func applyEnv(cfg *Config, getenv func(string) string) error {
	for _, e := range envVars {
		if v := getenv(e.name); v != "" {
			if err := e.apply(cfg, v); err != nil {
				return fmt.Errorf("environment: %w", err)
			}
		}
	}
	return nil
}

// Validate checks every key whose wrong value would fail later, far from
// the cause. Messages name the key as it is written in config.toml.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, a...)))
	}
	if c.OCTO.ShopID != 0 || c.OCTO.Secret != "" {
		if c.OCTO.ShopID <= 0 {
			bad("octo.shop_id", "set octo.secret but no shop id (a positive number from OCTO's cabinet)")
		}
		if c.OCTO.Secret == "" {
			bad("octo.secret", "set octo.shop_id but no secret (or set OCTO_SECRET)")
		}
	}
	if u, err := url.Parse(c.OCTO.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		bad("octo.base_url", "%q is not an http(s) URL", c.OCTO.BaseURL)
	}
	for key, v := range map[string]string{"octo.return_url": c.OCTO.ReturnURL, "octo.notify_url": c.OCTO.NotifyURL} {
		if v == "" {
			continue
		}
		if u, err := url.Parse(v); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(key, "%q is not a complete http(s) URL", v)
		}
	}
	if c.Mode() != ModeSandbox && c.OCTO.ReturnURL == "" {
		bad("octo.return_url", "OCTO requires it: where its payment pages send the customer back (a complete https URL)")
	}
	if (c.OCTO.NotifyListen == "") != (c.OCTO.NotifyURL == "") && c.Mode() != ModeSandbox {
		bad("octo.notify_listen", "set notify_listen and notify_url together (where to listen, and the public URL OCTO posts to)")
	}
	switch c.OCTO.SignatureRecipe {
	case "unique_key", "secret_hash", "yahont":
	default:
		bad("octo.signature_recipe", "%q is not one of unique_key, secret_hash, yahont", c.OCTO.SignatureRecipe)
	}
	switch c.OCTO.Language {
	case "uz", "ru", "en":
	default:
		bad("octo.language", "%q is not one of uz, ru, en", c.OCTO.Language)
	}
	switch c.Console.Language {
	case "en", "ru", "uz":
	default:
		bad("console.language", "%q is not one of en, ru, uz", c.Console.Language)
	}
	if journal.IsPostgresURL(c.Console.Journal) && c.Mode() == ModeSandbox {
		// Each console's embedded sandbox knows only its own payments: a
		// counter starting would "recover" another's from a gateway that
		// never heard of them.
		bad("console.journal", "a store journal needs every counter on one gateway: set octo.shop_id and octo.secret (OCTO, or one standalone sandbox with octo.base_url), not each console's embedded sandbox")
	}
	if n := len([]rune(c.Console.Counter)); n > 32 || strings.ContainsFunc(c.Console.Counter, unicode.IsControl) {
		bad("console.counter", "%q: a counter's name is at most 32 printable characters, like \"A\" or \"front desk\"", c.Console.Counter)
	}
	if c.OCTO.CodeLength < 0 || c.OCTO.CodeLength > 12 {
		bad("octo.code_length", "%d is not a code length (the digits of OCTO's SMS code, 6; 0 takes any length)", c.OCTO.CodeLength)
	}
	if !c.Console.LargeAmount.IsPositive() {
		bad("console.large_amount", "%s: the amount from which a payment is confirmed a second time must be more than 0", c.Console.LargeAmount.String())
	}
	switch c.OCTO.Currency {
	case "UZS", "USD", "RUB", "EUR":
	default:
		bad("octo.currency", "%q is not a currency OCTO takes (UZS, USD, RUB, EUR)", c.OCTO.Currency)
	}
	if c.OCTO.TTLMinutes < 0 {
		bad("octo.ttl_minutes", "%d is negative", c.OCTO.TTLMinutes)
	}
	if c.OCTO.Timeout.Duration <= 0 {
		bad("octo.timeout", "must be more than zero, like \"30s\"")
	}
	if !c.OCTO.RefundMin.IsPositive() || !c.OCTO.RefundMin.Equal(c.OCTO.RefundMin.Round(2)) {
		bad("octo.refund_min", "%s is not a positive amount in UZS with at most 2 decimals (OCTO's 1 USD, about 12800)", c.OCTO.RefundMin)
	}
	for key, v := range map[string]string{"fiscal.spic": c.Fiscal.SPIC, "fiscal.package_code": c.Fiscal.PackageCode,
		"fiscal.inn": c.Fiscal.INN, "fiscal.pinfl": c.Fiscal.PINFL} {
		if v != "" && strings.Trim(v, "0123456789") != "" {
			bad(key, "%q is not a code of digits", v)
		}
	}
	if c.Fiscal.INN != "" && c.Fiscal.PINFL != "" {
		bad("fiscal.pinfl", "set inn (a company) or pinfl (an individual entrepreneur), not both")
	}
	if c.Fiscal.NDS != nil && *c.Fiscal.NDS < 0 {
		bad("fiscal.nds", "%d is negative", *c.Fiscal.NDS)
	}
	if c.OCTO.HoldTimeout.Duration < 0 {
		bad("octo.hold_timeout", "is negative; write the cabinet's, like \"30m\", or 0 for unknown")
	}
	if c.Sandbox.HoldTimeout.Duration <= 0 {
		bad("sandbox.hold_timeout", "must be more than zero, like \"30m\"")
	}
	if !c.Sandbox.RefundMin.IsPositive() {
		bad("sandbox.refund_min", "%s is not a positive amount in UZS", c.Sandbox.RefundMin)
	}
	if c.Sandbox.Listen != "" {
		if _, port, err := net.SplitHostPort(c.Sandbox.Listen); err != nil || port == "" {
			bad("sandbox.listen", "%q is not host:port, like \"0.0.0.0:8080\"", c.Sandbox.Listen)
		}
	}
	if c.Sandbox.OTPLifetime.Duration <= 0 {
		bad("sandbox.otp_lifetime", "must be more than zero, like \"3m\"")
	}
	if c.Sandbox.KeepFinished < 1 {
		bad("sandbox.keep_finished", "%d keeps no payment; write how many finished payments to keep, like %d", c.Sandbox.KeepFinished, defaultKeepFinished)
	}
	if _, err := receipt.New(c.Printer); err != nil {
		// receipt.New names the key ("printer.addr: ...") and checks
		// every key of the table, so all the printer's problems show at once.
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		where := "config"
		if c.Source != "" {
			where = c.Source
		}
		return fmt.Errorf("%s: %w", where, errors.Join(errs...))
	}
	return nil
}
