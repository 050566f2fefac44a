"""``python -m dashuang_parse`` runs the command-line tool."""

from .cli import main

raise SystemExit(main())
