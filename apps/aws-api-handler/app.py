"""Example HTTP API handler on Lambda (Python 3.13, AWS Lambda Powertools).

Routes (API Gateway HTTP API, payload 2.0): GET /health, GET /items, GET /items/{id}, POST /items.
The request logic lives in items.py so it is tested without Powertools installed.
When WORK_QUEUE_URL is set (aws.functions environmentFrom: the queue `<env>-work` of aws.events), each
created item is also sent to that queue, for the worker (apps/aws-worker).
"""

import json
import os

from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

import items

logger = Logger()
tracer = Tracer()
resolver = APIGatewayHttpResolver()
store = items.ItemStore()
VERSION = os.environ.get("APP_VERSION", "dev")
WORK_QUEUE_URL = os.environ.get("WORK_QUEUE_URL")
_sqs = None


def _send_to_work_queue(item: dict) -> None:
    global _sqs
    if not WORK_QUEUE_URL:
        return
    if _sqs is None:
        import boto3  # in the Lambda runtime; only needed with a work queue

        _sqs = boto3.client("sqs")
    _sqs.send_message(QueueUrl=WORK_QUEUE_URL, MessageBody=json.dumps(result_item_body(item)))


def result_item_body(item: dict) -> dict:
    """The message of a created item: the item itself (id, name, quantity)."""
    return {"id": item["id"], "name": item["name"], "quantity": item["quantity"]}


def _respond(result: items.Result) -> Response:
    status, body = result
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=json.dumps(body))


@resolver.get("/health")
@tracer.capture_method
def health() -> Response:
    return _respond(items.health(VERSION))


@resolver.get("/items")
@tracer.capture_method
def list_items() -> Response:
    query = resolver.current_event.query_string_parameters or {}
    return _respond(items.list_items(store, query.get("limit"), query.get("after")))


@resolver.get("/items/<item_id>")
@tracer.capture_method
def get_item(item_id: str) -> Response:
    return _respond(items.get_item(store, item_id))


@resolver.post("/items")
@tracer.capture_method
def create_item() -> Response:
    try:
        body = resolver.current_event.json_body
    except (ValueError, TypeError):
        return _respond((400, {"error": "body must be JSON"}))
    result = items.create_item(store, body)
    if result[0] == 201:
        logger.info("item created", extra={"item_id": result[1]["id"]})
        _send_to_work_queue(result[1])
    return _respond(result)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
def handler(event: dict, context: LambdaContext) -> dict:
    """Lambda entry point (`app.handler`)."""
    return resolver.resolve(event, context)
