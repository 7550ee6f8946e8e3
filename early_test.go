package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Wired beside Bubble Tea's start, the console's first View is the home
// screen: Init waits for the wiring and hands over to the screens, and
// their messages reach them through the booting model.
func TestWireBesideHandsOverTheScreens(t *testing.T) {
	b := wireBeside(context.Background(), sandboxConsoleConfig(t), consoleRun{})
	b.Init()
	w, err := b.wired()
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	m, _ := b.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if m != b {
		t.Fatalf("Update returned %T, want the booting model itself", m)
	}
	if v := b.View(); !strings.Contains(v.Content, "What would you like") {
		t.Fatalf("the first View is not the home screen:\n%s", v.Content)
	}
}

// A wiring that fails quits the program before anything is drawn, and
// the console returns the wiring's error.
func TestWireBesideFailureQuits(t *testing.T) {
	home := t.TempDir()
	cfg, err := LoadConfig(writeConfig(t, "[octo]\nshop_id = 7\nsecret = \"s\"\nnotify_listen = \"256.0.0.1:1\"\n"+
		"notify_url = \"https://shop.test/octo/notify\"\nreturn_url = \"https://shop.test/back\"\n"+
		"[console]\njournal = \""+filepath.Join(home, "journal.db")+"\"\nlog_file = \""+filepath.Join(home, "console.log")+"\"\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	b := wireBeside(context.Background(), cfg, consoleRun{})
	cmd := b.Init()
	if cmd == nil {
		t.Fatal("a failed wiring did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("a failed wiring's command is not tea.Quit")
	}
	if v := b.View(); v.Content != "" {
		t.Errorf("a failed wiring drew %q", v.Content)
	}
	if _, err := b.wired(); err == nil || !strings.Contains(err.Error(), "notify_listen") {
		t.Errorf("the wiring's error: %v", err)
	}
}

// A panic while wiring (Bubble Tea holds the terminal by then) ends the
// program as a failed wiring does, so the terminal is restored and the
// panic is said, with its stack.
func TestWireBesidePanicQuits(t *testing.T) {
	b := beside(func() (*wiring, error) { panic("a bug in a wiring step") })
	cmd := b.Init()
	if cmd == nil {
		t.Fatal("a panicking wiring did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("a panicking wiring's command is not tea.Quit")
	}
	if _, err := b.wired(); err == nil || !strings.Contains(err.Error(), "a bug in a wiring step") || !strings.Contains(err.Error(), "early_test.go") {
		t.Errorf("the panic's error: %v", err)
	}
}
