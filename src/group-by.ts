/**
 * Items grouped by a key, each group in the items' order (Node 20 has no
 * Map.groupBy): the lookup tables that let a scan compare a word only with
 * the entries that can match it.
 *
 * @example
 * groupBy(['에서', '서', '는'], (e) => e.slice(-1)).get('서') // ['에서', '서']
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
