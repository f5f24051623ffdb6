import { ROLLOUT_ERROR_CODES } from '../error-code.js';
import type { TrackerPlugin, Verdict } from '../plugin.js';

/** A code the plugin did not declare: each failure gets exactly one known code, or it is a plugin bug. */
export function undeclaredCode(verdict: Verdict, plugin: Pick<TrackerPlugin, 'codes'>): string | undefined {
  const used = [...(verdict.state === 'failed' && verdict.code !== undefined ? [verdict.code] : []), ...(verdict.failures ?? []).map((f) => f.code)];
  return used.find((code) => !(ROLLOUT_ERROR_CODES as readonly string[]).includes(code) && !(plugin.codes ?? []).includes(code));
}
