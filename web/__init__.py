"""HTTP, configuration and the command line for caseledger."""

from __future__ import annotations

import atexit
import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from flask import Flask

from domain.application import CaseLedger
from web import access_log, errors
from web.config import check_durability, from_environment, store_settings

DEFAULT_MAX_CONTENT_LENGTH = 1024 * 1024


def _wall_clock() -> dt.datetime:
    """The one place the wall clock is read: recording time for every event."""
    return dt.datetime.now(dt.UTC)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app around one CaseLedger on the configured store."""
    config = dict(test_config or {})
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.pop("MAX_CONTENT_LENGTH", DEFAULT_MAX_CONTENT_LENGTH)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    url = config.pop("DATABASE_URL", None)
    clock = config.pop("CLOCK", _wall_clock)
    app.config.update(config)
    # Signs the browser session of the pages; without a configured key, sessions last
    # as long as the process (several workers need CASELEDGER_SECRET_KEY).
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = from_environment().secret_key or secrets.token_hex(32)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    store = store_settings(url) if url else from_environment().store
    ledger = CaseLedger(store, clock=clock)
    try:
        check_durability(ledger.recorder)
    except Exception:
        ledger.close()
        raise
    app.extensions["caseledger"] = ledger
    access_log.install(app, ledger)
    atexit.register(ledger.close)

    errors.register(app)
    from web.api import api
    from web.cli import register_commands
    from web.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(pages)
    register_commands(app)
    return app


def close_app(app: Flask) -> None:
    """Release the store's connections (tests; atexit does it for a served process)."""
    ledger: CaseLedger = app.extensions["caseledger"]
    atexit.unregister(ledger.close)
    ledger.close()
