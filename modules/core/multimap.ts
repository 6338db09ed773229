/**
 * Appends `value` to the list under `key`, creating the list on first use.
 *
 * In place: `map.set(k, [...(map.get(k) ?? []), v])` copies the whole list on every append, which
 * is quadratic over thousands of policy findings.
 */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
