//go:build js && wasm

package jqwork

import "github.com/hack-pad/safejs"

func stringProp(v safejs.Value, name string) string {
	p, err := v.Get(name)
	if err != nil || p.Type() != safejs.TypeString {
		return ""
	}
	s, _ := p.String()
	return s
}

func boolProp(v safejs.Value, name string) (bool, error) {
	p, err := v.Get(name)
	if err != nil {
		return false, err
	}
	return p.Truthy()
}

func bytesProp(v safejs.Value, name string) []byte {
	p, err := v.Get(name)
	if err != nil || p.IsNull() || p.IsUndefined() {
		return nil
	}
	return copyBytes(p)
}

// copyBytes copies a Uint8Array into Go memory.
func copyBytes(u8 safejs.Value) []byte {
	n, err := u8.Length()
	if err != nil {
		return nil
	}
	b := make([]byte, n)
	m, _ := safejs.CopyBytesToGo(b, u8)
	return b[:m]
}

// toJS copies b into a new Uint8Array, or gives null for nil.
func toJS(b []byte) any {
	if b == nil {
		return nil
	}
	ctor, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return nil
	}
	u8, err := ctor.New(len(b))
	if err != nil {
		return nil
	}
	_, _ = safejs.CopyBytesToJS(u8, b)
	return u8
}
