package sharelink_test

import (
	"testing"

	"fanin/app/sharelink"
)

func FuzzDecode(f *testing.F) {
	f.Add("u=https://a.test/&u=javascript:alert(1)&merge=object&jq=.a+|%20.b&c=8&timeout=15s&run=1")
	f.Add(sharelink.Encode(sharelink.State{Lines: numbered(40), Run: true}) + "&run=1")
	f.Add("#z=2abc")
	f.Add("u=https://a.test/&next=link&max-pages=20&rate=2.5&per-host=2")
	f.Add("u=https://a.test/&next=.next%20%2F%2F%20null&max-pages=0&rate=1e400&per-host=-1")
	f.Add("u=https://{a,b}.test/[1-3]&u=http://[::1]/&u=%zz&token=x")
	f.Fuzz(func(t *testing.T, fragment string) {
		s, problems, err := sharelink.Decode(fragment)
		if err != nil {
			if !equal(s, sharelink.State{}) || problems != nil {
				t.Fatalf("Decode(%q) gave %#v, %v with error %v", fragment, s, problems, err)
			}
			return
		}
		link := sharelink.Encode(s)
		again, problems, err := sharelink.Decode(link)
		if err != nil || len(problems) > 0 {
			t.Fatalf("Decode(%q) = %#v, but its link %q decodes with %v, %v", fragment, s, link, problems, err)
		}
		if !equal(again, s) {
			t.Fatalf("Decode(%q) = %#v, but its link %q decodes to %#v", fragment, s, link, again)
		}
	})
}
