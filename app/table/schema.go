package table

// ColumnSchema is what the records hold in one column: an API's
// inconsistencies at a glance (a field that is sometimes a string and
// sometimes a number, or missing from one response's records).
type ColumnSchema struct {
	Name      string
	Types     []TypeCount // the kinds seen, in Kinds order, with how many records had each
	Records   int         // records with a value in the column (null included)
	Responses int         // responses with at least one such record
}

// TypeCount is how many records had a kind in a column.
type TypeCount struct {
	Kind  Kind
	Count int
}

// Schema describes every column, in column order. The url column counts
// every record, as strings.
func (t *Table) Schema() []ColumnSchema {
	n := len(t.columns)
	counts := make([][Object + 1]int, n)
	records := make([]int, n)
	responses := make([]int, n)
	lastResp := make([]int32, n)
	for i := range lastResp {
		lastResp[i] = -1
	}
	for row := range t.Len() {
		resp := t.rowResp[row]
		mark := func(col int32, k Kind) {
			counts[col][k]++
			records[col]++
			if lastResp[col] != resp {
				lastResp[col] = resp
				responses[col]++
			}
		}
		mark(URLColumn, String)
		for _, c := range t.rowCells(row) {
			mark(c.col, c.kind)
		}
	}
	out := make([]ColumnSchema, n)
	for col, name := range t.columns {
		s := ColumnSchema{Name: name, Records: records[col], Responses: responses[col]}
		for _, k := range Kinds {
			if counts[col][k] > 0 {
				s.Types = append(s.Types, TypeCount{Kind: k, Count: counts[col][k]})
			}
		}
		out[col] = s
	}
	return out
}
