// Package table reads the responses of a run as one table of records (see
// DESIGN.md, "Pages and tables"): the records are the elements of each
// response's top-level array, or the response itself when it is an
// object; the columns are url (the record's response), then the union of
// the records' keys in first-seen order, nested objects flattened with
// dots (meta.k) and arrays kept as compact JSON text. A record that is not
// an object (a number in an array, say) has its value in the column "."
// (jq's name for the whole value). Cells point into the responses' bytes,
// so values stay exactly as sent: number literals are never decoded into
// float64 and strings are only unescaped.
//
// Everything here is made a slice at a time (Builder, Viewer), so the page
// can give the browser its turns between slices; the CSV (WriteCSV) and
// the Schema are computed from a finished Table. It is pure Go.
package table

import (
	"bytes"
	"encoding/json"
)

// Kind is a cell's JSON type.
type Kind uint8

const (
	Missing Kind = iota // the record has no such key
	String
	Number
	Bool
	Null
	Array
	Object // only an empty object: a non-empty one is flattened into columns
)

// Kinds lists the kinds a cell can have, in the Schema's order.
var Kinds = []Kind{String, Number, Bool, Null, Array, Object}

func (k Kind) String() string {
	switch k {
	case String:
		return "string"
	case Number:
		return "number"
	case Bool:
		return "boolean"
	case Null:
		return "null"
	case Array:
		return "array"
	case Object:
		return "object"
	}
	return "missing"
}

// URLColumn is the first column: the URL of the record's response.
const URLColumn = 0

// WholeValue is the column of a record that is not an object.
const WholeValue = "."

// Source is one response: its URL and its JSON value as received (nil
// when the URL failed: it gives no records).
type Source struct {
	URL  string
	Data []byte
}

// cell is one value of a record: where it is in its response's bytes.
type cell struct {
	col        int32
	kind       Kind
	start, end int32
}

// Table is the records of a run's responses.
type Table struct {
	sources []Source
	columns []string // columns[0] is "url"
	rowResp []int32  // the response of each record
	rowCell []int32  // the first cell of each record in cells; one more entry closes the last
	cells   []cell
}

// Columns are the column names, url first. A record key "url" is a column
// of its own, also named url, after the first.
func (t *Table) Columns() []string { return t.columns }

// Len is the number of records.
func (t *Table) Len() int { return len(t.rowResp) }

// Responses is the number of responses the table was read from.
func (t *Table) Responses() int { return len(t.sources) }

// Response is the index of the response record row came from.
func (t *Table) Response(row int) int { return int(t.rowResp[row]) }

func (t *Table) rowCells(row int) []cell { return t.cells[t.rowCell[row]:t.rowCell[row+1]] }

func (t *Table) find(row, col int) (cell, bool) {
	for _, c := range t.rowCells(row) {
		if int(c.col) == col {
			return c, true
		}
	}
	return cell{}, false
}

// Kind is the type of record row's value in column col (Missing when it
// has none); the url column is a String.
func (t *Table) Kind(row, col int) Kind {
	if col == URLColumn {
		return String
	}
	c, _ := t.find(row, col)
	return c.kind
}

// Literal is the value's JSON text exactly as received (nil when missing;
// the url column has none).
func (t *Table) Literal(row, col int) []byte {
	c, ok := t.find(row, col)
	if !ok || col == URLColumn {
		return nil
	}
	return t.literal(row, c)
}

func (t *Table) literal(row int, c cell) []byte {
	return t.sources[t.rowResp[row]].Data[c.start:c.end:c.end]
}

// Text is the value as a cell shows it and the CSV writes it: a string
// unescaped, a number as its literal, true or false, "" for null or a
// missing key, an array (or empty object) as compact JSON.
func (t *Table) Text(row, col int) string {
	if col == URLColumn {
		return t.sources[t.rowResp[row]].URL
	}
	c, ok := t.find(row, col)
	if !ok {
		return ""
	}
	return t.text(row, c)
}

func (t *Table) text(row int, c cell) string {
	lit := t.literal(row, c)
	switch c.kind {
	case String:
		return unquote(lit)
	case Null:
		return ""
	case Array, Object:
		var b bytes.Buffer
		if json.Compact(&b, lit) != nil {
			return string(lit)
		}
		return b.String()
	}
	return string(lit)
}

// unquote decodes a JSON string literal, quotes included; the scanner has
// checked it, so decoding only fails on nothing a scanner accepts.
func unquote(lit []byte) string {
	if len(lit) >= 2 && bytes.IndexByte(lit, '\\') < 0 {
		return string(lit[1 : len(lit)-1])
	}
	var s string
	if json.Unmarshal(lit, &s) != nil {
		return string(lit)
	}
	return s
}
