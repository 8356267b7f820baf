//go:build js && wasm

package webfetch

import (
	"fmt"

	"fanin/app/fanout"
	"fanin/app/jspromise"

	"github.com/hack-pad/safejs"
)

// readBody streams a Response's body into Go memory chunk by chunk, so the
// byte cap is enforced as bytes arrive; past it the request is aborted.
// sizeHint (the Content-Length, when sent) sizes the buffer up front: growing
// a 50 MB buffer by doubling copies and clears it over and over, and holds
// the page while it does.
func readBody(resp safejs.Value, maxBytes, sizeHint int64, abort *aborter) ([]byte, error) {
	body, err := resp.Get("body")
	if err != nil {
		return nil, err
	}
	if body.IsNull() || body.IsUndefined() {
		return nil, nil
	}
	reader, err := body.Call("getReader")
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	var buf []byte
	if sizeHint > 0 && (maxBytes <= 0 || sizeHint <= maxBytes) {
		buf = make([]byte, 0, sizeHint)
	}
	for {
		chunk, err := jspromise.Await(reader.Call("read"))
		if err != nil {
			return buf, fanout.Errorf(fanout.KindNetwork, "reading the body failed after %d bytes: %v", len(buf), err)
		}
		done, err := chunk.Get("done")
		if err != nil {
			return buf, err
		}
		if finished, _ := done.Bool(); finished {
			return buf, nil
		}
		value, err := chunk.Get("value")
		if err != nil {
			return buf, err
		}
		n, err := value.Length()
		if err != nil {
			return buf, err
		}
		if maxBytes > 0 && int64(len(buf)+n) > maxBytes {
			_, _ = reader.Call("cancel")
			abort.now()
			return buf, fanout.Errorf(fanout.KindTooLarge, "body is over the %d-byte limit", maxBytes)
		}
		buf = grow(buf, n)
		m, err := safejs.CopyBytesToGo(buf[len(buf):len(buf)+n], value)
		if err != nil {
			return buf, err
		}
		buf = buf[:len(buf)+m]
	}
}

func grow(buf []byte, n int) []byte {
	if cap(buf)-len(buf) >= n {
		return buf
	}
	bigger := make([]byte, len(buf), max(2*cap(buf), len(buf)+n, 4096))
	copy(bigger, buf)
	return bigger
}
