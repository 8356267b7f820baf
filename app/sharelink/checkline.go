package sharelink

import (
	"errors"
	"fmt"
	"strings"

	"fanin/app/urllist"
	"fanin/app/urltemplate"
)

// checkLine reports why a URL line may not come in through a link. A plain
// URL must pass urllist.Check. A template must parse, its literal text
// before the first glob must already be http:// or https:// (so no
// expansion can have another scheme, whatever its lists hold), and its
// first expansion must pass urllist.Check.
func checkLine(line string) error {
	if line == "" {
		return errors.New("empty")
	}
	if !urltemplate.IsTemplate(line) {
		return urllist.Check(line)
	}
	t, err := urltemplate.Parse(line)
	if err != nil {
		return fmt.Errorf("bad URL template: %w", err)
	}
	if t.Globs() > 0 {
		prefix := strings.ToLower(t.Prefix())
		if !strings.HasPrefix(prefix, "http://") && !strings.HasPrefix(prefix, "https://") {
			return errors.New("a URL template must start with http:// or https:// before its first [ or {")
		}
	}
	if err := urllist.Check(t.First()); err != nil {
		return fmt.Errorf("URL template's first URL %q: %w", clip(t.First(), 100), err)
	}
	return nil
}
