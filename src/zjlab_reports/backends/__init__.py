"""Backends: a Document in, file bytes out; one module per output format."""
