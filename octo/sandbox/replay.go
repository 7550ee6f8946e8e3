package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
)

// Replay posts a notification the sandbox sent before (or lost on purpose)
// again, exactly as it was: same body, same signature and hash_key, same
// URL. It is how QA checks that a merchant treats a repeated notification
// as the hint it is. seq names the notification or bind_notification
// event to replay. The answer is logged as a new event and returned; it is
// not acted on (a repeated waiting_for_capture answer would decide a hold
// a second time), as with a duplicated notification.
func (s *Sandbox) Replay(seq int64) (Event, error) {
	var orig Event
	found := false
	for _, e := range s.ev.list(seq - 1) {
		if e.Seq == seq {
			orig, found = e, true
			break
		}
	}
	switch {
	case !found:
		return Event{}, fmt.Errorf("no event %d in the log", seq)
	case orig.Kind != EventNotification && orig.Kind != EventBindNotification:
		return Event{}, fmt.Errorf("event %d is a %s, not a notification", seq, orig.Kind)
	case orig.URL == "" || len(orig.Body) == 0:
		return Event{}, fmt.Errorf("notification %d has no URL or body to send again", seq)
	}
	ev := Event{Kind: orig.Kind, Method: orig.Method, PaymentUUID: orig.PaymentUUID, URL: orig.URL,
		Body: orig.Body, Note: "replay of #" + strconv.FormatInt(seq, 10)}
	status, answer, err := s.post(orig.URL, orig.Body)
	ev.HTTPStatus, ev.Answer = status, string(answer)
	if err != nil {
		ev.Note += "; not delivered: " + err.Error()
	}
	ev.Time = s.Now()
	return s.ev.record(ev), err
}

// controlReplay is POST /sandbox/notifications/{seq}/replay.
func (s *Sandbox) controlReplay(w http.ResponseWriter, r *http.Request) {
	seq, err := strconv.ParseInt(r.PathValue("seq"), 10, 64)
	if err != nil || seq <= 0 {
		controlErr(w, http.StatusBadRequest, "want /sandbox/notifications/{seq}/replay with the event's seq")
		return
	}
	ev, err := s.Replay(seq)
	if ev.Seq == 0 && err != nil {
		controlErr(w, http.StatusConflict, err.Error())
		return
	}
	controlJSON(w, http.StatusOK, ev)
}
