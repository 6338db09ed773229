import { asList, jsonDocument } from './attrs';

/**
 * The container definitions of an ECS task definition (a JSON string, literal or
 * `Fn.jsonencode`), or undefined when only known at apply time.
 */
export function containerDefinitions(value: unknown): Array<Record<string, unknown>> | undefined {
  const doc = jsonDocument(value);
  if (doc === undefined) return undefined;
  return asList(doc).filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null);
}
