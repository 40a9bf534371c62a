"""The rates editor: bundled tables with sources, the user's own values, price imports."""
