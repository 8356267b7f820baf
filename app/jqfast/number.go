package jqfast

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// numberEqual is gojq's == on two number literals where it can be
// decided as gojq decides it: both integers that fit an int, or either a
// decimal or exponent that fits a float64. Big integers and overflowing
// literals are left to gojq.
func numberEqual(a, b string) (bool, error) {
	ia, aInt := asInt(a)
	ib, bInt := asInt(b)
	if aInt && bInt {
		return ia == ib, nil
	}
	if aInt && isBig(b) || bInt && isBig(a) {
		return false, nil // a *big.Int beyond an int never equals one
	}
	fa, ok := asFloat(a, ia, aInt)
	if !ok {
		return false, ErrFallback
	}
	fb, ok := asFloat(b, ib, bInt)
	if !ok {
		return false, ErrFallback
	}
	return fa == fb, nil
}

func asInt(s string) (int, bool) {
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil || i < math.MinInt || i > math.MaxInt {
		return 0, false
	}
	return int(i), true
}

// isBig reports whether s is an integer literal too big for an int.
func isBig(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err != nil && errors.Is(err, strconv.ErrRange)
}

func asFloat(s string, i int, isInt bool) (float64, bool) {
	if isInt {
		return float64(i), true
	}
	if !strings.ContainsAny(s, ".eE") {
		return 0, false // a big integer: gojq compares *big.Int
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
