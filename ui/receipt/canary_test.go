package receipt

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
)

// canaryPAN is a full card number given by mistake where a masked one or
// free text belongs. It must never reach any output.
const canaryPAN = "9860123498761234"

// leaks reports whether out shows the canary, written plain, spaced or
// dashed, or any run of its hidden middle digits.
func leaks(out string) bool {
	flat := strings.NewReplacer(" ", "", "-", "", "\n", "").Replace(out)
	return strings.Contains(flat, canaryPAN) || strings.Contains(flat, canaryPAN[6:12])
}

func canaryPayment() flows.Payment {
	p := paidSale()
	p.Card = canaryPAN
	p.Description = "paid with 9860 1234 9876 1234, see card"
	p.Operator = "Aziz " + canaryPAN
	return p
}

func TestCanaryPANNeverPrinted(t *testing.T) {
	o := opts(English)
	o.RRN = canaryPAN
	o.ShopName = "Shop 9860-1234-9876-1234"
	built := mustReceipt(t, canaryPayment(), o)
	if built.Card != "986012******1234" {
		t.Errorf("builder kept card %q, want it masked", built.Card)
	}
	for name, v := range map[string]string{"description": built.Description, "operator": built.Operator,
		"rrn": built.RRN, "shop": built.ShopName} {
		if leaks(v) {
			t.Errorf("builder kept the PAN in %s: %q", name, v)
		}
	}
	// A receipt made by hand, bypassing the builder, is masked when rendered.
	byHand := Receipt{Kind: KindSale, Card: canaryPAN, Description: canaryPAN, Operator: canaryPAN,
		ShopName: canaryPAN, RRN: canaryPAN, Total: dec("1000"), Time: printedAt}

	for rname, r := range map[string]Receipt{"built": built, "by hand": byHand} {
		outputs := map[string]string{}
		for _, lang := range []Lang{English, Russian, Uzbek} {
			r := r
			r.Language = lang
			for _, w := range []int{32, 42, 48} {
				outputs[fmt.Sprintf("Text %s %d", lang, w)] = r.Text(w)
				outputs[fmt.Sprintf("ESCPOS %s %d", lang, w)] = string(r.ESCPOS(w))
			}
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			outputs["fmt "+verb] = fmt.Sprintf(verb, r)
		}
		outputs["String"] = r.String()

		dir := t.TempDir()
		fp := FilePrinter{Dir: dir}
		if err := fp.Print(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(fp.Path(r))
		if err != nil {
			t.Fatal(err)
		}
		outputs["file"] = string(b)

		dev := filepath.Join(t.TempDir(), "lp0")
		if err := os.WriteFile(dev, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := (DevicePrinter{Path: dev}).Print(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		if b, err = os.ReadFile(dev); err != nil {
			t.Fatal(err)
		}
		outputs["device"] = string(b)

		addr, received := fakePrinter(t)
		if err := (NetworkPrinter{Addr: addr}).Print(testCtx(t), r); err != nil {
			t.Fatal(err)
		}
		outputs["network"] = string(<-received)

		for name, out := range outputs {
			if leaks(out) {
				t.Errorf("%s: the full card number reached %s:\n%s", rname, name, out)
			}
			if !strings.Contains(strings.ReplaceAll(out, " ", ""), "986012******1234") {
				t.Errorf("%s: %s lost the masked card too:\n%s", rname, name, out)
			}
		}
	}
}

// The check itself can fail: an output with the PAN is caught.
func TestCanaryCheckCatches(t *testing.T) {
	for _, s := range []string{canaryPAN, "9860 1234 9876 1234", "card: 9860-1234-\n9876-1234", "…349876…"} {
		if !leaks(s) {
			t.Errorf("leaks(%q) = false", s)
		}
	}
	if leaks("986012******1234") {
		t.Error("the masked form counts as a leak")
	}
}
