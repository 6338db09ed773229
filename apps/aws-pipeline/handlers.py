"""Lambda entry points of the item pipeline (Python 3.13, AWS Lambda Powertools from the layer).

One package, three functions of aws.functions: `handlers.ingest`, `handlers.analyse`,
`handlers.store`. The store step writes to the table named by TABLE_NAME (`<env>-api-items`, from
aws.functions environmentFrom; its role may use that table only). The logic lives in steps.py.
"""

import os

from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.utilities.typing import LambdaContext

import steps

logger = Logger()
tracer = Tracer()
_table = None


def _put_item(item: dict) -> None:
    global _table
    if _table is None:
        import boto3  # only the store step needs it

        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    _table.put_item(Item=item)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def ingest(event: dict, context: LambdaContext) -> dict:
    return steps.ingest(event)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def analyse(event: dict, context: LambdaContext) -> dict:
    return steps.analyse(event)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def store(event: dict, context: LambdaContext) -> dict:
    result = steps.store(event, _put_item)
    logger.info("item stored", extra={"item_id": result["id"]})
    return result
