"""Employment forms, one module per area."""
