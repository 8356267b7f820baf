package jqfast

import (
	"encoding/json"
	"unsafe"
)

// boxes puts strings and json.Numbers into interface values without one
// allocation each. Converting a string to `any` allocates its 16-byte
// header on the heap (runtime.convTstring), which for a big document is a
// few million small objects, a third of decoding's time in the profile.
// Here the headers live in slabs of slabSize and each interface points into
// one, as the runtime's own conversion would point to its allocation: an
// interface value is a type word and a data pointer (runtime.eface), and
// the garbage collector keeps a slab alive while any interface points into
// it. The values are the very same types (string, json.Number), so gojq and
// reflect see nothing different.
type boxes struct {
	strs []string
	nums []json.Number
}

const slabSize = 1024

// eface is the layout of an empty interface value.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

var (
	stringType = typeOf("")
	numberType = typeOf(json.Number(""))
)

func typeOf(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

func (b *boxes) str(s string) any {
	if len(b.strs) == cap(b.strs) {
		b.strs = make([]string, 0, slabSize)
	}
	b.strs = append(b.strs, s)
	var v any
	*(*eface)(unsafe.Pointer(&v)) = eface{typ: stringType, data: unsafe.Pointer(&b.strs[len(b.strs)-1])}
	return v
}

func (b *boxes) num(s string) any {
	if len(b.nums) == cap(b.nums) {
		b.nums = make([]json.Number, 0, slabSize)
	}
	b.nums = append(b.nums, json.Number(s))
	var v any
	*(*eface)(unsafe.Pointer(&v)) = eface{typ: numberType, data: unsafe.Pointer(&b.nums[len(b.nums)-1])}
	return v
}
