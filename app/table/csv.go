package table

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
)

// WriteCSV writes the whole table, in record order, as CSV (RFC 4180 as
// encoding/csv writes it): a header of the column names, then one line per
// record, with Text's values (strings unescaped, numbers as their literal,
// true/false, null and missing keys empty, arrays as compact JSON). A field
// is quoted when it holds a comma, a double quote, a CR or LF, or starts
// with a space; quotes inside are doubled.
//
// Lines end with LF, not RFC 4180's CRLF: encoding/csv's CRLF mode also
// rewrites the line breaks inside values (LF to CRLF, a lone CR dropped),
// and values must come out exactly as sent. Spreadsheets, pandas and
// encoding/csv's reader all take LF; read back, every field is its value.
//
// The page's Download CSV and fanin get -o csv are this function.
func WriteCSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	record := make([]string, len(t.columns))
	if err := cw.Write(t.columns); err != nil {
		return fmt.Errorf("table: writing CSV: %w", err)
	}
	for row := range t.Len() {
		clear(record)
		record[URLColumn] = t.sources[t.rowResp[row]].URL
		for _, c := range t.rowCells(row) {
			record[c.col] = t.text(row, c)
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("table: writing CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("table: writing CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("table: writing CSV: %w", err)
	}
	return nil
}
