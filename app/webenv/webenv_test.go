package webenv_test

import (
	"testing"

	"fanin/app/webenv"
)

func TestMemory(t *testing.T) {
	t.Parallel()
	m := webenv.NewMemory("fanin.test", "u=a")
	if m.Fragment() != "u=a" || m.PageURL() != "http://fanin.test/" || m.Origin() != "http://fanin.test" {
		t.Fatalf("got %q %q %q", m.Fragment(), m.PageURL(), m.Origin())
	}
	m.ReplaceFragment("u=b")
	if m.Fragment() != "u=b" {
		t.Fatalf("got fragment %q", m.Fragment())
	}
	if err := m.Store("k", "v"); err != nil {
		t.Fatal(err)
	}
	if v, ok := m.Load("k"); !ok || v != "v" {
		t.Fatalf("got %q %v", v, ok)
	}
	m.Remove("k")
	if _, ok := m.Load("k"); ok {
		t.Fatal("Remove kept the key")
	}
	if err := m.Store("big", string(make([]byte, 6<<20))); err == nil {
		t.Fatal("a value over the quota was stored")
	}
	if err := m.CopyText("hello")(); err != nil || m.Copied()[0] != "hello" {
		t.Fatalf("copy: %v %q", err, m.Copied())
	}
	if err := m.Download("a.json", "application/json", []byte("[]")); err != nil {
		t.Fatal(err)
	}
	if b, ok := m.Downloaded("a.json"); !ok || string(b) != "[]" {
		t.Fatalf("got %q", b)
	}
	if _, _, err := m.ReadFile("url-file")(); err == nil {
		t.Fatal("reading with no file chosen should fail")
	}
	if got := m.BoxValue("urls"); got != "" {
		t.Fatalf("an untouched box holds %q", got)
	}
	m.SetBox("urls", "https://typed.test/")
	if got := m.BoxValue("urls"); got != "https://typed.test/" {
		t.Fatalf("BoxValue after SetBox: got %q", got)
	}
	m.Picked.Name, m.Picked.Text = "urls.txt", "https://a.test/"
	if name, text, err := m.ReadFile("url-file")(); err != nil || name != "urls.txt" || text != "https://a.test/" {
		t.Fatalf("got %q %q %v", name, text, err)
	}
}
