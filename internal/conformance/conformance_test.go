package conformance

import (
	"encoding/json"
	"testing"
)

func entry(t *testing.T, doc string) Entry {
	t.Helper()
	var e Entry
	if err := json.Unmarshal([]byte(doc), &e); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestJudge(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file, original, entry string
		broken                      bool
	}{
		{"a y_ file passed through keeps its rule", "y_a.json", `[1E400, {"a":1,"a":2}]`, `{"data":[1E400,{"a":1,"a":2}]}`, false},
		{"a y_ number reformatted breaks it", "y_a.json", `[1E400]`, `{"data":[1e400]}`, true},
		{"a y_ duplicate key dropped breaks it", "y_a.json", `{"a":1,"a":2}`, `{"data":{"a":2}}`, true},
		{"a y_ key reordered breaks it", "y_a.json", `{"b":1,"a":2}`, `{"data":{"a":2,"b":1}}`, true},
		{"a y_ file rejected breaks it", "y_a.json", `[]`, `{"error":{"kind":"not-json","message":"x"}}`, true},
		{"an n_ file rejected with a position keeps its rule", "n_a.json", `[`, `{"error":{"kind":"not-json","message":"bad at line 1, column 2"}}`, false},
		{"an n_ file accepted breaks it", "n_a.json", `[1,]`, `{"data":[1]}`, true},
		{"an n_ file rejected without a position breaks it", "n_a.json", `[`, `{"error":{"kind":"not-json","message":"bad"}}`, true},
		{"an n_ file of zero bytes may be empty", "n_a.json", ``, `{"error":{"kind":"empty","message":"no bytes"}}`, false},
		{"an i_ file may go either way", "i_a.json", `"\ud800"`, `{"data":"\ud800"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Judge(tc.file, []byte(tc.original), entry(t, tc.entry))
			if (o.Problem != "") != tc.broken {
				t.Fatalf("got problem %q, want broken=%v", o.Problem, tc.broken)
			}
		})
	}
}
