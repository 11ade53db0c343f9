"""The editor server: `tfvarfix server` speaks the Language Server Protocol over stdio (the `lsp` extra)."""
