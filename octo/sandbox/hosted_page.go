package sandbox

import (
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/octo-cashier/octo-cashier/money"
	"github.com/octo-cashier/octo-cashier/octo"
)

// The payment page at octo_pay_url (GET /pay/{uuid}?language=..): plain
// HTML forms, no script and nothing loaded from elsewhere, so it works in
// any browser, on a phone that scanned the console's QR code included.
// Each step posts to its own path and, once taken, redirects back to the
// page, which shows the step the payment is at: the method, the card, the
// SMS code or the bank's 3-D Secure page, then the outcome.

// hostedRoutes adds the payment page's paths to the sandbox's routes.
func (s *Sandbox) hostedRoutes(m *http.ServeMux) {
	m.HandleFunc("POST /pay/{uuid}/card", s.pageCardPost)
	m.HandleFunc("POST /pay/{uuid}/code", s.pageCodePost)
	m.HandleFunc("POST /pay/{uuid}/3ds", s.page3DSPost)
	m.HandleFunc("POST /sandbox/customer/{uuid}", s.controlCustomer)
	// return_url of the console's sandbox payments: the customer's landing
	// back "at the shop". Any other unknown path still answers 403.
	m.HandleFunc("GET /{$}", s.shopLanding)
}

// Steps of the page.
const (
	stepMethod = "method"
	stepCard   = "card"
	stepCode   = "code"
	step3DS    = "3ds"
	stepDone   = "done"
)

type methodChoice struct{ Value, Label string }

type testCardRow struct{ Card, What string }

// pageView is what the template draws.
type pageView struct {
	Lang, Title, Banner string
	Tx                  map[string]string // the page's words in its language
	UUID, Action, Self  string            // the page's own paths
	Shop, Amount, Desc  string
	Within              string
	Step                string
	Methods             []methodChoice
	Method, MethodLabel string
	NeedsCVC            bool
	Card                string
	Sent, Left          string
	CanResend           bool
	Error               string
	Headline, Detail    string
	Good                bool
	ReturnURL           string
	TestCards           []testCardRow
}

// hostedPage is parsed at its first use, not at every start of the console.
var hostedPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("hosted").Parse(hostedPageHTML))
})

const hostedPageHTML = `<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OCTO · {{.Title}}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26em;margin:0 auto;padding:1em;color:#1b1b1b;background:#f6f7f9}
.box{background:#fff;border-radius:12px;padding:1em 1.2em;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.3em;margin:.2em 0 .6em}
.sum{font-size:1.6em;font-weight:700;margin:.1em 0}
.muted{color:#666;font-size:.9em}
.err{background:#fde8e8;color:#8a1c1c;padding:.6em;border-radius:8px}
.good{color:#17693a}.bad{color:#8a1c1c}
label{display:block;margin:.8em 0 .2em}
input{width:100%;box-sizing:border-box;font-size:1.2em;padding:.5em;border:1px solid #bbb;border-radius:8px}
button{width:100%;font-size:1.1em;padding:.7em;margin-top:.8em;border:0;border-radius:8px;background:#1f5eff;color:#fff}
button.alt{background:#e4e7ee;color:#1b1b1b}
.banner{background:#fff6d6;padding:.4em .6em;border-radius:8px;font-size:.85em;margin-bottom:.8em}
table{font-size:.85em;border-collapse:collapse}td{padding:.1em .4em}
a{color:#1f5eff}
</style></head>
<body>
<p class="banner">{{.Banner}}</p>
<div class="box">
{{if .Amount}}<p class="muted">{{.Tx.shop}}: {{.Shop}}</p>
<p class="sum" id="amount">{{.Amount}}</p>
{{if .Desc}}<p class="muted">{{.Tx.purpose}}: {{.Desc}}</p>{{end}}{{end}}
{{if .Error}}<p class="err" id="error">{{.Error}}</p>{{end}}

{{if eq .Step "method"}}
<h1>{{.Tx.choose}}</h1>
<form method="get" action="{{.Self}}">
<input type="hidden" name="language" value="{{.Lang}}">
{{range .Methods}}<button name="method" value="{{.Value}}" id="method-{{.Value}}">{{.Label}}</button>
{{end}}</form>
{{if .Within}}<p class="muted">{{.Within}}</p>{{end}}

{{else if eq .Step "card"}}
<h1>{{.MethodLabel}}</h1>
<form method="post" action="{{.Action}}/card">
<input type="hidden" name="language" value="{{.Lang}}">
<input type="hidden" name="method" value="{{.Method}}">
<label for="pan">{{.Tx.pan}}</label>
<input id="pan" name="pan" inputmode="numeric" autocomplete="cc-number" placeholder="8600 0000 0000 0000" required>
<label for="exp">{{.Tx.exp}}</label>
<input id="exp" name="exp" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" required>
{{if .NeedsCVC}}<label for="cvc">{{.Tx.cvc}}</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required>
<label for="holder">{{.Tx.holder}}</label>
<input id="holder" name="holder" autocomplete="cc-name">{{end}}
<button id="pay">{{.Tx.pay}} {{.Amount}}</button>
</form>
{{if gt (len .Methods) 1}}<p><a href="{{.Self}}?language={{.Lang}}">{{.Tx.other}}</a></p>{{end}}
{{if .Within}}<p class="muted">{{.Within}}</p>{{end}}
<details><summary class="muted">{{.Tx.testcards}}</summary>
<table>{{range .TestCards}}<tr><td><code>{{.Card}}</code></td><td>{{.What}}</td></tr>{{end}}</table>
<p class="muted">{{.Tx.anyexp}}</p></details>

{{else if eq .Step "code"}}
<h1>{{.Tx.code}}</h1>
<p>{{.Tx.card}} {{.Card}}</p>
<p>{{.Sent}}</p>
<form method="post" action="{{.Action}}/code">
<input type="hidden" name="language" value="{{.Lang}}">
<label for="code">{{.Tx.code}}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8">
<button id="confirm" name="do" value="confirm">{{.Tx.confirm}}</button>
{{if .CanResend}}<button class="alt" id="resend" name="do" value="resend">{{.Tx.resend}}</button>{{end}}
</form>
<p class="muted">{{.Left}}</p>
<p class="muted">{{.Tx.smshint}}</p>

{{else if eq .Step "3ds"}}
<h1>{{.Tx.tds}}</h1>
<p>{{.Tx.card}} {{.Card}}</p>
<p class="muted">{{.Tx.tdstext}}</p>
<form method="post" action="{{.Action}}/3ds">
<input type="hidden" name="language" value="{{.Lang}}">
<button id="approve" name="result" value="approve">{{.Tx.approve}}</button>
<button class="alt" id="decline" name="result" value="decline">{{.Tx.decline}}</button>
</form>

{{else}}
<h1 id="outcome" class="{{if .Good}}good{{else}}bad{{end}}">{{.Headline}}</h1>
{{if .Card}}<p>{{.Tx.card}} {{.Card}}</p>{{end}}
{{if .Detail}}<p>{{.Detail}}</p>{{end}}
{{if .ReturnURL}}<p><a id="back" href="{{.ReturnURL}}">{{.Tx.back}}</a></p>{{end}}
{{end}}
</div>
</body></html>
`

// pageLanguage is the language asked for (?language= or the form's),
// else the payment's.
func pageLanguage(r *http.Request, p *payment) pageLang {
	if l, ok := parsePageLang(r.FormValue("language")); ok {
		return l
	}
	if p != nil {
		if l, ok := parsePageLang(p.language); ok {
			return l
		}
	}
	return pageRU
}

func methodLabel(l pageLang, m octo.Method) string {
	switch m {
	case octo.MethodUzcard:
		return l.t("uzcard")
	case octo.MethodHumo:
		return l.t("humo")
	}
	return l.t("bankcard")
}

// groupedAmount writes 150000.00 as "150 000 UZS", as the console does.
func groupedAmount(p *payment) string { return money.WithCurrency(p.total, p.currency) }

// view builds the page for p as it stands, in l. Caller holds s.mu.
func (s *Sandbox) view(p *payment, l pageLang, method octo.Method) pageView {
	tx := make(map[string]string, len(pageTexts))
	for k := range pageTexts {
		tx[k] = l.t(k)
	}
	v := pageView{
		Lang: l.code(), Title: l.t("title"), Banner: l.t("banner"), Tx: tx,
		UUID: p.uuid, Action: "/pay/" + p.uuid, Self: "/pay/" + p.uuid,
		Shop: "sandbox shop " + strconv.FormatInt(s.opts.ShopID, 10), Amount: groupedAmount(p), Desc: p.description,
	}
	for _, m := range pageMethods(p) {
		v.Methods = append(v.Methods, methodChoice{Value: string(m), Label: methodLabel(l, m)})
	}
	if p.card != nil {
		v.Card = p.card.masked()
	}
	now := s.now()
	switch {
	case s.pageOpen(p) == nil:
		if left := p.expireTime.Sub(now); left > 0 {
			v.Within = l.tf("within", int((left+time.Minute-1)/time.Minute))
		}
		if method == "" && len(v.Methods) == 1 {
			method = octo.Method(v.Methods[0].Value)
		}
		if method == "" || !allowed(p.payMethods, method) {
			v.Step = stepMethod
			return v
		}
		v.Step, v.Method, v.MethodLabel = stepCard, string(method), methodLabel(l, method)
		v.NeedsCVC = method == octo.MethodBankCard
		v.TestCards = testCardRows(method)
	case waitsForCode(p):
		v.Step = stepCode
		v.Sent = l.tf("sent", maskPhone(p.verify.phone))
		if left := s.secondsLeft(p); left > 0 {
			v.Left = l.tf("left", left)
		} else {
			v.Left = l.t("code_expired") // only a new code helps
		}
		v.CanResend = p.resends < s.opts.MaxResends
	case waitsFor3DS(p):
		v.Step = step3DS
	default:
		v.Step = stepDone
		v.Headline, v.Detail, v.Good = outcomeText(p, l, now)
		v.ReturnURL = returnURL(p)
	}
	return v
}

// outcomeText is the page's last word on p.
func outcomeText(p *payment, l pageLang, now time.Time) (headline, detail string, good bool) {
	switch p.status {
	case octo.StatusSucceeded:
		return l.t("paid"), l.t("paidtext"), true
	case octo.StatusWaitingForCapture:
		return l.t("held"), l.t("heldtext"), true
	case octo.StatusFailed:
		return l.t("declined"), l.t("nothing"), false
	case octo.StatusCanceled:
		switch {
		case !p.holdExpire.IsZero():
			return l.t("canceled"), l.t("released"), false
		case p.card == nil && !now.Before(p.expireTime):
			return l.t("expired"), l.t("nothing"), false
		}
		return l.t("canceled"), l.t("nothing"), false
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusPending:
	}
	return l.t("title"), l.t("inprogress"), false
}

// returnURL is where the page sends the customer back: return_url with
// ?octo_status=, as integrators observe OCTO doing (REFERENCE §5.5).
func returnURL(p *payment) string {
	if p.returnURL == "" {
		return ""
	}
	u, err := url.Parse(p.returnURL)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("octo_status", string(p.status))
	u.RawQuery = q.Encode()
	return u.String()
}

// testCardRows lists the test cards of a method for the page's hint.
func testCardRows(m octo.Method) []testCardRow {
	what := map[profile]string{profApprove: "approved", profNoFunds: "insufficient funds",
		profLostAnswer: "approved, notification lost", profBlocked: "blocked",
		profIssuerDecline: "declined by the issuer", profThreeDSFail: "3-D Secure fails"}
	var out []testCardRow
	for pan, prof := range testCards {
		if sc, _ := schemeOf(pan); sc.method() == m {
			out = append(out, testCardRow{Card: pan[0:4] + " " + pan[4:8] + " " + pan[8:12] + " " + pan[12:], What: what[prof]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Card < out[j].Card })
	return out
}

func renderHosted(w http.ResponseWriter, status int, v pageView) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = hostedPage().Execute(w, v)
}

// notFoundPage answers a payment the sandbox does not know.
func notFoundPage(w http.ResponseWriter, r *http.Request) {
	l := pageLanguage(r, nil)
	tx := map[string]string{}
	renderHosted(w, http.StatusNotFound, pageView{Lang: l.code(), Title: l.t("notfound"), Banner: l.t("banner"), Tx: tx,
		Step: stepDone, Headline: l.t("notfound")})
}

// payPage is GET /pay/{uuid}: the step the payment is at.
func (s *Sandbox) payPage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.payments[r.PathValue("uuid")]
	if p == nil {
		notFoundPage(w, r)
		return
	}
	s.expire(p)
	renderHosted(w, http.StatusOK, s.view(p, pageLanguage(r, p), octo.Method(r.FormValue("method"))))
}

// back redirects to the page, which shows the next step.
func back(w http.ResponseWriter, r *http.Request, uuid string, l pageLang) {
	http.Redirect(w, r, "/pay/"+uuid+"?language="+l.code(), http.StatusSeeOther)
}

// pageStep runs one of the customer's steps on p under the lock; a
// refusal draws the page again with it, anything else goes back to it.
func (s *Sandbox) pageStep(w http.ResponseWriter, r *http.Request, step func(p *payment) (octo.Method, *refusal)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	uuid := r.PathValue("uuid")
	p := s.st.payments[uuid]
	if p == nil {
		notFoundPage(w, r)
		return
	}
	s.expire(p)
	l := pageLanguage(r, p)
	method, ref := step(p)
	if ref == nil {
		back(w, r, uuid, l)
		return
	}
	v := s.view(p, l, method)
	v.Error = ref.text(l)
	renderHosted(w, http.StatusOK, v)
}

// pageCardPost is POST /pay/{uuid}/card: the method and the card typed.
func (s *Sandbox) pageCardPost(w http.ResponseWriter, r *http.Request) {
	s.pageStep(w, r, func(p *payment) (octo.Method, *refusal) {
		m := octo.Method(r.FormValue("method"))
		switch m {
		case octo.MethodUzcard, octo.MethodHumo, octo.MethodBankCard:
		default:
			return "", refuse("method_not_allowed", "unknown method %q", m)
		}
		return m, s.customerCard(p, m, CustomerCard{PAN: r.FormValue("pan"), Exp: r.FormValue("exp"),
			CVC: r.FormValue("cvc"), Holder: r.FormValue("holder")})
	})
}

// pageCodePost is POST /pay/{uuid}/code: the SMS code, or a new one asked for.
func (s *Sandbox) pageCodePost(w http.ResponseWriter, r *http.Request) {
	s.pageStep(w, r, func(p *payment) (octo.Method, *refusal) {
		if r.FormValue("do") == "resend" {
			return "", s.customerResend(p)
		}
		return "", s.customerCode(p, r.FormValue("code"))
	})
}

// page3DSPost is POST /pay/{uuid}/3ds: the bank's page answered.
func (s *Sandbox) page3DSPost(w http.ResponseWriter, r *http.Request) {
	uuid := r.PathValue("uuid")
	approve := r.FormValue("result") == "approve"
	s.mu.Lock()
	p := s.st.payments[uuid]
	s.mu.Unlock()
	if p == nil {
		notFoundPage(w, r)
		return
	}
	ref := s.customer3DS(uuid, approve)
	if ref != nil && ref.key == "threeds_failed" {
		ref = nil // the outcome page says it
	}
	s.pageStep(w, r, func(*payment) (octo.Method, *refusal) { return "", ref })
}

// shopLanding is GET /: where the console's sandbox payments send the
// customer back (return_url), with OCTO's ?octo_status=.
func (s *Sandbox) shopLanding(w http.ResponseWriter, r *http.Request) {
	l := pageLanguage(r, nil)
	v := pageView{Lang: l.code(), Title: l.t("sandboxhome"), Banner: l.t("banner"), Tx: map[string]string{},
		Step: stepDone, Headline: l.t("sandboxhome"), Good: true}
	if st := r.FormValue("octo_status"); st != "" {
		v.Detail = l.tf("returned", st)
	}
	renderHosted(w, http.StatusOK, v)
}
