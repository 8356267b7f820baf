// Package jqfast answers jq filters over a big JSON document without the
// cost of decoding all of it for gojq.
//
// Two tools, for app/jqwork's Engine, which chooses between them and gojq:
//
//   - Compile recognises path-only filters in gojq's parsed AST (.a.b, .[],
//     .[N], ."k", .["k"], keys, length, select(PATH == LITERAL) and their
//     pipes and commas) and Plan.Run answers them from the document's
//     jsontree index: only the values a filter outputs are decoded, into
//     the same Go values gojq would hold, so app/jqfilter formats them
//     byte for byte as it formats gojq's. Wherever gojq would fail, or
//     where matching its semantics exactly is not worth the code (number
//     arithmetic, optional `?`, slices), Run reports ErrFallback and the
//     caller runs gojq instead: the fast path never makes its own errors.
//   - Decode turns a document into gojq's values straight from the token
//     scanner (app/jsonscan), with encoding/json's UseNumber semantics:
//     map[string]any (duplicate keys: the last wins), []any, string,
//     json.Number holding the literal, bool, nil. Strings and numbers
//     without escapes point into the document instead of being copied.
package jqfast
