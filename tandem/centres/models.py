"""Models of the centres app."""
