"""``python -m dashuang_parse`` runs the command-line tool."""

from .tools.cli import main

raise SystemExit(main())
