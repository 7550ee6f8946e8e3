package journal

import (
	"path/filepath"
	"testing"
)

// A till's journal syncs every write to the disk (a transition written
// is a transition kept, even after kill -9); only the embedded sandbox's
// temporary journal, which nothing ever recovers, does not.
func TestSQLiteSyncsUnlessTemporary(t *testing.T) {
	for _, c := range []struct {
		name string
		open func(string) (*SQLite, error)
		want int // PRAGMA synchronous: 2 FULL, 0 OFF
	}{{"till", OpenSQLite, 2}, {"temporary", OpenSQLiteTemporary, 0}} {
		j, err := c.open(filepath.Join(t.TempDir(), "journal.db"))
		if err != nil {
			t.Fatal(err)
		}
		var got int
		if err := j.db.QueryRow("PRAGMA synchronous").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s journal: synchronous = %d, want %d", c.name, got, c.want)
		}
		j.Close()
	}
}
