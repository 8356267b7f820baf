package urllist

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// FromFile turns a file of URLs into the URL box's text: a .json file
// holding an array of URL strings (or of objects with a "url" field), a
// .csv file (the first http(s) field of each record), or plain text, one URL
// per line.
func FromFile(name, content string) (string, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return fromJSON(content)
	case ".csv":
		return fromCSV(content)
	default:
		return strings.ReplaceAll(content, "\r\n", "\n"), nil
	}
}

func fromJSON(content string) (string, error) {
	var items []json.RawMessage
	if err := json.Unmarshal([]byte(content), &items); err != nil {
		return "", fmt.Errorf("want a JSON array of URLs: %w", err)
	}
	lines := make([]string, 0, len(items))
	for i, raw := range items {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			lines = append(lines, s)
			continue
		}
		var obj struct {
			URL string `json:"url"`
		}
		if json.Unmarshal(raw, &obj) != nil || obj.URL == "" {
			return "", fmt.Errorf("item %d is neither a URL string nor an object with a \"url\"", i)
		}
		lines = append(lines, obj.URL)
	}
	return strings.Join(lines, "\n"), nil
}

func fromCSV(content string) (string, error) {
	r := csv.NewReader(strings.NewReader(content))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		return "", fmt.Errorf("reading CSV: %w", err)
	}
	var lines []string
	for _, rec := range records {
		for _, field := range rec {
			f := strings.TrimSpace(field)
			if l := strings.ToLower(f); strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
				lines = append(lines, f)
				break
			}
		}
	}
	return strings.Join(lines, "\n"), nil
}
