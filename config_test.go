package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

func noEnv(string) string { return "" }

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadConfigNoFileIsSandbox(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join(t.TempDir(), "absent.toml"), false, noEnv)
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	if got := cfg.Mode(); got != ModeSandbox {
		t.Errorf("Mode() = %v, want SANDBOX", got)
	}
	if got := cfg.OCTO.Timeout.Duration; got != 30*time.Second {
		t.Errorf("default timeout = %v, want 30s", got)
	}
	if got := cfg.Sandbox.KeepFinished; got != 100 {
		t.Errorf("default sandbox.keep_finished = %d, want 100", got)
	}
}

func TestLoadConfigExplicitMissingFileFails(t *testing.T) {
	_, err := LoadConfig(filepath.Join(t.TempDir(), "absent.toml"), true, noEnv)
	if err == nil {
		t.Fatal("LoadConfig of a missing --config file: want an error")
	}
}

func TestExampleConfigLoads(t *testing.T) {
	cfg, err := LoadConfig("config.toml.example", true, noEnv)
	if err != nil {
		t.Fatalf("config.toml.example does not load: %v", err)
	}
	if cfg.Mode() != ModeSandbox {
		t.Errorf("the example's mode = %v, want SANDBOX", cfg.Mode())
	}
}

func TestLoadConfigErrorsNameKeyAndLine(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"unknown key", "[octo]\nshop_id = 5\nsecert = \"x\"\n", []string{":3:", `"octo.secert"`}},
		{"unknown table", "[printers]\nport = 9100\n", []string{":1:", `"printers"`}},
		{"unknown printer key", "[printer]\nkind = \"network\"\nport = 9100\n", []string{":3:", `"printer.port"`}},
		{"wrong type", "[octo]\nshop_id = \"abc\"\n", []string{":2: octo.shop_id:", "incompatible types"}},
		{"syntax", "[octo\n", []string{"config.toml:", "table name"}},
		{"bad duration", "[octo]\ntimeout = \"soon\"\n", []string{`"soon" is not a duration`}},
		{"secret without shop", "[octo]\nsecret = \"s\"\n", []string{"octo.shop_id"}},
		{"bad language", "[console]\nlanguage = \"fr\"\n", []string{"console.language", `"fr"`}},
		{"bad recipe", "[octo]\nsignature_recipe = \"md5\"\n", []string{"octo.signature_recipe"}},
		{"bad url", "[octo]\nbase_url = \"secure.octo.uz\"\n", []string{"octo.base_url"}},
		{"sandbox keeps nothing", "[sandbox]\nkeep_finished = 0\n", []string{"sandbox.keep_finished", "keeps no payment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeConfig(t, tt.body)
			_, err := LoadConfig(p, true, noEnv)
			if err == nil {
				t.Fatal("LoadConfig: want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestEnvironmentOverridesFile(t *testing.T) {
	p := writeConfig(t, "[octo]\nshop_id = 5\nsecret = \"from-file\"\ntest = true\nreturn_url = \"https://shop.example/back\"\n")
	env := map[string]string{"OCTO_SECRET": "from-env", "OCTO_TEST": "false", "OCTO_SHOP_ID": "77"}
	cfg, err := LoadConfig(p, true, func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	if cfg.OCTO.Secret != "from-env" || cfg.OCTO.ShopID != 77 {
		t.Errorf("got shop %d secret %q, want 77 and the environment's", cfg.OCTO.ShopID, cfg.OCTO.Secret)
	}
	if cfg.Mode() != ModeLive {
		t.Errorf("Mode() = %v, want LIVE with OCTO_TEST=false", cfg.Mode())
	}
}

func TestEnvironmentBadValues(t *testing.T) {
	for name, val := range map[string]string{"OCTO_SHOP_ID": "twelve", "OCTO_TEST": "maybe"} {
		_, err := LoadConfig("", false, func(k string) string {
			if k == name {
				return val
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%q: error %v, want one naming the variable", name, val, err)
		}
	}
}

func TestModes(t *testing.T) {
	c := defaultConfig()
	c.OCTO.ShopID, c.OCTO.Secret = 1, "s"
	if c.Mode() != ModeTest {
		t.Errorf("credentials with test=true: %v, want TEST", c.Mode())
	}
	c.OCTO.Test = false
	if c.Mode() != ModeLive {
		t.Errorf("credentials with test=false: %v, want LIVE", c.Mode())
	}
}

func TestOCTONeedsReturnURL(t *testing.T) {
	p := writeConfig(t, "[octo]\nshop_id = 5\nsecret = \"s\"\n")
	_, err := LoadConfig(p, true, noEnv)
	if err == nil || !strings.Contains(err.Error(), "octo.return_url") {
		t.Errorf("error %v, want one naming octo.return_url", err)
	}
	if _, err := LoadConfig("", false, noEnv); err != nil {
		t.Errorf("the sandbox needs no return_url, got %v", err)
	}
}

func TestPrinterConfig(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string // in the error; none: loads
	}{
		{"default is a file", "", nil},
		{"network", "[printer]\nkind = \"network\"\naddr = \"192.168.1.50\"\nwidth = 32\n", nil},
		{"device", "[printer]\nkind = \"device\"\ndevice = \"/dev/usb/lp0\"\nlanguage = \"uz\"\n", nil},
		{"network without addr", "[printer]\nkind = \"network\"\n", []string{"printer.addr:", "host or host:port"}},
		{"relative device", "[printer]\nkind = \"device\"\ndevice = \"lp0\"\n", []string{"printer.device:", "absolute"}},
		{"odd width and language", "[printer]\nwidth = 40\nlanguage = \"de\"\n", []string{"printer.width:", "printer.language:"}},
		{"unknown kind", "[printer]\nkind = \"fax\"\n", []string{"printer.kind:", `"fax"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := LoadConfig(writeConfig(t, tc.file), true, noEnv)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				if _, err := receiptPrinter(cfg.Printer, filepath.Join(t.TempDir(), "cashier.log")); err != nil {
					t.Errorf("receiptPrinter: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("loaded, want an error with %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestFileReceiptsGoNextToTheLog(t *testing.T) {
	log := filepath.Join(t.TempDir(), "state", "octo-cashier.log")
	p, err := receiptPrinter(receipt.Config{}, log)
	if err != nil {
		t.Fatal(err)
	}
	fp, ok := p.(receipt.FilePrinter)
	if !ok || fp.Dir != filepath.Join(filepath.Dir(log), "receipts") {
		t.Errorf("printer %#v, want a file printer writing next to the log", p)
	}
	p, _ = receiptPrinter(receipt.Config{Dir: "/srv/receipts"}, log)
	if fp, _ := p.(receipt.FilePrinter); fp.Dir != "/srv/receipts" {
		t.Errorf("printer.dir ignored: %#v", p)
	}
}

func TestConfigCounterInput(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(dir, "c.toml")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfg, err := LoadConfig(write("[console]\nlarge_amount = \"5000000.50\"\n[octo]\ncode_length = 0\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Console.LargeAmount.String() != "5000000.5" || cfg.OCTO.CodeLength != 0 || cfg.ShiftsOn() {
		t.Errorf("large_amount %s, code_length %d, shifts %v on the sandbox", cfg.Console.LargeAmount, cfg.OCTO.CodeLength, cfg.ShiftsOn())
	}
	def := defaultConfig()
	if def.Console.LargeAmount.String() != "10000000" || def.OCTO.CodeLength != 6 {
		t.Errorf("defaults: large_amount %s, code_length %d", def.Console.LargeAmount, def.OCTO.CodeLength)
	}
	def.OCTO.ShopID, def.OCTO.Secret = 27, "s"
	if !def.ShiftsOn() {
		t.Error("shifts are off by default with OCTO credentials")
	}
	if _, err := LoadConfig(write("[console]\nlarge_amount = 1.5\n"), true, noEnv); err == nil || !strings.Contains(err.Error(), "c.toml:2: 1.5 is not an amount") {
		t.Errorf("a float large_amount: %v", err)
	}
	if _, err := LoadConfig(write("[console]\nshifts = false\n[octo]\nshop_id = 27\nsecret = \"s\"\nreturn_url = \"https://x.uz/\"\n"), true, noEnv); err != nil {
		t.Errorf("shifts = false with OCTO: %v", err)
	}
}

func TestFiscalSection(t *testing.T) {
	p := writeConfig(t, "[fiscal]\nspic = \"00305001001000000\"\npackage_code = \"1425207\"\nnds = 1\ninn = \"123456789\"\n")
	cfg, err := LoadConfig(p, true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	c := cfg.Fiscal.Codes()
	if c.SPIC != "00305001001000000" || c.PackageCode != "1425207" || c.NDS == nil || *c.NDS != 1 || c.INN != "123456789" || c.PINFL != "" {
		t.Errorf("codes %+v", c)
	}
	if o := configOptions(cfg, "/x/log"); o.Fiscal.SPIC != c.SPIC {
		t.Errorf("the screens' options lost the fiscal codes: %+v", o.Fiscal)
	}
	for body, key := range map[string]string{
		"[fiscal]\nspic = \"0030-5001\"\n":                            "fiscal.spic",
		"[fiscal]\ninn = \"123456789\"\npinfl = \"12345678901234\"\n": "fiscal.pinfl",
		"[fiscal]\nnds = -1\n":                                        "fiscal.nds",
		"[octo]\nrefund_min = 0\n":                                    "octo.refund_min",
	} {
		if _, err := LoadConfig(writeConfig(t, body), true, noEnv); err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%q: got %v, want an error naming %s", body, err, key)
		}
	}
}

// The embedded sandbox knows [fiscal]'s codes unless [sandbox.fiscal]
// registers others (to walk OCTO's error 403).
func TestSandboxRegisteredFiscalObject(t *testing.T) {
	cfg, err := LoadConfig(writeConfig(t, "[fiscal]\nspic = \"111\"\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if r := cfg.registered(); len(r) != 1 || r[0].SPIC != "111" {
		t.Errorf("registered %+v, want [fiscal]'s", r)
	}
	cfg, err = LoadConfig(writeConfig(t, "[fiscal]\nspic = \"111\"\n[sandbox.fiscal]\nspic = \"222\"\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if r := cfg.registered(); len(r) != 1 || r[0].SPIC != "222" {
		t.Errorf("registered %+v, want [sandbox.fiscal]'s", r)
	}
	if cfg, _ := LoadConfig("", false, noEnv); cfg.registered() != nil || !cfg.Sandbox.RefundMin.Equal(cfg.OCTO.RefundMin) {
		t.Errorf("defaults: registered %+v, sandbox refund_min %s", cfg.registered(), cfg.Sandbox.RefundMin)
	}
}

// Card entry is on unless the shop says it has no PCI DSS; the sandbox
// listens where it is told, given as host:port.
func TestCardEntryAndSandboxListen(t *testing.T) {
	cfg, err := LoadConfig("", false, noEnv)
	if err != nil || !cfg.OCTO.CardEntry || cfg.Sandbox.Listen != "" {
		t.Fatalf("defaults: card_entry %v listen %q, %v", cfg.OCTO.CardEntry, cfg.Sandbox.Listen, err)
	}
	p := writeConfig(t, "[octo]\ncard_entry = false\n[sandbox]\nlisten = \"0.0.0.0:8080\"\n")
	cfg, err = LoadConfig(p, true, noEnv)
	if err != nil || cfg.OCTO.CardEntry || cfg.Sandbox.Listen != "0.0.0.0:8080" {
		t.Fatalf("from the file: card_entry %v listen %q, %v", cfg.OCTO.CardEntry, cfg.Sandbox.Listen, err)
	}
	p = writeConfig(t, "[sandbox]\nlisten = \"8080\"\n")
	if _, err := LoadConfig(p, true, noEnv); err == nil || !strings.Contains(err.Error(), "sandbox.listen") {
		t.Errorf("a listen address without a port: %v", err)
	}
}
