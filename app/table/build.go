package table

import (
	"fanin/app/jsonscan"
)

// Builder reads the responses into a Table a few tokens at a time: call
// Step until it reports done, then Table.
type Builder struct {
	t       *Table
	byName  map[string]int32
	colRow  []int32 // the last record that set each column, to let a repeated key replace its value
	colCell []int32 // where that value is in cells

	resp    int               // the response being read
	sc      *jsonscan.Scanner // over its bytes; nil between responses
	topList bool              // its top-level value is an array: each element is a record
	frames  []frame           // the objects open in the current record
	key     string            // the member name just read
	skipTo  int               // >0: inside an array value, until the scanner is back at this depth
	skipAt  int               // where that array began
	skipCol int32
	first   bool // the next token is the response's first
	whole   bool // the open record is not an object
	done    bool
}

// frame is an object open in a record: its columns' prefix, and its own
// column and start for when it turns out empty.
type frame struct {
	prefix  string
	name    string
	start   int
	members int
}

// NewBuilder starts a table over sources, in order.
func NewBuilder(sources []Source) *Builder {
	t := &Table{sources: sources, columns: []string{"url"}, rowCell: []int32{0}}
	return &Builder{t: t, byName: map[string]int32{}, colRow: []int32{-1}, colCell: []int32{-1}}
}

// Build reads sources in one go.
func Build(sources []Source) *Table {
	b := NewBuilder(sources)
	for !b.Step(1 << 30) {
	}
	return b.Table()
}

// Progress is the share of the responses read, from 0 to 1.
func (b *Builder) Progress() float64 {
	if b.done || len(b.t.sources) == 0 {
		return 1
	}
	p := float64(b.resp)
	if b.sc != nil {
		if n := len(b.t.sources[b.resp].Data); n > 0 {
			p += float64(b.sc.Pos()) / float64(n)
		}
	}
	return p / float64(len(b.t.sources))
}

// Table is the finished table (nil until Step has reported done).
func (b *Builder) Table() *Table {
	if !b.done {
		return nil
	}
	return b.t
}

// Step reads about budget tokens and reports whether the table is done.
func (b *Builder) Step(budget int) bool {
	for n := 0; n < budget && !b.done; n++ {
		if b.sc == nil {
			if b.resp >= len(b.t.sources) {
				b.done = true
				break
			}
			data := b.t.sources[b.resp].Data
			if len(data) == 0 {
				b.resp++
				continue
			}
			b.sc, b.topList, b.frames, b.skipTo, b.first, b.whole = jsonscan.New(data), false, b.frames[:0], 0, true, false
		}
		tok, ok := b.sc.Next()
		if !ok {
			// the end of the value, or bytes that are not JSON (a checked
			// body never is): the response gives what was read
			if len(b.frames) > 0 {
				b.endRecord()
			}
			b.sc = nil
			b.resp++
			continue
		}
		b.token(tok)
	}
	return b.done
}

// token takes one token of the current response.
func (b *Builder) token(tok jsonscan.Token) {
	depth := b.sc.Depth() // after the token: an opening bracket counts itself
	first := b.first
	b.first = false
	if b.skipTo > 0 {
		if tok.Kind == jsonscan.EndArray && depth == b.skipTo-1 {
			b.set(b.skipCol, Array, b.skipAt, tok.End)
			b.skipTo = 0
			if b.whole {
				b.endRecord()
			}
		}
		return
	}
	if len(b.frames) == 0 {
		switch {
		case first && tok.Kind == jsonscan.BeginArray:
			b.topList = true
		case tok.Kind == jsonscan.EndArray:
			// the end of the top-level array
		case tok.Kind == jsonscan.BeginObject:
			b.startRecord(false)
		default:
			// a record that is not an object: the value is the record
			b.startRecord(true)
			col := b.column(WholeValue)
			if tok.Kind == jsonscan.BeginArray {
				b.skipTo, b.skipAt, b.skipCol = depth, tok.Start, col
				return
			}
			b.set(col, scalarKind(tok.Kind), tok.Start, tok.End)
			b.endRecord()
		}
		return
	}
	top := &b.frames[len(b.frames)-1]
	switch tok.Kind {
	case jsonscan.Key:
		b.key = top.prefix + unquote(b.data()[tok.Start:tok.End])
		top.members++
	case jsonscan.BeginObject:
		b.frames = append(b.frames, frame{prefix: b.key + ".", name: b.key, start: tok.Start})
	case jsonscan.EndObject:
		if len(b.frames) == 1 {
			b.endRecord()
			return
		}
		f := *top
		b.frames = b.frames[:len(b.frames)-1]
		if f.members == 0 {
			b.set(b.column(f.name), Object, f.start, tok.End)
		}
	case jsonscan.BeginArray:
		b.skipTo, b.skipAt, b.skipCol = depth, tok.Start, b.column(b.key)
	default:
		b.set(b.column(b.key), scalarKind(tok.Kind), tok.Start, tok.End)
	}
}

func (b *Builder) data() []byte { return b.t.sources[b.resp].Data }

// startRecord opens a record of the current response; whole says it is
// not an object (its value goes in the "." column).
func (b *Builder) startRecord(whole bool) {
	b.t.rowResp = append(b.t.rowResp, int32(b.resp))
	b.frames = append(b.frames[:0], frame{})
	b.whole = whole
}

func (b *Builder) endRecord() {
	b.frames, b.whole = b.frames[:0], false
	b.t.rowCell = append(b.t.rowCell, int32(len(b.t.cells)))
}

// column is the number of the column named name, added when new.
func (b *Builder) column(name string) int32 {
	if c, ok := b.byName[name]; ok {
		return c
	}
	c := int32(len(b.t.columns))
	b.byName[name] = c
	b.t.columns = append(b.t.columns, name)
	b.colRow = append(b.colRow, -1)
	b.colCell = append(b.colCell, -1)
	return c
}

// set gives the current record's column col a value; a repeated key
// replaces the earlier value, as a JSON reader would.
func (b *Builder) set(col int32, k Kind, start, end int) {
	row := int32(len(b.t.rowResp) - 1)
	c := cell{col: col, kind: k, start: int32(start), end: int32(end)}
	if b.colRow[col] == row {
		b.t.cells[b.colCell[col]] = c
		return
	}
	b.colRow[col], b.colCell[col] = row, int32(len(b.t.cells))
	b.t.cells = append(b.t.cells, c)
}

func scalarKind(k jsonscan.Kind) Kind {
	switch k {
	case jsonscan.String:
		return String
	case jsonscan.Number:
		return Number
	case jsonscan.True, jsonscan.False:
		return Bool
	}
	return Null
}
