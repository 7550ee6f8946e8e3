package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// [octo] language reaches the screens' options, from which every
// flows.Order takes it (TestSandboxPageLanguageOnTheWire in ui reads it
// back from the wire); flows' default "ru" must not stand in for it.
func TestConfigOptionsCarryTheOCTOSettings(t *testing.T) {
	p := writeConfig(t, "[octo]\nlanguage = \"en\"\nttl_minutes = 20\nreturn_url = \"https://shop.test/back\"\n"+
		"[console]\nlanguage = \"uz\"\noperator = \"ali\"\n")
	cfg, err := LoadConfig(p, true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	o := configOptions(cfg, "/state/octo-cashier.log")
	if o.PageLanguage != "en" || o.Language != "uz" || o.TTLMinutes != 20 || o.ReturnURL != "https://shop.test/back" ||
		o.Operator != "ali" || o.Currency != "UZS" || o.ExportDir != "/state/exports" {
		t.Errorf("options: %+v", o)
	}
}

// The embedded sandbox is started with the configuration's rules: its
// secret, OCTO's refund minimum ([sandbox] refund_min), the fiscal
// object registered for the shop ([fiscal], or [sandbox.fiscal]) and how
// many finished payments it keeps ([sandbox] keep_finished).
func TestStartSandboxTakesTheConfiguredRules(t *testing.T) {
	cfg, err := LoadConfig(writeConfig(t, "[fiscal]\nspic = \"00305001001000000\"\npackage_code = \"1425207\"\n"+
		"[sandbox]\nsecret = \"cfg-secret\"\nrefund_min = 13500\nkeep_finished = 1\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	sb, base, stop, err := startSandbox(cfg, http.NotFoundHandler(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if sb.Secret() != "cfg-secret" {
		t.Errorf("secret %q", sb.Secret())
	}
	c := octo.NewClient(sb.ShopID(), sb.Secret(), octo.WithBaseURL(base))
	ctx := context.Background()
	var uuids []string
	prep := func(id string, f flows.FiscalCodes) error {
		info, err := c.PreparePayment(ctx, octo.PrepareParams{ShopTransactionID: id, AutoCapture: true, TotalSum: dec("20000"),
			Description: "x", ReturnURL: base + "/", Language: "en",
			Basket: []octo.BasketItem{{PositionDesc: "x", Count: 1, Price: dec("20000"), SPIC: f.SPIC, PackageCode: f.PackageCode}}})
		if err == nil {
			uuids = append(uuids, info.PaymentUUID)
		}
		return err
	}
	if err := prep("reg", cfg.Fiscal.Codes()); err != nil {
		t.Errorf("the shop's own fiscal codes refused: %v", err)
	}
	if err := prep("other", flows.FiscalCodes{SPIC: "1", PackageCode: "2"}); !errors.Is(err, octo.ErrFiscalNotRegistered) {
		t.Errorf("other fiscal codes: %v, want error 403", err)
	}
	// Two payments paid: the sandbox keeps the newer, forgets the older and
	// says so when it is read.
	if err := prep("next", cfg.Fiscal.Codes()); err != nil {
		t.Fatal(err)
	}
	for _, u := range uuids {
		if st, err := sb.PayAsCustomer(u, sandbox.CustomerCard{PAN: "8600000000000015", Exp: "1230"}); err != nil || st != octo.StatusSucceeded {
			t.Fatalf("paying %s: %v, %v", u, st, err)
		}
	}
	if _, err := c.Status(ctx, "next"); err != nil {
		t.Errorf("the newest finished payment: %v", err)
	}
	if _, err := c.Status(ctx, "reg"); err == nil || !strings.Contains(err.Error(), "it keeps the last 1,") {
		t.Errorf("the older finished payment: %v, want it forgotten and the refusal to say so", err)
	}
}
