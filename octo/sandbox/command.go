package sandbox

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Command runs the sandbox as a server: `octo-cashier sandbox --addr
// 127.0.0.1:8080 --shop-id N --secret S ...`. It prints the address, the
// shop id and the secret (the sandbox's own test credentials), serves until
// ctx ends (Ctrl-C in main), then shuts down cleanly.
func Command(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("octo-cashier sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; 0.0.0.0:8080 (or this machine's address) lets a phone on the shop's network open the payment pages")
	shopID := fs.Int64("shop-id", 1, "the test shop's octo_shop_id")
	secret := fs.String("secret", "sandbox-secret", "the test shop's octo_secret")
	uniqueKey := fs.String("unique-key", "sandbox-unique-key", "the key notifications are signed with (unique_key recipe)")
	recipe := fs.String("signature-recipe", RecipeUniqueKey, "notification signature: unique_key, secret_hash or yahont")
	publicURL := fs.String("public-url", "", "base URL for octo_pay_url and redirectUrl (default: from each request's Host)")
	otp := fs.Duration("otp-lifetime", 3*time.Minute, "one-time code lifetime")
	hold := fs.Duration("hold-timeout", 30*time.Minute, "an unconfirmed hold is canceled after this")
	resends := fs.Int("max-resends", 3, "check_pan resends per payment before error 17")
	lost := fs.Duration("lost-answer-delay", 2*time.Minute, "how long card 8600 0000 0000 0031's check_sms_key answer is withheld")
	noRate := fs.Bool("no-rate-limit", false, "allow status reads more often than once a second")
	refundMin := fs.String("refund-min", defaultRefundMin.String(), "the smallest refund of a UZS payment (1 USD's equivalent)")
	var fiscal []FiscalObject
	fs.Func("fiscal", "a fiscal object registered for the shop, as spic=…,package_code=…,nds=…,inn=…,pinfl=… (repeatable; basket codes outside them: error 403)",
		func(v string) error {
			o, err := parseFiscalFlag(v)
			fiscal = append(fiscal, o)
			return err
		})
	retention := fs.Duration("retention", 24*time.Hour, "how long a finished payment stays known (status reads, refunds)")
	maxFinished := fs.Int("max-finished", 10000, "at most this many finished payments are kept; the oldest are forgotten")
	smsLimit := fs.Int("sms-limit", 10000, "texts the SMS outbox keeps")
	eventLimit := fs.Int("event-limit", 10000, "entries the event log keeps")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: octo-cashier sandbox [flags]\n\nServes a simulated OCTO with one test shop, the control API under /sandbox/\nand the customer pages. The clock follows real time; POST /sandbox/clock moves it on.\n\n"+
			"Examples:\n  octo-cashier sandbox --addr 127.0.0.1:8080\n  octo-cashier sandbox --addr :8080 --public-url http://qa-box:8080 --lost-answer-delay 5s\n"+
			"  octo-cashier trigger --base-url http://127.0.0.1:8080 --shop-id 1 --secret sandbox-secret sale   # then, from another terminal\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("sandbox: unexpected argument %q", fs.Arg(0))
	}
	switch *recipe {
	case RecipeUniqueKey, RecipeSecretHash, RecipeYahont:
	default:
		return fmt.Errorf("sandbox: unknown --signature-recipe %q (want unique_key, secret_hash or yahont)", *recipe)
	}
	minRefund, err := decimal.NewFromString(*refundMin)
	if err != nil || !minRefund.IsPositive() {
		return fmt.Errorf("sandbox: --refund-min %q is not a positive amount", *refundMin)
	}
	if *shopID <= 0 || *secret == "" {
		return errors.New("sandbox: --shop-id must be positive and --secret not empty")
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	if *publicURL == "" {
		if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
			// Links the shop's phones can open, whatever host the merchant
			// calls the API on (127.0.0.1 from the same machine).
			*publicURL = PublicBase(ln.Addr())
		}
	}
	sb := New(Options{
		ShopID: *shopID, Secret: *secret, UniqueKey: *uniqueKey, SignatureRecipe: *recipe, PublicURL: *publicURL,
		OTPLifetime: *otp, HoldTimeout: *hold, MaxResends: *resends, LostAnswerDelay: *lost,
		NoRateLimit: *noRate, RealTime: true, RefundMin: minRefund, Fiscal: fiscal,
		Retention: *retention, MaxFinished: *maxFinished, SMSLimit: *smsLimit, EventLimit: *eventLimit,
	})
	defer sb.Close()
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}

	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "OCTO sandbox listening on %s\n", base)
	fmt.Fprintf(stdout, "  octo_shop_id: %d\n  octo_secret:  %s\n  unique_key:   %s (signature recipe %s)\n", *shopID, *secret, *uniqueKey, *recipe)
	if *publicURL != "" {
		fmt.Fprintf(stdout, "  payment pages (octo_pay_url): %s/pay/...\n", *publicURL)
	}
	fmt.Fprintf(stdout, "  control API:  %s/sandbox/sms, /sandbox/clock, /sandbox/events, /sandbox/customer/{uuid}, ...\nPress Ctrl-C to stop.\n", base)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("sandbox: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		// Requests still held open (the lost-answer card) are cut off.
		_ = srv.Close()
	}
	<-errc
	fmt.Fprintln(stdout, "OCTO sandbox stopped")
	return nil
}

// parseFiscalFlag reads --fiscal's spic=…,package_code=…,nds=…,inn=…,pinfl=….
func parseFiscalFlag(v string) (FiscalObject, error) {
	var o FiscalObject
	for _, kv := range strings.Split(v, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			return o, fmt.Errorf("%q is not key=value", kv)
		}
		switch k {
		case "spic":
			o.SPIC = val
		case "package_code":
			o.PackageCode = val
		case "inn":
			o.INN = val
		case "pinfl":
			o.PINFL = val
		case "nds":
			n, err := strconv.Atoi(val)
			if err != nil {
				return o, fmt.Errorf("nds %q is not a whole number", val)
			}
			o.NDS = &n
		default:
			return o, fmt.Errorf("unknown key %q (spic, package_code, nds, inn, pinfl)", k)
		}
	}
	return o, nil
}
