"""The Actual spend screen: the open plan's ledger of real usage and bills, against the plan
and its budget (imported only when the screen is first shown, with QtCharts)."""
