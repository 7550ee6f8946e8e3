package widthwarm

import (
	"syscall"
	"unsafe"
)

// madvPopulateWrite (Linux 5.14) maps a range's pages writable in one
// call; an older kernel refuses it, and the pages fault in as they are
// written, as without it.
const madvPopulateWrite = 23

// prefault maps b's pages before they are written.
func prefault(b []byte) {
	const page = 4096
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	aligned := start &^ (page - 1)
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, aligned, start-aligned+uintptr(len(b)), madvPopulateWrite)
}
