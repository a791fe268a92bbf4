"""`chatapp-lint server`: every rule in the editor, over the Language Server Protocol.

Installed with the `server` extra (pygls and lsprotocol); linting never imports
this package. `protocol` holds the server, `analysis` lints a buffer as the
command line would, `diagnostics` and `extent` turn violations into ranges,
`actions` computes quick fixes, and `completion` reads the JSON Schema.
"""
