"""Metadata: header and closing → titles, 文号, issuer, date, recipients, 索引号, references."""
