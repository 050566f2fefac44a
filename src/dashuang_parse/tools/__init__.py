"""Tools over the public API: the command line, the evaluation against gold files, the schema."""
