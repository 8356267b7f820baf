// Package jqfast answers jq filters over a big JSON document without the
// cost of decoding all of it for gojq.
//
// Two tools, for app/jqwork's Engine, which chooses between them and gojq:
//
//   - Compile recognises path-only filters in gojq's parsed AST (.a.b, .[],
//     .[N], ."k", .["k"], keys, length, select(PATH), select(PATH ==
//     LITERAL) and !=, and their pipes and commas), and a Plan answers them
//     from the document itself: RunBytes reads the bytes as it goes (a skip
//     loop that minds only strings and brackets, for documents already
//     known to be valid JSON), Run reads a jsontree index for a caller that
//     has one. Only the values a filter outputs are decoded, into the Go
//     values gojq would hold (or, for a scalar, the literal where that is
//     what gojq prints), so app/jqfilter prints them byte for byte as it
//     prints gojq's. Wherever gojq would fail, or where matching it exactly
//     is not worth the code (a big integer compared, a boolean's length,
//     the optional `?`, slices), a run reports ErrFallback and the caller
//     runs gojq instead: the fast path never makes errors of its own.
//   - Decode turns a document into gojq's values straight from the token
//     scanner (app/jsonscan), with encoding/json's UseNumber semantics:
//     map[string]any (a repeated key keeps its last value), []any, string,
//     json.Number holding the literal, bool, nil. Strings and numbers
//     without escapes point into the document instead of being copied.
package jqfast
