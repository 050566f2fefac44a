"""Infrastructure at the bottom of the layers: models, errors, limits, diagnostics, data files,
the numbering grammar (markers) and the role-word table. Every stage may import from here."""
