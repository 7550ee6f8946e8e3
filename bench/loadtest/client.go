package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

// client is one simulated shop with its own keep-alive HTTP/1.1
// connection. The load generator shares the machine's two cores with the
// server, so what it spends per flow is taken from the server: it writes
// its requests by hand into reused buffers and reads each answer with
// http.ReadResponse on the same connection, instead of net/http's client
// (two goroutines and their hand-offs per connection), and decodes each
// answer once. Every answer is still checked: HTTP 200, OCTO's envelope
// with error 0, and the fields the flow goes on with.
type client struct {
	addr string // host:port
	conn net.Conn
	br   *bufio.Reader
	bw   *bufio.Writer
	req  []byte       // the request body being built
	resp bytes.Buffer // the last answer's body
}

func newClient(addr string) *client { return &client{addr: addr} }

func (c *client) close() {
	if c.conn != nil {
		_ = c.conn.Close()
		c.conn = nil
	}
}

// do sends one request and returns the answer's body, valid until the
// next call. A connection that fails or that the server closes is dialled
// again by the next request.
func (c *client) do(method, path string, body []byte) ([]byte, error) {
	if c.conn == nil {
		conn, err := net.DialTimeout("tcp", c.addr, 10*time.Second)
		if err != nil {
			return nil, err
		}
		c.conn = conn
		c.br, c.bw = bufio.NewReaderSize(conn, 8192), bufio.NewWriterSize(conn, 4096)
	}
	_ = c.conn.SetDeadline(time.Now().Add(30 * time.Second))
	w := c.bw
	w.WriteString(method)
	w.WriteByte(' ')
	w.WriteString(path)
	w.WriteString(" HTTP/1.1\r\nHost: ")
	w.WriteString(c.addr)
	if body != nil {
		w.WriteString("\r\nContent-Type: application/json\r\nContent-Length: ")
		w.Write(strconv.AppendInt(w.AvailableBuffer(), int64(len(body)), 10))
	}
	w.WriteString("\r\n\r\n")
	w.Write(body)
	if err := w.Flush(); err != nil {
		c.close()
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		c.close()
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	c.resp.Reset()
	_, err = c.resp.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil || resp.Close {
		c.close()
	}
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, c.resp.Bytes())
	}
	return c.resp.Bytes(), nil
}

// call posts body to an OCTO method and decodes data into out, in one
// pass; an OCTO error is an error.
func (c *client) call(path string, body []byte, out any) error {
	raw, err := c.do(http.MethodPost, path, body)
	if err != nil {
		return err
	}
	env := struct {
		Error *int   `json:"error"`
		Msg   string `json:"errMessage"`
		Data  any    `json:"data"`
	}{Data: out} // a pointer in an interface: the decoder fills it in place
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("%s: %w: %s", path, err, raw)
	}
	switch {
	case env.Error == nil:
		return fmt.Errorf("%s: not OCTO's envelope: %s", path, raw)
	case *env.Error != 0:
		return fmt.Errorf("%s: error %d: %s", path, *env.Error, env.Msg)
	}
	return nil
}

// code reads the payment's newest text from the filtered outbox, as the
// customer's phone would.
func (c *client) code(uuid string) (string, error) {
	raw, err := c.do(http.MethodGet, "/sandbox/sms?limit=1&payment="+uuid, nil)
	if err != nil {
		return "", err
	}
	var out struct {
		Messages []struct {
			Code string `json:"code"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("sms: %w: %s", err, raw)
	}
	if len(out.Messages) != 1 || out.Messages[0].Code == "" {
		return "", fmt.Errorf("sms: %d texts for %s, want 1 with a code: %s", len(out.Messages), uuid, raw)
	}
	return out.Messages[0].Code, nil
}

// body starts a request body in the reused buffer.
func (c *client) body(parts ...string) []byte {
	c.req = c.req[:0]
	for _, p := range parts {
		c.req = append(c.req, p...)
	}
	return c.req
}

// flow runs one two-stage payment: prepare_payment → pay (Uzcard) →
// verificationInfo → the code from the outbox → check_sms_key → set_accept
// (a partial capture). A flow that does not end "succeeded" is an error.
func (c *client) flow(n int64) error {
	var p struct {
		UUID string `json:"octo_payment_UUID"`
	}
	tx := strconv.FormatInt(n, 10)
	if err := c.call("/prepare_payment", c.body(`{"octo_shop_id":1,"octo_secret":"sandbox-secret","shop_transaction_id":"load-`, tx,
		`","auto_capture":false,"test":true,"init_time":"2026-03-01 15:00:00","total_sum":1000.00,"currency":"UZS",`,
		`"description":"load","return_url":"https://shop.example/r","language":"uz","ttl":15}`), &p); err != nil {
		return err
	}
	if p.UUID == "" {
		return errors.New("prepare_payment: no octo_payment_UUID")
	}
	var pay struct {
		ID int64 `json:"id"`
	}
	if err := c.call("/pay/"+p.UUID, c.body(`{"pan":"8600000000000015","exp":"3012","method":"uzcard","cvc2":"","cardHolderName":"LOAD"}`), &pay); err != nil {
		return err
	}
	var v struct {
		VerifyID int64 `json:"verifyId"`
	}
	if err := c.call("/verificationInfo/", c.body(`{"octo_payment_UUID":"`, p.UUID, `"}`), &v); err != nil {
		return err
	}
	code, err := c.code(p.UUID)
	if err != nil {
		return err
	}
	var held struct {
		Status string `json:"status"`
	}
	b := c.body(`{"smsKey":`)
	b = strconv.AppendQuote(b, code)
	b = append(b, `,"paymentId":`...)
	b = strconv.AppendInt(b, pay.ID, 10)
	b = append(b, `,"verifyId":`...)
	b = append(strconv.AppendInt(b, v.VerifyID, 10), '}')
	c.req = b
	if err := c.call("/check_sms_key", b, &held); err != nil {
		return err
	}
	if held.Status != "waiting_for_capture" {
		return fmt.Errorf("after the code: %q", held.Status)
	}
	var done struct {
		Status string `json:"status"`
	}
	if err := c.call("/set_accept", c.body(`{"octo_shop_id":1,"octo_secret":"sandbox-secret","octo_payment_UUID":"`, p.UUID,
		`","accept_status":"capture","final_amount":900.00}`), &done); err != nil {
		return err
	}
	if done.Status != "succeeded" {
		return fmt.Errorf("after capture: %q", done.Status)
	}
	return nil
}
