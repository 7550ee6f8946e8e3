//go:build !linux

package widthwarm

// prefault does nothing here: the pages fault in as they are written.
func prefault([]byte) {}
