import type { DeclarativeRule } from './declarative-rule.js';

/**
 * The rules that judge one kind: those of the first source that has any for it, so a user's
 * rules for a kind replace the built-in ones instead of adding to them.
 */
export function rulesForKind(
  sources: readonly (readonly DeclarativeRule[])[],
  group: string,
  kind: string,
): readonly DeclarativeRule[] {
  const lowerKind = kind.toLowerCase();
  for (const rules of sources) {
    const matching = rules.filter((rule) => rule.group === group && rule.kind.toLowerCase() === lowerKind);
    if (matching.length) return matching;
  }
  return [];
}
