package qrcode

// versionL is what a version holds at error-correction level L, the only
// level the console uses: the most data in the fewest modules, a screen's
// code not being worn or torn the way a printed one is.
type versionL struct {
	codewords int // data and check bytes together
	blocks    int // Reed–Solomon blocks the data is split into
	check     int // check bytes in each block
	// Where the alignment patterns' top-left corners start and how far
	// apart they are; 100 (beyond any code) means there is none after 4.
	alignFirst, alignStep int
}

// versions is ISO/IEC 18004's table, indexed by version (0 is unused).
var versions = [41]versionL{
	{},
	{26, 1, 7, 100, 100},
	{44, 1, 10, 16, 100},
	{70, 1, 15, 20, 100},
	{100, 1, 20, 24, 100},
	{134, 1, 26, 28, 100},
	{172, 2, 18, 32, 100},
	{196, 2, 20, 20, 16},
	{242, 2, 24, 22, 18},
	{292, 2, 30, 24, 20},
	{346, 4, 18, 26, 22}, // 10
	{404, 4, 20, 28, 24},
	{466, 4, 24, 30, 26},
	{532, 4, 26, 32, 28},
	{581, 4, 30, 24, 20},
	{655, 6, 22, 24, 22},
	{733, 6, 24, 24, 24},
	{815, 6, 28, 28, 24},
	{901, 6, 30, 28, 26},
	{991, 7, 28, 28, 28},
	{1085, 8, 28, 32, 28}, // 20
	{1156, 8, 28, 26, 22},
	{1258, 9, 28, 24, 24},
	{1364, 9, 30, 28, 24},
	{1474, 10, 30, 26, 26},
	{1588, 12, 26, 30, 26},
	{1706, 12, 28, 28, 28},
	{1828, 12, 30, 32, 28},
	{1921, 13, 30, 24, 24},
	{2051, 14, 30, 28, 24},
	{2185, 15, 30, 24, 26}, // 30
	{2323, 16, 30, 28, 26},
	{2465, 17, 30, 32, 26},
	{2611, 18, 30, 28, 28},
	{2761, 19, 30, 32, 28},
	{2876, 19, 30, 28, 24},
	{3034, 20, 30, 22, 26},
	{3196, 21, 30, 26, 26},
	{3362, 22, 30, 30, 26},
	{3532, 24, 30, 24, 28},
	{3706, 25, 30, 28, 28}, // 40
}

const (
	minVersion = 1
	maxVersion = 40
)

// dataBytes is how many of a version's bytes carry data, not checks.
func dataBytes(version int) int {
	v := versions[version]
	return v.codewords - v.blocks*v.check
}

// versionInfo is the 18-bit word a version 7 or larger carries twice so a
// reader need not count modules: the version in six bits and a BCH(18,6)
// remainder by the polynomial 0x1f25.
func versionInfo(version int) uint32 {
	rem := uint32(version) << 12
	for i := 17; i >= 12; i-- {
		if rem&(1<<uint(i)) != 0 {
			rem ^= 0x1f25 << uint(i-12)
		}
	}
	return uint32(version)<<12 | rem
}

// formatInfo is the 15-bit word of the level (L is 01) and the mask (0,
// the one the console always uses), with its BCH(15,5) remainder by
// 0x537, XORed with 0x5412 so it is never all light.
func formatInfo() uint32 {
	const levelL, mask = 1, 0
	word := uint32(levelL<<3|mask) << 10
	rem := word
	for i := 14; i >= 10; i-- {
		if rem&(1<<uint(i)) != 0 {
			rem ^= 0x537 << uint(i-10)
		}
	}
	return (word | rem) ^ 0x5412
}
