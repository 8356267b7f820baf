package table

import (
	"cmp"
	"strings"
)

// decimal is a JSON number literal as 0.digits × 10^exp: digits without
// leading or trailing zeros ("" for zero, whatever its sign). Comparing
// two is exact for any literal (1E400, 12345678901234567890123,
// 0.1000000000000000055511151231257827): no float64 in between.
type decimal struct {
	neg    bool
	exp    int64
	digits string
}

// expLimit bounds an exponent as it is read: past it every literal of
// that sign compares the same (10^(10^15) and beyond are one value here).
const expLimit = 1 << 50

// parseDecimal reads a literal the scanner accepted as a JSON number.
func parseDecimal(lit []byte) decimal {
	i := 0
	var d decimal
	if i < len(lit) && lit[i] == '-' {
		d.neg = true
		i++
	}
	var b strings.Builder
	intDigits := 0
	for ; i < len(lit) && isDigit(lit[i]); i++ {
		b.WriteByte(lit[i])
		intDigits++
	}
	if i < len(lit) && lit[i] == '.' {
		for i++; i < len(lit) && isDigit(lit[i]); i++ {
			b.WriteByte(lit[i])
		}
	}
	var e int64
	if i < len(lit) && (lit[i] == 'e' || lit[i] == 'E') {
		i++
		eneg := false
		if i < len(lit) && (lit[i] == '+' || lit[i] == '-') {
			eneg = lit[i] == '-'
			i++
		}
		for ; i < len(lit) && isDigit(lit[i]); i++ {
			if e < expLimit {
				e = e*10 + int64(lit[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
	}
	digits := b.String()
	d.exp = int64(intDigits) + e
	for len(digits) > 0 && digits[0] == '0' {
		digits = digits[1:]
		d.exp--
	}
	d.digits = strings.TrimRight(digits, "0")
	if d.digits == "" {
		return decimal{}
	}
	return d
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (d decimal) sign() int {
	switch {
	case d.digits == "":
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// compareDecimal is -1, 0 or +1 as a is less than, equal to or more than b.
func compareDecimal(a, b decimal) int {
	sa, sb := a.sign(), b.sign()
	if sa != sb {
		return cmp.Compare(sa, sb)
	}
	if sa == 0 {
		return 0
	}
	c := cmp.Compare(a.exp, b.exp)
	if c == 0 {
		c = strings.Compare(a.digits, b.digits)
	}
	return c * sa
}
