package jsontree_test

import (
	"fmt"

	"fanin/app/jsontree"
)

func ExampleIndex() {
	tree, err := jsontree.Index([]byte(`{"id": 12345678901234567890123, "tags": ["a", "b"]}`))
	if err != nil {
		panic(err)
	}
	id := tree.Child(tree.Root(), 0)
	fmt.Println(tree.Key(id), tree.Kind(id), string(tree.Literal(id)))
	fmt.Println(tree.Len(tree.Child(tree.Root(), 1)))
	// Output:
	// id number 12345678901234567890123
	// 2
}

func ExampleTree_Path() {
	tree, _ := jsontree.Index([]byte(`[{"items": [{"a b": 1}]}]`))
	hit, _ := tree.Search("a b", jsontree.None, true)
	fmt.Println(tree.Path(hit))
	// Output: .[0].items[0]."a b"
}

func ExampleTree_Children() {
	tree, _ := jsontree.Index([]byte(`[10, 20, 30, 40, 50]`))
	for _, id := range tree.Children(tree.Root(), 3, 10) {
		fmt.Println(string(tree.Literal(id)))
	}
	// Output:
	// 40
	// 50
}

func ExampleView() {
	tree, _ := jsontree.Index([]byte(`{"a": [1, 2, 3], "b": {"c": true}}`))
	view := jsontree.NewView(tree, 2)
	view.Expand(tree.Child(tree.Root(), 0))
	for _, r := range view.Rows(0, view.Total()) {
		if r.More > 0 {
			fmt.Printf("%*s(%d more)\n", 2*r.Depth, "", r.More)
			continue
		}
		fmt.Printf("%*s%s %s\n", 2*r.Depth, "", tree.Path(r.ID), tree.Literal(r.ID))
	}
	// Output:
	// . {"a": [1, 2, 3], "b": {"c": true}}
	//   .a [1, 2, 3]
	//     .a[0] 1
	//     .a[1] 2
	//     (1 more)
	//   .b {"c": true}
}

func ExampleSearcher() {
	tree, _ := jsontree.Index([]byte(`[{"name": "x"}, {"title": "Named"}]`))
	s := tree.NewSearcher("NAME", jsontree.None, true)
	for !s.Step(1) { // a page yields to the browser between steps
	}
	first, _ := s.Result()
	next, _ := tree.Search("NAME", first, true)
	fmt.Println(tree.Path(first), tree.Path(next))
	// Output: .[0].name .[1].title
}

func ExampleIndexer() {
	ix := jsontree.NewIndexer([]byte(`[1, 2, 3, 4, 5, 6, 7, 8]`))
	for !ix.Step(8) {
		fmt.Printf("%.2f\n", ix.Progress())
	}
	tree, _ := ix.Tree()
	fmt.Println(tree.Len(tree.Root()))
	// Output:
	// 0.33
	// 0.71
	// 8
}

func ExampleIsLinkable() {
	fmt.Println(jsontree.IsLinkable("https://example.com/x"), jsontree.IsLinkable("javascript:alert(1)"))
	// Output: true false
}
