package ui

// Err is err with its text in l, for a message shown where the cashier
// types (a huh validator's error). A validator's errors are whole
// sentences of the catalogue; nil stays nil.
func (l Lang) Err(err error) error {
	if err == nil {
		return nil
	}
	return problem(l.T(err.Error()))
}
