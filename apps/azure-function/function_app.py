"""Example HTTP function (Azure Functions Python v2 programming model)."""

import json

import azure.functions as func

from handlers import greet

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)


@app.route(route="hello", methods=["GET"])
def hello(req: func.HttpRequest) -> func.HttpResponse:
    status, body = greet(req.params.get("name"))
    return func.HttpResponse(json.dumps(body), status_code=status, mimetype="application/json")
