package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
	"github.com/octo-cashier/octo-cashier/ui/common"
	"github.com/octo-cashier/octo-cashier/ui/record"
)

func TestReplayCardNumber(t *testing.T) {
	for _, c := range []struct {
		card record.RecordedCard
		want string // "" when made up: checked by its properties
	}{
		{record.RecordedCard{First6: "860000", Last4: "0015", Length: 16, Luhn: true}, "8600000000000015"},
		{record.RecordedCard{First6: "411111", Last4: "1111", Length: 16, Luhn: true}, "4111111111111111"},
		{record.RecordedCard{First6: "860012", Last4: "3456", Length: 16, Luhn: true}, ""},
		{record.RecordedCard{First6: "860012", Last4: "3456", Length: 16, Luhn: false}, ""},
		{record.RecordedCard{First6: "986000", Last4: "0018", Length: 19, Luhn: true}, ""},
		{record.RecordedCard{Length: 7}, "1111111"},
	} {
		got := cardNumber(c.card)
		if c.want != "" {
			if got != c.want {
				t.Errorf("%+v: %q, want %q", c.card, got, c.want)
			}
			continue
		}
		if len(got) != c.card.Length || got[:6] != c.card.First6 || got[len(got)-4:] != c.card.Last4 || common.Luhn(got) != c.card.Luhn {
			t.Errorf("%+v: made up %q, which is not such a card", c.card, got)
		}
	}
}

// A replay's sandbox keeps what the console's kept ([sandbox] keep_finished,
// recorded in the walk's setup), so a walk that met a forgotten payment
// meets it again.
func TestReplaySandboxKeepsWhatTheRecordingsDid(t *testing.T) {
	rec := &record.Recording{Start: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), Setup: record.Setup{Currency: "UZS", KeepFinished: 1}}
	w, err := wire(context.Background(), replayConfig(rec, t.TempDir()), consoleRun{Replay: rec})
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	ctx := context.Background()
	for _, tx := range []string{"older", "newer"} {
		info, err := w.client.PreparePayment(ctx, octo.PrepareParams{ShopTransactionID: tx, AutoCapture: true, TotalSum: dec("20000"),
			Description: "x", ReturnURL: "http://sandbox.replay/", Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if st, err := w.sb.PayAsCustomer(info.PaymentUUID, sandbox.CustomerCard{PAN: "8600000000000015", Exp: "1230"}); err != nil || st != octo.StatusSucceeded {
			t.Fatalf("paying %s: %v, %v", tx, st, err)
		}
		w.sb.Advance(2 * time.Second) // the clock stands still between a replay's inputs; reads are a second apart
	}
	if _, err := w.client.Status(ctx, "newer"); err != nil {
		t.Errorf("the newest finished payment: %v", err)
	}
	if _, err := w.client.Status(ctx, "older"); err == nil || !strings.Contains(err.Error(), "it keeps the last 1,") {
		t.Errorf("the older finished payment: %v, want it forgotten as the recording's sandbox had", err)
	}
}
