package flows

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/octo-cashier/octo-cashier/octo"
)

// Problem is the last thing that went wrong with a payment or a binding,
// said as a code with its arguments: the screens word it in the cashier's
// language from the code (ui), the journal keeps the code and its English
// (Stored). An argument is a Problem too: words as they came (OCTO's own
// message, an error's text, a status; no Code) or a problem of its own
// (a refusal inside "Could not check with OCTO … (%s)").
type Problem struct {
	Code ProblemCode
	Args []Problem
	// Text is the words of a Problem without a Code: a value inside a
	// problem, or an old journal's English that names no code.
	Text string
}

// ProblemCode names a problem; its English format (Format) is what the
// console has always said, and the ui catalogue's key for its translations.
type ProblemCode string

// Words is a value shown as it came: OCTO's message, an error, a status.
func Words(s string) Problem { return Problem{Text: s} }

// NewProblem is the problem c with its arguments.
func NewProblem(c ProblemCode, args ...Problem) Problem { return Problem{Code: c, Args: args} }

func problem(c ProblemCode, args ...Problem) Problem { return NewProblem(c, args...) }

// IsZero reports whether nothing went wrong.
func (p Problem) IsZero() bool { return p.Code == "" && p.Text == "" }

// Is reports whether p is the problem c.
func (p Problem) Is(c ProblemCode) bool { return p.Code == c }

// English is the problem in the cashier's words, in English: the journal's
// text and what the console says on an English screen.
func (p Problem) English() string {
	if p.Code == "" {
		return p.Text
	}
	format, ok := problemFormats[p.Code]
	if !ok {
		return p.Text
	}
	if p.Code == ProblemAttemptsLeft {
		n, _ := strconv.Atoi(p.Arg(0).Text)
		if n == 1 {
			return AttemptLeftOne
		}
		return fmt.Sprintf(format, n)
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		args[i] = a.English()
	}
	return fmt.Sprintf(format, args...)
}

// String is English, so a problem prints as the cashier reads it.
func (p Problem) String() string { return p.English() }

// Arg is p's i-th argument; zero when there is none.
func (p Problem) Arg(i int) Problem {
	if i < 0 || i >= len(p.Args) {
		return Problem{}
	}
	return p.Args[i]
}

// Format is the code's English format: %s for each argument (%d for a
// count); empty for a code this program does not know.
func (c ProblemCode) Format() string { return problemFormats[c] }

// ProblemCodes lists every code flows gives a problem, sorted, for the
// screens' test that every one is worded in every language.
func ProblemCodes() []ProblemCode {
	out := make([]ProblemCode, 0, len(problemFormats))
	for c := range problemFormats {
		out = append(out, c)
	}
	sortCodes(out)
	return out
}

func attemptsLeft(n int) Problem {
	return problem(ProblemAttemptsLeft, Words(strconv.Itoa(n)))
}

// nothingWas is what did not happen when a request was refused, as
// refusal words it ("nothing was charged").
func nothingWas(what string) Problem {
	switch what {
	case notProvided:
		return problem(ProblemNothingCharged)
	case notRefunded:
		return problem(ProblemNothingRefunded)
	case notCanceled:
		return problem(ProblemNothingChanged)
	case "saved":
		return problem(ProblemNothingSaved)
	case "blocked":
		return problem(ProblemNothingBlocked)
	}
	return Words("nothing was " + what)
}

// refusal turns OCTO's refusal or a transport error into a problem, with
// what it means for the money in the context of call (e.g. "charged",
// "refunded").
func refusal(err error, nothing string) Problem {
	var oe *octo.Error
	switch {
	case err == nil:
		return Problem{}
	case errors.Is(err, octo.ErrAuth):
		return problem(ProblemAuth)
	case octo.MayHaveReached(err):
		return problem(ProblemNoAnswerChecking)
	case errors.As(err, &oe):
		switch {
		case errors.Is(err, octo.ErrTokenNotFound):
			return problem(ProblemTokenUnknown, nothingWas(nothing))
		case errors.Is(err, octo.ErrTokenNotActive):
			return problem(ProblemTokenNotActive, nothingWas(nothing))
		case errors.Is(err, octo.ErrResendLimit):
			return problem(ProblemResendLimit)
		case errors.Is(err, octo.ErrRefundAmount):
			return problem(ProblemRefundAmount)
		case errors.Is(err, octo.ErrTooOften):
			return problem(ProblemTooOften)
		case errors.Is(err, octo.ErrFiscalNotRegistered):
			return problem(ProblemFiscalNothing, nothingWas(nothing))
		case errors.Is(err, octo.ErrInternal):
			return problem(ProblemInternalNothing, nothingWas(nothing))
		}
		msg := Words(strings.TrimSpace(oe.Message))
		if msg.IsZero() {
			msg = problem(ProblemOCTOErrorCode, Words(strconv.Itoa(oe.Code)))
		}
		return problem(ProblemOCTORefused, msg, nothingWas(nothing))
	}
	return problem(ProblemUnreachable, nothingWas(nothing))
}

// errProblem is an error inside a problem ("The journal could not be
// written (%s)"): one that words itself (a payment another counter holds)
// as its problem, any other as its text. Only an error as it came words
// itself: a wrapped one's English would lose its wrapping's words.
func errProblem(err error) Problem {
	if w, ok := err.(interface{ Problem() Problem }); ok {
		return w.Problem()
	}
	return Words(errText(err))
}
