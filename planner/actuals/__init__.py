"""Actual spend: the ledger of real usage and bills, re-priced, reconciled, compared.

Export files → ``formats`` (one parser each) → ``importer`` → the ledger (``store``, the
only module that opens it) → ``status`` and ``compare`` → the CLI (``commands``) and, later,
the screen and the exporters. Pure Python; no Qt.
"""
