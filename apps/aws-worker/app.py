"""Work queue consumer on Lambda (Python 3.13, AWS Lambda Powertools from the layer).

Consumes `<env>-work` (an SQS event source with ReportBatchItemFailures) and puts one `ItemReceived`
event per item on the bus named by EVENT_BUS_NAME (`<env>-events`, from aws.functions environmentFrom).
The logic lives in worker.py so it is tested without Powertools or boto3.
"""

import os

import boto3
from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.utilities.typing import LambdaContext

import worker

logger = Logger()
tracer = Tracer()
events = boto3.client("events")
BUS_NAME = os.environ["EVENT_BUS_NAME"]


@tracer.capture_method
def put_events(entries: list) -> dict:
    return events.put_events(Entries=entries)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def handler(event: dict, context: LambdaContext) -> dict:
    """Lambda entry point (`app.handler`)."""
    records = event.get("Records", [])
    response = worker.process_batch(records, BUS_NAME, put_events)
    failed = len(response["batchItemFailures"])
    logger.info("batch processed", extra={"messages": len(records), "failed": failed})
    return response
