"""Template tags through which other pages show employment without importing it."""
