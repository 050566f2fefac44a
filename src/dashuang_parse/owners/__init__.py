"""Owners: one owner parenthetical → the agencies it names, with their roles (grammar), and what
a member name is (names)."""
