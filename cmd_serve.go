package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/octo-cashier/octo-cashier/flows/journal"
	"github.com/octo-cashier/octo-cashier/ui/receipt"
)

const serveHelp = `
Usage: octo-cashier serve --ssh ADDR (--authorized-keys FILE | --open) [flags]

Serves the console over SSH, as a demo: each connection gets its own console
on its own embedded sandbox and its own temporary journal, sized to the
client's terminal, with the same keys and screens. Nothing is kept when the
connection closes. It refuses to start with OCTO credentials configured
(octo.shop_id, octo.secret, OCTO_SHOP_ID, OCTO_SECRET): demos only, never money.

Who may join: the public keys in --authorized-keys FILE (read again at every
login, so keys can be added while it runs), or, with --open, anyone with
any key (a public demo; a banner says it is a sandbox). The host key is
created at --host-key FILE the first time and kept, so clients see the same
server every time.

Examples:
  octo-cashier serve --ssh :2222 --authorized-keys ~/.ssh/authorized_keys
  octo-cashier serve --ssh 0.0.0.0:2222 --open --max-sessions 50
  ssh -p 2222 demo@host          # join it (any user name)
`

// sandboxBanner is what an open demo shows before the login.
const sandboxBanner = "OCTO cashier demo: a SANDBOX. Payments are simulated, no real money moves;\r\n" +
	"each connection gets its own sandbox, forgotten when it closes.\r\n"

// serveCommand is `octo-cashier serve --ssh ADDR`.
func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("octo-cashier serve", stderr)
	addr := fs.String("ssh", "", "address to serve SSH on, e.g. :2222 or 0.0.0.0:2222")
	authorized := fs.String("authorized-keys", "", "let in the public keys in this authorized_keys file")
	open := fs.Bool("open", false, "let in any public key (a public demo)")
	hostKey := fs.String("host-key", "", "the server's host key; created there the first time (default in the state directory)")
	maxSessions := fs.Int("max-sessions", 20, "how many consoles may run at once")
	idle := fs.Duration("idle-timeout", 15*time.Minute, "close a session after this long without a key")
	configPath := fs.String("config", "", "configuration file: the console's language, operator, shop name and sandbox (default "+DefaultConfigPath()+")")
	fs.Usage = commandUsage(fs, serveHelp)
	if err := parseFlags(fs, interleaved(fs, args)); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError("serve takes no arguments, got %q (see 'octo-cashier serve --help')", fs.Arg(0))
	case *addr == "":
		return usageError("serve needs --ssh ADDR: where to listen, e.g. --ssh :2222")
	case *authorized == "" && !*open:
		return usageError("serve needs --authorized-keys FILE (the public keys let in) or --open (any key, a public demo)")
	case *authorized != "" && *open:
		return usageError("give --authorized-keys FILE or --open, not both")
	case *maxSessions <= 0:
		return usageError("--max-sessions must be positive, got %d", *maxSessions)
	case *idle <= 0:
		return usageError("--idle-timeout must be positive, got %s", *idle)
	}
	path, explicit := *configPath, *configPath != ""
	if !explicit {
		path = DefaultConfigPath()
	}
	cfg, err := LoadConfig(path, explicit, os.Getenv)
	if cerr := demoConfig(cfg); cerr != nil {
		return withStatus(exitError, cerr) // said first: the rest of what OCTO would need does not matter
	}
	if err != nil {
		return withStatus(exitError, err)
	}
	if *hostKey == "" {
		state, err := journal.DefaultPath()
		if err != nil {
			return withStatus(exitError, fmt.Errorf("--host-key: %w", err))
		}
		*hostKey = filepath.Join(filepath.Dir(state), "ssh_host_ed25519_key")
	}
	d := &demo{cfg: cfg, max: *maxSessions, idle: *idle, log: slog.New(slog.NewTextHandler(stderr, nil))}
	srv, err := d.server(*hostKey, *authorized, *open)
	if err != nil {
		return withStatus(exitError, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return withStatus(exitError, fmt.Errorf("--ssh: %w", err))
	}
	fmt.Fprintf(stdout, "OCTO cashier demo (sandbox) listening on %s\n", ln.Addr())
	if _, port, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		fmt.Fprintf(stdout, "  join it with: ssh -p %s demo@HOST\n", port)
	}
	fmt.Fprintf(stdout, "  host key %s; %s; at most %d sessions, closed after %s idle\nPress Ctrl-C to stop.\n",
		*hostKey, d.who(*authorized, *open), d.max, d.idle)
	return d.serve(ctx, srv, ln)
}

// demoConfig refuses a configuration that points at OCTO: the demo runs
// on the sandbox only.
func demoConfig(cfg Config) error {
	if cfg.Mode() == ModeSandbox {
		return nil
	}
	where := "the environment (OCTO_SHOP_ID, OCTO_SECRET)"
	if cfg.Source != "" {
		where = cfg.Source + " or the environment"
	}
	return fmt.Errorf("serve is a demo on the sandbox and refuses to start with OCTO credentials: %s sets octo.shop_id and octo.secret; unset them, or give --config a file without them", where)
}

// demo is the SSH server's state: the configuration every console starts
// from and the sessions running.
type demo struct {
	cfg  Config
	max  int
	idle time.Duration
	log  *slog.Logger
	root string // where sessions keep their files; "" is the system's temporary directory

	mu       sync.Mutex
	sessions map[ssh.Session]*demoConsole
	active   int

	// wrap, when set (tests), wraps every session's model.
	wrap func(tea.Model) tea.Model
}

func (d *demo) who(authorized string, open bool) string {
	if open {
		return "open to any public key"
	}
	return "public keys from " + authorized
}

// server builds the SSH server: its host key, who is let in, and the
// middleware that gives every session its console.
func (d *demo) server(hostKey, authorized string, open bool) (*ssh.Server, error) {
	if err := os.MkdirAll(filepath.Dir(hostKey), 0o700); err != nil {
		return nil, fmt.Errorf("--host-key: %w", err)
	}
	opts := []ssh.Option{
		wish.WithHostKeyPath(hostKey),
		wish.WithMiddleware(
			bubbletea.MiddlewareWithProgramHandler(d.program),
			d.session, // runs first: the terminal, the limit, and the cleanup after the program ends
		),
	}
	if open {
		opts = append(opts, wish.WithBanner(sandboxBanner),
			wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }))
	} else {
		if err := checkAuthorizedKeys(authorized); err != nil {
			return nil, err
		}
		opts = append(opts, wish.WithAuthorizedKeys(authorized))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w (a host key that cannot be read? remove it or give another --host-key)", err)
	}
	return srv, nil
}

// checkAuthorizedKeys reads an authorized_keys file as each login will:
// a line that is not a key would shut out every key after it, and a file
// without keys lets nobody in.
func checkAuthorizedKeys(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--authorized-keys: %w", err)
	}
	keys := 0
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if _, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line)); err != nil {
			return fmt.Errorf("--authorized-keys %s:%d: not a public key (%v); write one key a line as ssh-keygen prints it (\"ssh-ed25519 AAAA… name\")", path, n+1, err)
		}
		keys++
	}
	if keys == 0 {
		return fmt.Errorf("--authorized-keys %s has no keys: nobody could join; add the public keys to let in (~/.ssh/id_ed25519.pub), or serve --open", path)
	}
	return nil
}

// serve serves on ln until ctx ends, then closes every session.
func (d *demo) serve(ctx context.Context, srv *ssh.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return withStatus(exitError, fmt.Errorf("ssh server: %w", err))
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close() // sessions still open are cut: their consoles end with their connections
	}
	<-errc
	d.wait(5 * time.Second)
	return nil
}

// wait waits (at most limit) for the sessions' consoles to be freed.
func (d *demo) wait(limit time.Duration) {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		d.mu.Lock()
		n := d.active
		d.mu.Unlock()
		if n == 0 {
			return
		}
	}
}

// session is the outer middleware: it turns away a session without a
// terminal or over the limit, and frees the session's console (sandbox,
// journal, files) when the program has ended, whatever ended it.
func (d *demo) session(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, "octo-cashier: the demo is a terminal console; connect with a terminal: ssh -t -p PORT demo@HOST")
			return
		}
		if !d.acquire() {
			wish.Fatalln(sess, fmt.Sprintf("octo-cashier: the demo is full (%d sessions); try again in a few minutes", d.max))
			return
		}
		started := time.Now()
		d.log.Info("session", "user", sess.User(), "remote", sess.RemoteAddr().String(), "key", keyName(sess.PublicKey()))
		defer func() {
			c := d.take(sess)
			if c != nil {
				c.stop()
			}
			d.release()
			d.log.Info("session closed", "user", sess.User(), "remote", sess.RemoteAddr().String(),
				"after", time.Since(started).Round(time.Second).String())
		}()
		next(sess)
		if c := d.peek(sess); c != nil && c.idled.Load() {
			wish.Println(sess, "\r\nClosed after "+d.idle.String()+" without a key. Connect again for a fresh sandbox.")
		}
	}
}

func keyName(k ssh.PublicKey) string {
	if k == nil {
		return ""
	}
	return k.Type() + " " + gossh.FingerprintSHA256(k)
}

func (d *demo) acquire() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.active >= d.max {
		return false
	}
	d.active++
	return true
}

func (d *demo) release() {
	d.mu.Lock()
	d.active--
	d.mu.Unlock()
}

func (d *demo) keep(sess ssh.Session, c *demoConsole) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.sessions == nil {
		d.sessions = make(map[ssh.Session]*demoConsole)
	}
	d.sessions[sess] = c
}

func (d *demo) peek(sess ssh.Session) *demoConsole {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.sessions[sess]
}

func (d *demo) take(sess ssh.Session) *demoConsole {
	d.mu.Lock()
	defer d.mu.Unlock()
	c := d.sessions[sess]
	delete(d.sessions, sess)
	return c
}

// program starts the session's console and hands its program to wish's
// Bubble Tea middleware, which runs it on the session's terminal.
func (d *demo) program(sess ssh.Session) *tea.Program {
	c, err := d.start(sess.Context())
	if err != nil {
		d.log.Error("session console", "err", err)
		wish.Errorln(sess, "octo-cashier: the demo could not start a console: "+err.Error())
		return nil
	}
	d.keep(sess, c)
	model := c.model
	if d.wrap != nil {
		model = d.wrap(model)
	}
	in := &idleInput{r: sess}
	in.touch()
	// The middleware quits the program when the connection closes; the
	// idle watch quits it too. The input notes when the last key came.
	p := tea.NewProgram(model, append(bubbletea.MakeOptions(sess), tea.WithInput(in), tea.WithFPS(120))...)
	go c.watchIdle(p, in, d.idle)
	return p
}

// demoConsole is one session's console: its model, and how to end it.
type demoConsole struct {
	model tea.Model
	ctx   context.Context // the console's: ends with the connection
	idled atomic.Bool     // the idle timeout ended it
	stop  func()          // ends the console and removes its files; once
}

// start wires a console on a fresh embedded sandbox, with its journal,
// log, receipts and exports in a directory of its own (removed by stop),
// through the console's own wiring (runConsole).
func (d *demo) start(parent context.Context) (*demoConsole, error) {
	dir, err := os.MkdirTemp(d.root, "octo-cashier-ssh-")
	if err != nil {
		return nil, fmt.Errorf("session directory: %w", err)
	}
	cfg := d.cfg
	cfg.Console.Journal = filepath.Join(dir, "journal.db")
	cfg.Console.LogFile = filepath.Join(dir, "console.log")
	cfg.Printer = receipt.Config{Kind: "file", Dir: filepath.Join(dir, "receipts"), Width: d.cfg.Printer.Width, Language: d.cfg.Printer.Language}
	ctx, cancel := context.WithCancel(parent)
	models := make(chan tea.Model, 1)
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("panic: %v", r)
			}
		}()
		done <- runConsole(ctx, cfg, consoleRun{}, func(m tea.Model, output func(io.Writer) io.Writer) error {
			output(io.Discard) // the session is no terminal file: its first View is the first frame
			models <- m
			<-release // the program runs in wish's middleware; the console's resources live until it ends
			return nil
		})
	}()
	select {
	case m := <-models:
		var once sync.Once
		return &demoConsole{model: m, ctx: ctx, stop: func() {
			once.Do(func() {
				close(release)
				if err := <-done; err != nil {
					d.log.Error("session console", "err", err)
				}
				cancel()
				_ = os.RemoveAll(dir)
			})
		}}, nil
	case err := <-done:
		cancel()
		_ = os.RemoveAll(dir)
		if err == nil {
			err = errors.New("the console ended before it started")
		}
		return nil, err
	}
}

// watchIdle quits the program once no key came for idle.
func (c *demoConsole) watchIdle(p *tea.Program, in *idleInput, idle time.Duration) {
	every := min(max(idle/10, 10*time.Millisecond), time.Minute)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-c.ctx.Done():
			return
		case <-t.C:
			if time.Since(in.last()) >= idle {
				c.idled.Store(true)
				p.Quit()
				return
			}
		}
	}
}

// idleInput is the session's input, noting when the last key came.
type idleInput struct {
	r  io.Reader
	at atomic.Int64 // unix nanoseconds of the last read
}

func (in *idleInput) touch() { in.at.Store(time.Now().UnixNano()) }

func (in *idleInput) last() time.Time { return time.Unix(0, in.at.Load()) }

func (in *idleInput) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	if n > 0 {
		in.touch()
	}
	return n, err
}
