"""Budget exports: a live Excel workbook and a PDF report, built from the engine's result."""
