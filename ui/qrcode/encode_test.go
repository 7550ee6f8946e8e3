package qrcode

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

// goldenCase is one code rsc.io/qr drew (testdata/golden.json, written by
// a throwaway generator while the console still used that library): the
// segments as payLinkQR or QRCode gave them, and the version, size and
// modules it drew, or that it found the text too long.
type goldenCase struct {
	Name     string `json:"name"`
	Segments []struct {
		Mode string `json:"mode"`
		Hex  string `json:"hex"`
	} `json:"segments"`
	Err     bool     `json:"error"`
	Version int      `json:"version"`
	Size    int      `json:"size"`
	SHA256  string   `json:"sha256"`
	Rows    []string `json:"rows"`
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	raw, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("golden file has %d cases", len(cases))
	}
	return cases
}

// encodeGolden draws a case as the console does: "text" cases through
// EncodeText (QRCode's choice of mode, which the golden segment records),
// the others with the recorded segments.
func encodeGolden(t *testing.T, c goldenCase) (*Code, error) {
	t.Helper()
	var segs []Segment
	for _, s := range c.Segments {
		b, err := hex.DecodeString(s.Hex)
		if err != nil {
			t.Fatal(err)
		}
		switch s.Mode {
		case "byte":
			segs = append(segs, Bytes(string(b)))
		case "alphanumeric":
			segs = append(segs, Alphanumeric(string(b)))
		case "numeric":
			segs = append(segs, Numeric(string(b)))
		default:
			t.Fatalf("%s: mode %q", c.Name, s.Mode)
		}
	}
	if strings.HasPrefix(c.Name, "text ") {
		if len(segs) != 1 {
			t.Fatalf("%s: %d segments", c.Name, len(segs))
		}
		if want := textSegment(segs[0].text); want != segs[0] {
			t.Errorf("%s: EncodeText picks %v, rsc.io/qr picked %v", c.Name, want.mode, segs[0].mode)
		}
		return EncodeText(segs[0].text)
	}
	return Encode(segs...)
}

// rows packs the modules a row at a time, most significant bit first, as
// the generator did.
func rows(c *Code) (hexRows []string, sum string) {
	h := sha256.New()
	for y := 0; y < c.Size; y++ {
		row := make([]byte, (c.Size+7)/8)
		for x := 0; x < c.Size; x++ {
			if c.Black(x, y) {
				row[x/8] |= 0x80 >> uint(x%8)
			}
		}
		h.Write(row)
		hexRows = append(hexRows, hex.EncodeToString(row))
	}
	return hexRows, hex.EncodeToString(h.Sum(nil))
}

func TestGoldenMatchesRscQR(t *testing.T) {
	seen := map[int]bool{}
	for _, c := range loadGolden(t) {
		code, err := encodeGolden(t, c)
		if c.Err {
			if !errors.Is(err, ErrTooLong) {
				t.Errorf("%s: err = %v, want ErrTooLong", c.Name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if code.Version != c.Version || code.Size != c.Size {
			t.Errorf("%s: version %d size %d, want %d and %d", c.Name, code.Version, code.Size, c.Version, c.Size)
			continue
		}
		seen[c.Version] = true
		got, sum := rows(code)
		for y := range c.Rows {
			if got[y] != c.Rows[y] {
				t.Errorf("%s: row %d\n got %s\nwant %s", c.Name, y, got[y], c.Rows[y])
				break
			}
		}
		if sum != c.SHA256 {
			t.Errorf("%s: modules differ from rsc.io/qr's (sha256 %s, want %s)", c.Name, sum, c.SHA256)
		}
	}
	for _, v := range []int{1, 2, 6, 7, 10, 14, 20, 27, 40} {
		if !seen[v] {
			t.Errorf("no golden code of version %d", v)
		}
	}
}

func TestSegmentCheck(t *testing.T) {
	if _, err := Encode(Alphanumeric("http://")); err == nil {
		t.Error("lower case accepted as alphanumeric")
	}
	if _, err := Encode(Numeric("12a")); err == nil {
		t.Error("a letter accepted as numeric")
	}
	if _, err := Encode(Alphanumeric("HTTP://127.0.0.1:41234"), Bytes("/pay/é")); err != nil {
		t.Error(err)
	}
}

func TestBlackOutsideIsLight(t *testing.T) {
	c, err := EncodeText("OCTO")
	if err != nil {
		t.Fatal(err)
	}
	// The top-left finder's corner is dark; one step out is the quiet zone.
	if !c.Black(0, 0) || c.Black(-1, 0) || c.Black(0, -1) || c.Black(c.Size, 0) || c.Black(0, c.Size) {
		t.Error("Black reads outside the code as dark, or the finder's corner as light")
	}
}
