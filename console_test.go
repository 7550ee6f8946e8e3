package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
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
// secret, OCTO's refund minimum ([sandbox] refund_min) and the fiscal
// object registered for the shop ([fiscal], or [sandbox.fiscal]).
func TestStartSandboxTakesTheConfiguredRules(t *testing.T) {
	cfg, err := LoadConfig(writeConfig(t, "[fiscal]\nspic = \"00305001001000000\"\npackage_code = \"1425207\"\n"+
		"[sandbox]\nsecret = \"cfg-secret\"\nrefund_min = 13500\n"), true, noEnv)
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
	prep := func(id string, f flows.FiscalCodes) error {
		_, err := c.PreparePayment(ctx, octo.PrepareParams{ShopTransactionID: id, AutoCapture: true, TotalSum: dec("20000"),
			Description: "x", ReturnURL: base + "/", Language: "en",
			Basket: []octo.BasketItem{{PositionDesc: "x", Count: 1, Price: dec("20000"), SPIC: f.SPIC, PackageCode: f.PackageCode}}})
		return err
	}
	if err := prep("reg", cfg.Fiscal.Codes()); err != nil {
		t.Errorf("the shop's own fiscal codes refused: %v", err)
	}
	if err := prep("other", flows.FiscalCodes{SPIC: "1", PackageCode: "2"}); !errors.Is(err, octo.ErrFiscalNotRegistered) {
		t.Errorf("other fiscal codes: %v, want error 403", err)
	}
}
