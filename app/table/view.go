package table

import (
	"cmp"
	"slices"
	"strings"
)

// Order is how a view sorts: by column Col (-1: record order), ascending
// or Desc.
type Order struct {
	Col  int
	Desc bool
}

// Unsorted keeps record order.
var Unsorted = Order{Col: -1}

// Viewer makes a view of a table a slice at a time: the records whose
// text contains Filter (case-insensitive; "" keeps all), in Order. Call
// Step until it reports done, then Rows.
type Viewer struct {
	t      *Table
	order  Order
	filter string
	phase  int // 0 filtering, 1 sort keys, 2 sorted
	next   int
	rows   []int32
	keys   []sortKey // by record, for the sort column
	done   bool
}

// sortKey is a cell's place in a column's order.
type sortKey struct {
	rank int8 // numbers, strings, booleans, arrays/objects, then null, then missing
	num  decimal
	text string
}

const (
	rankNumber int8 = iota
	rankString
	rankBool
	rankJSON
	rankNull
	rankMissing
)

// NewViewer starts a view of t.
func NewViewer(t *Table, order Order, filter string) *Viewer {
	if order.Col >= len(t.columns) {
		order = Unsorted
	}
	return &Viewer{t: t, order: order, filter: strings.ToLower(filter), rows: make([]int32, 0, t.Len())}
}

// View is a view made in one go.
func View(t *Table, order Order, filter string) []int32 {
	v := NewViewer(t, order, filter)
	for !v.Step(1 << 30) {
	}
	return v.Rows()
}

// Progress is how far the view is, from 0 to 1.
func (v *Viewer) Progress() float64 {
	if v.done || v.t.Len() == 0 {
		return 1
	}
	return (float64(v.phase) + float64(v.next)/float64(v.t.Len())) / 3
}

// Rows are the view's records, in order (nil until done).
func (v *Viewer) Rows() []int32 {
	if !v.done {
		return nil
	}
	return v.rows
}

// Step goes through about budget records and reports whether the view is
// done. The sort itself, once the keys are made, is one step.
func (v *Viewer) Step(budget int) bool {
	n := v.t.Len()
	for !v.done && budget > 0 {
		switch v.phase {
		case 0:
			end := min(n, v.next+budget)
			for row := v.next; row < end; row++ {
				if v.filter == "" || v.matches(row) {
					v.rows = append(v.rows, int32(row))
				}
			}
			budget -= end - v.next
			v.next = end
			if end == n {
				v.phase, v.next = 1, 0
				if v.order.Col < 0 {
					v.done = true
				} else {
					v.keys = make([]sortKey, n)
				}
			}
		case 1:
			end := min(len(v.rows), v.next+budget)
			for _, row := range v.rows[v.next:end] {
				v.keys[row] = v.key(int(row))
			}
			budget -= end - v.next
			v.next = end
			if end == len(v.rows) {
				v.phase = 2
			}
		default:
			slices.SortStableFunc(v.rows, func(a, b int32) int { return v.compare(v.keys[a], v.keys[b]) })
			v.keys, v.done = nil, true
		}
	}
	return v.done
}

func (v *Viewer) matches(row int) bool {
	if contains(v.t.Text(row, URLColumn), v.filter) {
		return true
	}
	for _, c := range v.t.rowCells(row) {
		if contains(v.t.text(row, c), v.filter) {
			return true
		}
	}
	return false
}

// contains reports whether s holds lower (lower case), ignoring case.
func contains(s, lower string) bool {
	if strings.Contains(s, lower) {
		return true
	}
	return strings.Contains(strings.ToLower(s), lower)
}

func (v *Viewer) key(row int) sortKey {
	col := v.order.Col
	if col == URLColumn {
		return sortKey{rank: rankString, text: v.t.Text(row, col)}
	}
	c, ok := v.t.find(row, col)
	if !ok {
		return sortKey{rank: rankMissing}
	}
	switch c.kind {
	case Number:
		return sortKey{rank: rankNumber, num: parseDecimal(v.t.literal(row, c))}
	case String:
		return sortKey{rank: rankString, text: v.t.text(row, c)}
	case Bool:
		return sortKey{rank: rankBool, text: v.t.text(row, c)} // "false" < "true"
	case Null:
		return sortKey{rank: rankNull}
	}
	return sortKey{rank: rankJSON, text: v.t.text(row, c)}
}

// compare orders two keys: by rank, then numbers by value and text by
// code point (Go compares UTF-8 strings byte by byte, which is code point
// order). Descending reverses everything but null and missing, which stay
// last.
func (v *Viewer) compare(a, b sortKey) int {
	if a.rank >= rankNull || b.rank >= rankNull {
		return cmp.Compare(a.rank, b.rank)
	}
	c := cmp.Compare(a.rank, b.rank)
	if c == 0 {
		if a.rank == rankNumber {
			c = compareDecimal(a.num, b.num)
		} else {
			c = strings.Compare(a.text, b.text)
		}
	}
	if v.order.Desc {
		return -c
	}
	return c
}
