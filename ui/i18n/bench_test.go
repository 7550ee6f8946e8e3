package i18n

import (
	"fmt"
	"testing"
)

// BenchmarkBuild is what the first Tf in a language pays: its texts set
// into an x/text catalogue and its printer made.
func BenchmarkBuild(b *testing.B) {
	for _, l := range []Lang{EN, RU, UZ} {
		b.Run(string(l), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				build(l)
			}
		})
	}
}

const benchKey = "Wrong PIN (%d). The next try in %s."

func BenchmarkTf(b *testing.B) {
	_ = RU.Tf(benchKey, 1, "x")
	for i := 0; i < b.N; i++ {
		_ = RU.Tf(benchKey, 3, "5 min")
	}
}

// BenchmarkSprintf is Tf as it was: the map's translation through fmt.
func BenchmarkSprintf(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = fmt.Sprintf(RU.T(benchKey), 3, "5 min")
	}
}

func BenchmarkTfPlural(b *testing.B) {
	AddPlural(map[string]Plural{"bench: %d attempts left": {Arg: 1,
		EN: [2]string{"bench: %d attempt left", "bench: %d attempts left"},
		RU: [3]string{"осталась %d попытка", "осталось %d попытки", "осталось %d попыток"},
		UZ: [2]string{"%d ta urinish qoldi", "%d ta urinish qoldi"},
	}})
	_ = RU.Tf("bench: %d attempts left", 1)
	for i := 0; i < b.N; i++ {
		_ = RU.Tf("bench: %d attempts left", 3)
	}
}
