package sandbox

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// Command runs the sandbox as a server: `octo-cashier sandbox --addr
// 127.0.0.1:8080 --shop-id N --secret S ...`. It prints the address, the
// shop id and the secret (the sandbox's own test credentials), serves until
// ctx ends (Ctrl-C in main), then shuts down cleanly.
func Command(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("octo-cashier sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
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
	retention := fs.Duration("retention", 24*time.Hour, "how long a finished payment stays known (status reads, refunds)")
	maxFinished := fs.Int("max-finished", 10000, "at most this many finished payments are kept; the oldest are forgotten")
	smsLimit := fs.Int("sms-limit", 10000, "texts the SMS outbox keeps")
	eventLimit := fs.Int("event-limit", 10000, "entries the event log keeps")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: octo-cashier sandbox [flags]\n\nServes a simulated OCTO with one test shop, the control API under /sandbox/\nand the customer pages. The clock follows real time; POST /sandbox/clock moves it on.\n\nFlags:")
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
	if *shopID <= 0 || *secret == "" {
		return errors.New("sandbox: --shop-id must be positive and --secret not empty")
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	sb := New(Options{
		ShopID: *shopID, Secret: *secret, UniqueKey: *uniqueKey, SignatureRecipe: *recipe, PublicURL: *publicURL,
		OTPLifetime: *otp, HoldTimeout: *hold, MaxResends: *resends, LostAnswerDelay: *lost,
		NoRateLimit: *noRate, RealTime: true,
		Retention: *retention, MaxFinished: *maxFinished, SMSLimit: *smsLimit, EventLimit: *eventLimit,
	})
	defer sb.Close()
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}

	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "OCTO sandbox listening on %s\n", base)
	fmt.Fprintf(stdout, "  octo_shop_id: %d\n  octo_secret:  %s\n  unique_key:   %s (signature recipe %s)\n", *shopID, *secret, *uniqueKey, *recipe)
	fmt.Fprintf(stdout, "  control API:  %s/sandbox/sms, /sandbox/clock, /sandbox/events, ...\nPress Ctrl-C to stop.\n", base)

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
