package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/hinshun/vt10x"
	gossh "golang.org/x/crypto/ssh"
)

// The SSH demo, served in the test's process on 127.0.0.1 and joined with
// golang.org/x/crypto/ssh clients whose terminals are emulated (vt10x).

// newKey is a fresh ed25519 key: the client's signer and its
// authorized_keys line.
func newKey(t *testing.T) (gossh.Signer, []byte) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return signer, gossh.MarshalAuthorizedKey(sshPub)
}

// serveDemo starts the demo with the keys in authorized (nil: --open) and
// returns its address and state.
func serveDemo(t *testing.T, authorized []byte, tune func(*demo)) (string, *demo) {
	t.Helper()
	dir := t.TempDir()
	d := &demo{cfg: defaultConfig(), max: 20, idle: time.Minute, root: filepath.Join(dir, "sessions"),
		log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := os.Mkdir(d.root, 0o700); err != nil {
		t.Fatal(err)
	}
	if tune != nil {
		tune(d)
	}
	keys := ""
	if authorized != nil {
		keys = filepath.Join(dir, "authorized_keys")
		if err := os.WriteFile(keys, authorized, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := d.server(filepath.Join(dir, "host_key"), keys, authorized == nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.serve(ctx, srv, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String(), d
}

// sshTerm is an SSH session with a terminal, as a person's ssh client.
type sshTerm struct {
	t      *testing.T
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer
	mu     sync.Mutex
	term   vt10x.Terminal
	raw    strings.Builder
	ended  chan error
}

func dialDemo(addr string, signer gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "demo", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
}

func joinDemo(t *testing.T, addr string, signer gossh.Signer, cols, rows int) *sshTerm {
	t.Helper()
	client, err := dialDemo(addr, signer)
	if err != nil {
		t.Fatalf("ssh: %v", err)
	}
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", rows, cols, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	st := &sshTerm{t: t, client: client, sess: sess, stdin: stdin, term: vt10x.New(vt10x.WithSize(cols, rows)), ended: make(chan error, 1)}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(buf)
			if n > 0 {
				st.mu.Lock()
				_, _ = st.term.Write(buf[:n])
				st.raw.Write(buf[:n])
				st.mu.Unlock()
			}
			if err != nil {
				st.ended <- sess.Wait()
				return
			}
		}
	}()
	t.Cleanup(func() { _ = sess.Close(); _ = client.Close() })
	return st
}

func (s *sshTerm) screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.term.String()
}

func (s *sshTerm) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.String()
}

func (s *sshTerm) waitText(text string) {
	s.t.Helper()
	for end := time.Now().Add(e2eLimit); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if strings.Contains(s.screen(), text) {
			return
		}
	}
	s.t.Fatalf("the session never showed %q; it shows:\n%s", text, s.screen())
}

// waitFor waits until the screen's rows satisfy ok.
func (s *sshTerm) waitFor(what string, ok func(rows []string) bool) {
	s.t.Helper()
	for end := time.Now().Add(e2eLimit); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if ok(strings.Split(s.screen(), "\n")) {
			return
		}
	}
	s.t.Fatalf("the session never showed %s; it shows:\n%s", what, s.screen())
}

func (s *sshTerm) send(keys string) {
	s.t.Helper()
	if _, err := s.stdin.Write([]byte(keys)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *sshTerm) typeIn(text string) {
	for _, r := range text {
		s.send(string(r))
	}
}

// waitEnd waits for the server to end the session.
func (s *sshTerm) waitEnd() error {
	s.t.Helper()
	select {
	case err := <-s.ended:
		return err
	case <-time.After(e2eLimit):
		s.t.Fatalf("the session did not end; it shows:\n%s", s.screen())
		return nil
	}
}

// waitFreed waits until no session holds a console and every session's
// files are gone.
func waitFreed(t *testing.T, d *demo) {
	t.Helper()
	for end := time.Now().Add(e2eLimit); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		d.mu.Lock()
		n := d.active
		d.mu.Unlock()
		left, _ := os.ReadDir(d.root)
		if n == 0 && len(left) == 0 {
			return
		}
	}
	left, _ := os.ReadDir(d.root)
	t.Fatalf("sessions not freed: %d active, %d session directories left", d.active, len(left))
}

// TestServeTwoSessions: two people at once, each on their own console and
// sandbox, each sized to their own terminal; keys in one do not reach
// the other; a key not in authorized_keys is turned away; everything a
// session had is freed when it disconnects.
func TestServeTwoSessions(t *testing.T) {
	alice, aliceKey := newKey(t)
	bob, bobKey := newKey(t)
	stranger, _ := newKey(t)
	addr, d := serveDemo(t, append(aliceKey, bobKey...), nil)

	if c, err := dialDemo(addr, stranger); err == nil {
		c.Close()
		t.Fatal("a key not in authorized_keys was let in")
	} else if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Errorf("a stranger's key: %v", err)
	}

	a := joinDemo(t, addr, alice, 80, 24)
	b := joinDemo(t, addr, bob, 120, 40)
	a.waitText("What would you like to do?")
	b.waitText("What would you like to do?")
	a.waitText("SANDBOX")
	// Each console is drawn for its own terminal: the status bar sits on
	// the last rows of each, row 24 of one and row 40 of the other.
	a.waitFor("the status bar at the foot of 80×24", func(rows []string) bool { return strings.Contains(rows[22], "SANDBOX") })
	b.waitFor("the status bar at the foot of 120×40", func(rows []string) bool { return strings.Contains(rows[38], "SANDBOX") })

	a.send("nc") // New payment, the card typed here
	a.waitText("┃ Amount, UZS")
	if strings.Contains(b.screen(), "Amount, UZS") {
		t.Fatalf("a key in one session moved the other:\n%s", b.screen())
	}
	b.send("nc") // New payment, the card typed here
	b.waitText("┃ Amount, UZS")
	a.typeIn("150000")
	b.typeIn("25000")
	a.waitText("= 150 000 UZS")
	b.waitText("= 25 000 UZS")
	if strings.Contains(a.screen(), "25 000") || strings.Contains(b.screen(), "150 000") {
		t.Errorf("typing crossed sessions:\n%s\n---\n%s", a.screen(), b.screen())
	}

	if err := a.sess.Close(); err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	a.client.Close()
	b.sess.Close()
	b.client.Close()
	waitFreed(t, d)
}

// panicOn wraps a console so that the key § panics in Update.
type panicOn struct{ tea.Model }

func (p panicOn) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "§" {
		panic("a session's console panicked (test)")
	}
	m, cmd := p.Model.Update(msg)
	return panicOn{m}, cmd
}

// TestServePanicEndsOneSession: a console that panics ends its own
// session; the other sessions and the server go on.
func TestServePanicEndsOneSession(t *testing.T) {
	key, line := newKey(t)
	addr, d := serveDemo(t, line, func(d *demo) {
		d.wrap = func(m tea.Model) tea.Model { return panicOn{m} }
	})
	a := joinDemo(t, addr, key, 80, 24)
	b := joinDemo(t, addr, key, 80, 24)
	a.waitText("What would you like to do?")
	b.waitText("What would you like to do?")
	a.send("§")
	_ = a.waitEnd()
	b.send("nc") // New payment, the card typed here
	b.waitText("┃ Amount, UZS")
	c := joinDemo(t, addr, key, 80, 24)
	c.waitText("What would you like to do?")
	b.client.Close()
	c.client.Close()
	waitFreed(t, d)
}

// TestServeLimits: over --max-sessions a session is turned away; a session
// without a key for the idle timeout is closed and freed; an open demo
// lets any key in with its banner.
func TestServeLimits(t *testing.T) {
	key, line := newKey(t)
	// The idle timeout is long enough for a loaded machine to draw the home
	// screen and take the key below before it.
	addr, d := serveDemo(t, line, func(d *demo) { d.max, d.idle = 1, 3*time.Second })
	a := joinDemo(t, addr, key, 80, 24)
	a.waitText("What would you like to do?")
	b := joinDemo(t, addr, key, 80, 24)
	var exit *gossh.ExitError
	if err := b.waitEnd(); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("a session over the limit: %v", err)
	}
	a.send("nc") // keys: the idle clock starts again
	a.waitText("┃ Amount, UZS")
	_ = a.waitEnd()
	if !regexp.MustCompile(`Closed after 3s without a key`).MatchString(a.output()) {
		t.Errorf("the idle session was closed without saying why:\n%q", a.output())
	}
	waitFreed(t, d)

	other, _ := newKey(t)
	var banner string
	openAddr, _ := serveDemo(t, nil, nil)
	client, err := gossh.Dial("tcp", openAddr, &gossh.ClientConfig{
		User: "demo", Auth: []gossh.AuthMethod{gossh.PublicKeys(other)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
		BannerCallback: func(msg string) error { banner = msg; return nil },
	})
	if err != nil {
		t.Fatalf("--open refused a key: %v", err)
	}
	client.Close()
	if !strings.Contains(banner, "SANDBOX") {
		t.Errorf("the open demo's banner: %q", banner)
	}
}

// TestServeRefusesCredentials: the demo never starts on OCTO.
func TestServeRefusesCredentials(t *testing.T) {
	home := t.TempDir()
	cmd := exec.Command(binary(t), "serve", "--ssh", "127.0.0.1:0", "--open")
	cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_STATE_HOME=" + filepath.Join(home, "state"), "OCTO_SHOP_ID=12345", "OCTO_SECRET=real-secret",
		"PATH=" + os.Getenv("PATH")}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitError {
		t.Fatalf("serve with credentials: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "refuses to start with OCTO credentials") || strings.Contains(string(out), "real-secret") {
		t.Errorf("serve with credentials says:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(home, "state", "octo-cashier", "ssh_host_ed25519_key")); err == nil {
		t.Error("a host key was made before the refusal")
	}
	// An authorized_keys file that would let nobody in is refused at the start.
	empty := filepath.Join(home, "authorized_keys")
	if err := os.WriteFile(empty, []byte("# nobody yet\nssh-ed25519 not-a-key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "serve", "--ssh", "127.0.0.1:0", "--authorized-keys", empty, "--host-key", filepath.Join(home, "hk"))
	if code != exitError || !strings.Contains(stderr, "authorized_keys:2: not a public key") {
		t.Errorf("serve with a bad authorized_keys: exit %d\n%s", code, stderr)
	}
	// Without --authorized-keys or --open it says what to give.
	_, stderr, code = runCLI(t, "serve", "--ssh", "127.0.0.1:0")
	if code != exitError || !strings.Contains(stderr, "--authorized-keys FILE") {
		t.Errorf("serve without who may join: exit %d\n%s", code, stderr)
	}
}
