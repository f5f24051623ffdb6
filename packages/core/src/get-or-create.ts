/** The map's value for `key`, created and stored on first use. */
export function getOrCreate<K, V>(map: Map<K, V> | WeakMap<K & object, V>, key: K, create: () => V): V {
  const found = (map as Map<K, V>).get(key);
  if (found !== undefined) return found;
  const made = create();
  (map as Map<K, V>).set(key, made);
  return made;
}
