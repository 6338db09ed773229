import type { TerraformElement } from 'cdktf';

/** What {@link sharingElementJson} remembers while it runs. */
interface Sharing {
  readonly json: WeakMap<TerraformElement, unknown>;
  readonly freeze: boolean;
}

let sharing: Sharing | undefined;

/**
 * An element's `toTerraform()`, computed once per element while {@link sharingElementJson} runs.
 *
 * The policy pack reads each resource's synthesized attributes just before synthesis, and the
 * synthesizer's preparing pass calls `toTerraform()` on every element again: the provider
 * bindings' conversion to snake_case JSON is about a tenth of a synth. Inside the sharing window
 * the second caller gets the first caller's object. Outside it (a test that builds, checks and
 * changes constructs in any order), every call is fresh.
 */
export function elementJson(element: TerraformElement): any {
  if (!sharing) return element.toTerraform();
  let json = sharing.json.get(element);
  if (json === undefined) {
    json = element.toTerraform();
    if (sharing.freeze) deepFreezePlain(json);
    sharing.json.set(element, json);
  }
  return json;
}

/**
 * Runs `fn` with each element's `toTerraform()` computed at most once ({@link elementJson}).
 *
 * Only for a window in which no construct changes: the app's synth runs the policy pack and
 * `app.synth()` inside it, nothing else. Readers must not modify what they get (the policy rules
 * and the token resolver copy, never write); `freeze: true` makes every shared object and array
 * read-only so a test proves it (a write then throws).
 *
 * @param options.freeze freeze the shared JSON's plain objects and arrays (tokens are left alone)
 * @default options.freeze - false
 */
export function sharingElementJson<T>(fn: () => T, options: { readonly freeze?: boolean } = {}): T {
  if (sharing) return fn();
  sharing = { json: new WeakMap(), freeze: options.freeze ?? false };
  try {
    return fn();
  } finally {
    sharing = undefined;
  }
}

/** Freezes plain objects and arrays, depth first; class instances (tokens, resolvables) are not touched. */
function deepFreezePlain(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return;
  for (const v of Object.values(value)) deepFreezePlain(v);
  Object.freeze(value);
}
