"""ReportLab renderers: one class per document, a DTO in, PDF bytes out."""
