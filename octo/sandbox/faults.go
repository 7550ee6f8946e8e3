package sandbox

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// FaultKind is what an injected fault does.
type FaultKind string

// The fault kinds.
const (
	// FaultLatency delays the answer by Latency (real time; the request's
	// context still ends it).
	FaultLatency FaultKind = "latency"
	// FaultError answers OCTO's error envelope with Code and Message
	// without doing anything.
	FaultError FaultKind = "error"
	// FaultDrop does the work, then closes the connection without an
	// answer: the client cannot know whether it happened.
	FaultDrop FaultKind = "drop"
	// FaultLoseNotification marks a notification delivered without sending
	// it. Method is the notified status ("" for any).
	FaultLoseNotification FaultKind = "lose_notification"
	// FaultDuplicateNotification sends a notification twice. Method is the
	// notified status ("" for any).
	FaultDuplicateNotification FaultKind = "duplicate_notification"
)

// Fault is an injected failure for the next Count matching calls, or for
// each matching call with probability Rate until ClearFaults. With neither
// set it fires once.
type Fault struct {
	Method  string        `json:"method,omitempty"` // API method ("pay", "check_sms_key", ...), a status for notification faults; "" matches any
	Kind    FaultKind     `json:"kind"`
	Count   int           `json:"count,omitempty"`
	Rate    float64       `json:"rate,omitempty"` // a probability in [0,1], not money
	Latency time.Duration `json:"latency,omitempty"`
	Code    int           `json:"code,omitempty"`    // for FaultError; default 4
	Message string        `json:"message,omitempty"` // for FaultError; default "Internal service error"
}

type faultState struct {
	f    Fault
	left int // calls left for a counted fault; -1 for a rate fault
}

func (f Fault) validate() error {
	switch f.Kind {
	case FaultLatency:
		if f.Latency <= 0 {
			return fmt.Errorf("a latency fault needs a positive latency")
		}
	case FaultError, FaultDrop, FaultLoseNotification, FaultDuplicateNotification:
	default:
		return fmt.Errorf("unknown fault kind %q", f.Kind)
	}
	if f.Count < 0 || f.Rate < 0 || f.Rate > 1 {
		return fmt.Errorf("count must be positive and rate within 0..1")
	}
	return nil
}

// Inject adds a fault. Faults fire in the order they were added; an
// invalid one (unknown kind, latency without a duration) is ignored.
func (s *Sandbox) Inject(f Fault) {
	_ = s.inject(f)
}

func (s *Sandbox) inject(f Fault) error {
	if err := f.validate(); err != nil {
		return err
	}
	if f.Kind == FaultError {
		if f.Code == 0 {
			f.Code = codeInternal
		}
		if f.Message == "" {
			f.Message = "Internal service error"
		}
	}
	fs := &faultState{f: f, left: f.Count}
	if f.Count == 0 {
		fs.left = 1
		if f.Rate > 0 {
			fs.left = -1
		}
	}
	s.mu.Lock()
	s.faults = append(s.faults, fs)
	s.mu.Unlock()
	return nil
}

// Faults returns the faults still armed.
func (s *Sandbox) Faults() []Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Fault, 0, len(s.faults))
	for _, fs := range s.faults {
		f := fs.f
		if fs.left > 0 {
			f.Count = fs.left
		}
		out = append(out, f)
	}
	return out
}

// ClearFaults disarms every fault.
func (s *Sandbox) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// takeFault returns the first armed fault of one of kinds matching method,
// and uses it up. Caller holds s.mu.
func (s *Sandbox) takeFault(method string, kinds ...FaultKind) (Fault, bool) {
	for i, fs := range s.faults {
		if fs.f.Method != "" && fs.f.Method != method {
			continue
		}
		match := false
		for _, k := range kinds {
			match = match || fs.f.Kind == k
		}
		if !match {
			continue
		}
		if fs.left < 0 {
			if rand.Float64() < fs.f.Rate {
				return fs.f, true
			}
			continue
		}
		fs.left--
		if fs.left == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return fs.f, true
	}
	return Fault{}, false
}

func (s *Sandbox) fault(method string, kinds ...FaultKind) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.faults) == 0 {
		return Fault{}, false
	}
	return s.takeFault(method, kinds...)
}
