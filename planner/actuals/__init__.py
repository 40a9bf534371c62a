"""Actual spend: the ledger of real usage and bills, re-priced, reconciled, compared.

Export files → ``formats`` (one parser each) → ``importer`` → the ledger (``store``, the
only module that opens it) → ``status`` and ``compare`` → the CLI and the screen.

The budget guard reads the same ledger: ``budgets`` (typed, or frozen from a plan) →
``series`` (each scope's days) → ``forecast``, ``rules``, ``anomaly`` and ``planvariance``
→ ``guard`` (runs them after every import; each alert fires once per period and level) →
``dashboard`` (everything the screen shows of a month). Pure Python; no Qt.
"""
