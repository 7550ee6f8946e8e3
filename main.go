// Command octo-cashier is a terminal cashier console for the OCTO payment
// gateway, with a built-in OCTO simulator (the sandbox) for QA and demos.
package main

import (
	"fmt"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	fmt.Fprintf(os.Stdout, "octo-cashier %s: the console is being built; see README.md\n", version)
}
