"""Asking the explorer's server, and the CLI's JSON answers to compare it with."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from helpers.cli import invoke


def get(server, path: str, language: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """The server's answer to GET ``path``: status, headers, body (an error status is an answer too)."""
    request = urllib.request.Request(server.url.rstrip("/") + path)
    if language:
        request.add_header("Accept-Language", language)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get_json(server, path: str) -> tuple[int, object]:
    status, _, body = get(server, path)
    return status, json.loads(body)


def cli_json(*args: str) -> object:
    """``segur-kg ARGS --demo --format json`` (in French, as the server's default), parsed."""
    result = invoke(*args, "--demo", "--format", "json", "--lang", "fr")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
