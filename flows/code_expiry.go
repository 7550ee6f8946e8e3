package flows

import (
	"errors"
	"strings"

	"github.com/octo-cashier/octo-cashier/octo"
)

// codeVerificationOver is the error the sandbox answers to check_sms_key
// when the code's verification expired or a newer code replaced it. OCTO
// documents no code for it (REFERENCE §6.2), and package octo maps only
// documented codes, so flows recognises it here: by this code, or by a
// message that says the verification or the code expired.
const codeVerificationOver = 12

// codeExpired reports whether OCTO refused a code because the code's
// session is over, not because the code was wrong: no attempt is used,
// and a new code is what helps.
func codeExpired(err error) bool {
	var oe *octo.Error
	if !errors.As(err, &oe) {
		return false
	}
	if oe.Code == codeVerificationOver {
		return true
	}
	m := strings.ToLower(oe.Message)
	for _, s := range []string{"verification expired", "code expired", "otp expired", "code has expired"} {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}
