"""A workshop's portfolio as files: the live workbook, the PDF and the anonymised CSV."""
