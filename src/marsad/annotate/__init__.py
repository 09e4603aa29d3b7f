"""Per-article annotators: one module per kind of annotation, composed by ``pipeline``."""
