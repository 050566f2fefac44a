"""Tasks: a section's own text split at owner parentheticals, and the Section models built."""
