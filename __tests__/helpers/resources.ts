/** The one resource of `type` in a synthesized stack (parsed JSON); fails the test unless there is exactly one. */
export function onlyResource(json: any, type: string): any {
  const all = Object.values(json.resource?.[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}
