"""Running the service: uvicorn serving the application on one host and port."""

from __future__ import annotations

from .config import ServiceConfig


class MissingExtra(RuntimeError):
    """FastAPI or uvicorn is not installed."""


def serve(config: ServiceConfig, *, host: str = "127.0.0.1", port: int = 8000, access_log: bool = True) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM end it cleanly, workers included)."""
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        raise MissingExtra(
            f"the service needs the serve extra ({exc.name} is missing): pip install 'dashuang-parse[serve]'"
        ) from exc
    # One server process: the parsing happens in the pool's worker processes, which this
    # process feeds; uvicorn's own multi-process mode would give each its own pool.
    uvicorn.run(create_app(config), host=host, port=port, access_log=access_log, log_level="info")
