package combine

import (
	"bytes"

	"fanin/app/fanout"
	"fanin/app/jsontree"
)

// patch merges the successful responses in list order with RFC 7396 JSON
// Merge Patch: the first is the target and each next one patches it. It
// works on raw bytes: only objects are taken apart (into members in order
// of first appearance), every other value is carried as the bytes that
// were received, so numbers and strings pass through exactly.
func patch(results []fanout.Result) ([]byte, error) {
	var target *mvalue
	for _, r := range results {
		if !r.OK() {
			continue
		}
		doc := bytes.TrimSpace(r.Data)
		if target == nil {
			t, err := load(doc)
			if err != nil {
				return nil, err
			}
			target = t
			continue
		}
		if len(doc) == 0 || doc[0] != '{' {
			target = &mvalue{raw: doc} // a non-object patch replaces the target
			continue
		}
		p, err := load(doc)
		if err != nil {
			return nil, err
		}
		target = mergePatch(target, p)
	}
	if target == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	target.write(&b)
	return b.Bytes(), nil
}

// mvalue is a value being merged: an object's members, or raw bytes.
type mvalue struct {
	raw []byte
	obj *mobject
}

type mobject struct {
	keys  [][]byte  // raw keys, quotes included, as first written
	names []string  // the same keys decoded: "\u0061" and "a" are one member
	vals  []*mvalue // nil where a later patch deleted the member
	index map[string]int
}

func (o *mobject) set(name string, rawKey []byte, v *mvalue) {
	if i, ok := o.index[name]; ok {
		o.vals[i] = v
		return
	}
	o.index[name] = len(o.keys)
	o.keys = append(o.keys, rawKey)
	o.names = append(o.names, name)
	o.vals = append(o.vals, v)
}

func (o *mobject) remove(name string) {
	if i, ok := o.index[name]; ok {
		o.vals[i] = nil
		delete(o.index, name)
	}
}

// load indexes doc and takes its objects apart. A patch's members are kept
// as they are; nulls in them are read as deletions by mergePatch.
func load(doc []byte) (*mvalue, error) {
	if len(doc) == 0 || doc[0] != '{' {
		return &mvalue{raw: doc}, nil
	}
	t, err := jsontree.Index(doc)
	if err != nil {
		return nil, err
	}
	return build(t, t.Root()), nil
}

func build(t *jsontree.Tree, id jsontree.NodeID) *mvalue {
	if t.Kind(id) != jsontree.Object {
		return &mvalue{raw: t.Literal(id)}
	}
	o := &mobject{index: map[string]int{}}
	for _, c := range t.Children(id, 0, t.Len(id)) {
		o.set(t.Key(c), t.RawKey(c), build(t, c))
	}
	return &mvalue{obj: o}
}

func isNull(v *mvalue) bool { return v.obj == nil && string(v.raw) == "null" }

// mergePatch is RFC 7396's MergePatch(Target, Patch), section 2.
func mergePatch(target, p *mvalue) *mvalue {
	if p.obj == nil {
		return p
	}
	if target == nil || target.obj == nil {
		target = &mvalue{obj: &mobject{index: map[string]int{}}}
	}
	for i, k := range p.obj.keys {
		v := p.obj.vals[i]
		if v == nil {
			continue
		}
		name := p.obj.names[i]
		if isNull(v) {
			target.obj.remove(name)
			continue
		}
		var cur *mvalue
		if j, ok := target.obj.index[name]; ok {
			cur = target.obj.vals[j]
		}
		target.obj.set(name, k, mergePatch(cur, v))
	}
	return target
}

func (v *mvalue) write(b *bytes.Buffer) {
	if v.obj == nil {
		b.Write(v.raw)
		return
	}
	b.WriteByte('{')
	n := 0
	for i, k := range v.obj.keys {
		if v.obj.vals[i] == nil {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.Write(k)
		b.WriteByte(':')
		v.obj.vals[i].write(b)
		n++
	}
	b.WriteByte('}')
}
