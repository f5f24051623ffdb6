import { ProgramError } from '@kubetrack/core';
import { parse } from 'yaml';
import type { LuaHealthCheck } from './lua-health-rules.js';

const HEALTH_KEY_PREFIX = 'resource.customizations.health.';
const BLOB_KEY = 'resource.customizations';

/**
 * The health checks in an argocd-cm ConfigMap's data: the per-kind keys
 * `resource.customizations.health.<group>_<Kind>` (`cert-manager.io_Certificate`; `Kind` or
 * `_Kind` for the core group) and the older `resource.customizations` YAML blob
 * (`cert-manager.io/Certificate: { health.lua: ... }`). A per-kind key wins over the blob.
 */
export function healthChecksFromArgoCdConfigMap(data: Readonly<Record<string, string>>, source: string): LuaHealthCheck[] {
  const checks = new Map<string, LuaHealthCheck>();
  const blob = data[BLOB_KEY];
  if (blob?.trim()) {
    let parsed: unknown;
    try {
      parsed = parse(blob);
    } catch (error) {
      throw new ProgramError('invalid-input', `${source}: ${BLOB_KEY}: ${(error as Error).message.split('\n')[0]}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ProgramError('invalid-input', `${source}: ${BLOB_KEY}: expected a mapping of group/Kind to overrides`);
    }
    for (const [key, override] of Object.entries(parsed as Record<string, unknown>)) {
      const script = (override as Record<string, unknown> | null)?.['health.lua'];
      if (typeof script === 'string' && script.trim()) {
        checks.set(key, { key, script, scriptName: `${source} ${BLOB_KEY} ${key} health.lua` });
      }
    }
  }
  for (const [dataKey, script] of Object.entries(data)) {
    if (!dataKey.startsWith(HEALTH_KEY_PREFIX) || !script.trim()) continue;
    const groupKind = dataKey.slice(HEALTH_KEY_PREFIX.length);
    const split = groupKind.lastIndexOf('_');
    const key = split <= 0 ? groupKind.slice(split + 1) : `${groupKind.slice(0, split)}/${groupKind.slice(split + 1)}`;
    checks.set(key, { key, script, scriptName: `${source} ${dataKey}` });
  }
  return [...checks.values()];
}
