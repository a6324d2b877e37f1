"""Forms of state support, one module per stage (calls, applications, review, outcomes)."""
