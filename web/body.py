"""The JSON body of a request, refused at the edge when it cannot be stored safely.

reliability-catalogue A1 (malformed, wrong type), A4 (size), A5 (deep nesting),
A10 (NUL byte) and A11 (lone surrogate).
"""

from __future__ import annotations

import json
from typing import Any

from flask import request

from web.errors import Problem

JSON_MIMETYPE = "application/json"


def json_body() -> Any:
    """The parsed body; 415, 413, 400 or 422 problems otherwise."""
    if request.mimetype != JSON_MIMETYPE:
        raise Problem(
            415,
            "unsupported-media-type",
            "Unsupported media type.",
            "Send the body as application/json.",
        )
    raw = request.get_data(cache=True)  # MAX_CONTENT_LENGTH answers 413 here
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise Problem(
            400, "malformed-json", "Malformed JSON.", "The body is not valid JSON."
        ) from None
    bad = _unstorable_text(data)
    if bad:
        raise Problem(
            422,
            "invalid-text",
            "Text that cannot be stored.",
            "Text may not contain NUL bytes or unpaired surrogates.",
            errors={path: ["Contains a NUL byte or an unpaired surrogate."] for path in bad},
        )
    return data


def _is_unstorable(text: str) -> bool:
    return "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)


def _unstorable_text(data: Any) -> list[str]:
    """Paths of strings holding a NUL or a lone surrogate (walked without recursion)."""
    found: list[str] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _is_unstorable(value):
                found.append(path or "_schema")
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else key
                if _is_unstorable(key):
                    found.append(path or "_schema")
                    continue
                stack.append((child, item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), item) for i, item in enumerate(value))
    return sorted(found)
