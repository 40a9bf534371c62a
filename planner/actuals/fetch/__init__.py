"""Fetching usage and costs from the providers' admin APIs (OpenAI, Anthropic).

``providers`` describes each API, ``client`` talks to one (retries, pagination),
``run`` downloads a period and imports its pages into the ledger through the same parsers
as imported files, and ``words`` says what went wrong. Keys come from ``actuals.keys``.
"""
