package qrcode

// QR codes correct errors with Reed–Solomon codes over GF(256) built on
// the polynomial x⁸+x⁴+x³+x²+1 (0x11d) with α = 2; the generator of a
// block with n check bytes has the roots α⁰…αⁿ⁻¹. The tables are made once:
// multiplying through logarithms is what keeps a version-40 code cheap.
var gfExp, gfLog = gfTables()

func gfTables() (exp [510]byte, log [256]byte) {
	x := 1
	for i := 0; i < 255; i++ {
		exp[i], exp[i+255] = byte(x), byte(x)
		log[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11d
		}
	}
	return exp, log
}

// gfMul multiplies in the field; exp is doubled so the sum of two logs
// needs no reduction modulo 255.
func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[int(gfLog[a])+int(gfLog[b])]
}

// rsGenerator returns the generator polynomial of degree n, highest term
// first (its leading coefficient, always 1, included).
func rsGenerator(n int) []byte {
	g := make([]byte, n+1)
	g[0] = 1
	for i := 0; i < n; i++ {
		// g *= (x + αⁱ), walking from the low end so each term is read
		// before it is overwritten.
		root := gfExp[i]
		for j := i + 1; j > 0; j-- {
			g[j] = gfMul(g[j], root) ^ g[j-1]
		}
		g[0] = gfMul(g[0], root)
	}
	// The loop above built the polynomial lowest term first; reverse it.
	for l, r := 0, len(g)-1; l < r; l, r = l+1, r-1 {
		g[l], g[r] = g[r], g[l]
	}
	return g
}

// rsCheck returns the n check bytes of a block: the remainder of the data,
// shifted up by n terms, divided by the generator.
func rsCheck(data []byte, gen []byte) []byte {
	n := len(gen) - 1
	rem := make([]byte, len(data)+n)
	copy(rem, data)
	for i := range data {
		c := rem[i]
		if c == 0 {
			continue
		}
		for j := 1; j <= n; j++ {
			rem[i+j] ^= gfMul(gen[j], c)
		}
	}
	return rem[len(data):]
}
