import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini, not zod's classic API: the classic bundle (with its 60-odd locales) is ~750 KB of
// source that every multitrack run parsed to read its spec; mini cut peak RSS by 3.5 MB at 10
// Deployments and 12 MB at 100 (docs/benchmarks.md).
// Mini carries no locale, so the English messages the spec errors print are set here, once,
// by the module every schema takes `described` from. (Schemas import `* as z` from zod/mini
// themselves: a re-exported namespace would make the bundler keep all of it, locales included.)
z.config(en());

/** The description JSON Schema carries (`kubetrack schema`): classic zod's `.describe()`. */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  return schema.check(z.describe(description));
}
