"""Example HTTP function on Cloud Run functions (2nd gen, Python 3.13, functions-framework).

Entry point `handler`. The request logic lives in quote.py so it is tested without
functions-framework installed.
"""

import json
import os

import functions_framework

import quote

VERSION = os.environ.get("APP_VERSION", "dev")
TAX_RATE_PERCENT = int(os.environ.get("TAX_RATE_PERCENT", "20"))


@functions_framework.http
def handler(request):
    """HTTP entry point: returns (body, status, headers) as Flask expects."""
    body = request.get_json(silent=True) if request.method == "POST" else None
    status, payload = quote.handle(request.method, body, VERSION, TAX_RATE_PERCENT)
    return json.dumps(payload), status, {"Content-Type": "application/json"}
