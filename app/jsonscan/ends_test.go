package jsonscan

import "testing"

func TestStringEnd(t *testing.T) {
	for doc, want := range map[string]int{
		`"abc",1`:       5,
		`""`:            2,
		`"a\"b"x`:       6,
		`"a\\"x`:        5,
		`"a\\\"b"`:      8,
		`"unterminated`: -1,
		`"ends in \"`:   -1,
		`"é😀\u0041"]`:   len(`"é😀\u0041"`),
	} {
		if got := StringEnd([]byte(doc), 0); got != want {
			t.Errorf("StringEnd(%q) = %d, want %d", doc, got, want)
		}
	}
}

func TestBareEnd(t *testing.T) {
	for doc, want := range map[string]int{
		`123,`: 3, `-1.5e+3]`: 7, `true}`: 4, `null`: 4, `false "x"`: 5, `0:`: 1, `7{`: 1, `8[`: 1, `9"`: 1, "1\t": 1,
	} {
		if got := BareEnd([]byte(doc), 0); got != want {
			t.Errorf("BareEnd(%q) = %d, want %d", doc, got, want)
		}
	}
}

// FuzzStringEnd holds StringEnd to the plain reading of a string: from
// the opening quote, a backslash takes the next byte with it, and the
// first quote left alone closes it.
func FuzzStringEnd(f *testing.F) {
	for _, s := range []string{`"a"`, `"a\"b"`, `"\\"`, `"\\\"`, `"`, `"x\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := []byte(`"` + s)
		want := -1
		for i := 1; i < len(doc); i++ {
			if doc[i] == '\\' {
				i++
			} else if doc[i] == '"' {
				want = i + 1
				break
			}
		}
		if got := StringEnd(doc, 0); got != want {
			t.Fatalf("StringEnd(%q) = %d, want %d", doc, got, want)
		}
	})
}
