package sharelink

import (
	"errors"

	"fanin/app/urllist"
)

// checkLine reports why a URL line may not come in through a link: the
// same rules as the URL box (urllist.CheckLine), so a link can never carry
// a line the page would not fetch as it stands.
func checkLine(line string) error {
	if line == "" {
		return errors.New("empty")
	}
	return urllist.CheckLine(line)
}
