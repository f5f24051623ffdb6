import { ProgramError, type KubeObject, type Verdict } from '@kubetrack/core';
import type { HealthRule, HealthRules } from '@kubetrack/conditions';
import { argocdHealthVerdict } from './argocd-health-verdict.js';
import { LuaHealthScript, LuaScriptError } from './lua-sandbox.js';

/** One Argo CD health check: the Lua text and the kinds it is for. */
export interface LuaHealthCheck {
  /**
   * Argo CD's key: "group/Kind" ("Kind" for the core group), with `*` wildcards as in
   * argocd-cm ("*.crossplane.io/*").
   */
  key: string;
  script: string;
  /** Name used in messages, e.g. "health/cert-manager.io/Certificate/health.lua". */
  scriptName: string;
}

/**
 * Rules from Argo CD health checks. Every script is compiled now, so a syntax error is a
 * program error (exit 2) naming the script and line before tracking starts. Exact keys win
 * over wildcard ones, as in Argo CD.
 */
export function luaHealthRules(name: string, checks: readonly LuaHealthCheck[]): HealthRules {
  const compiled = checks.map((check) => {
    try {
      return { check, pattern: keyPattern(check.key), script: new LuaHealthScript(check.script, check.scriptName) };
    } catch (error) {
      throw new ProgramError('invalid-input', `${name}: ${error instanceof LuaScriptError ? error.message : String(error)}`);
    }
  });
  const exact = new Map(compiled.filter((entry) => !entry.check.key.includes('*')).map((entry) => [entry.check.key, entry]));
  const wildcards = compiled.filter((entry) => entry.check.key.includes('*'));
  const rules = new Map<string, HealthRule | undefined>();
  return {
    name,
    ruleFor(group, kind) {
      const key = group ? `${group}/${kind}` : kind;
      if (!rules.has(key)) {
        const entry = exact.get(key) ?? wildcards.find((candidate) => candidate.pattern.test(key));
        rules.set(key, entry && ((object) => judge(entry.script, object)));
      }
      return rules.get(key);
    },
  };
}

function judge(script: LuaHealthScript, object: KubeObject): Verdict {
  try {
    return argocdHealthVerdict(object, script.run(object), script.name);
  } catch (error) {
    if (!(error instanceof LuaScriptError)) throw error;
    // The script's own bug, or an object shape it did not expect: fail with its words rather
    // than wait until the timeout for an answer that will not come.
    const name = `${(object.kind ?? 'resource').toLowerCase()}/${object.metadata.name ?? ''}`;
    return { state: 'failed', code: 'failed', message: `${name}: its health check failed: ${error.message}` };
  }
}

function keyPattern(key: string): RegExp {
  return new RegExp(`^${key.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
