import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1PolicyRule } from '@kubernetes/client-node';
import { describe, expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { chartWithHook, e2eTest, HOOK_VALUES, listPods, runHelm } from '../harness/index.js';

/** The kinds the Role covers that the release has: a Service, a PDB, a StatefulSet, a DaemonSet and a Job beside the Deployments. */
const ALL_KINDS = ['--set', 'moreKinds.enabled=true', '--set', 'migrate.enabled=true'];
/** Pods that come up while the hook watches. */
const READY_SOON = ['--set', 'readyAfter=20s'];
/**
 * Pods that stay unready (the Job's pod running) for the whole test: however late the hook starts,
 * its first list finds nothing done, so it must watch every kind and reads the running pods' logs.
 */
const READY_NEVER = ['--set', 'readyAfter=1h'];

/** The hook's Role as real helm renders it for release shop, revision 1 (what every test below installs). */
async function renderedRole(): Promise<V1PolicyRule[]> {
  const rendered = await runHelm(['template', 'shop', chartWithHook(), ...HOOK_VALUES, ...ALL_KINDS]);
  expect(rendered.code, rendered.stderr).toBe(0);
  const role = parseAllDocuments(rendered.stdout)
    .map((document) => document.toJS() as { kind?: string; rules?: V1PolicyRule[] })
    .find((object) => object.kind === 'Role');
  return role!.rules!;
}

interface Removal {
  verb: string;
  /** "deployments.apps", "pods/log", "secrets sh.helm.release.v1.shop.v1" */
  resource: string;
  rules: V1PolicyRule[];
}

/**
 * Kinds the Role covers that no release on the local cluster can bring to ready: an Ingress needs
 * an ingress controller, a PVC a provisioner, an HPA metrics, a Canary Flagger's CRD. Their rules
 * come from what the plugins watch (apps/cli/src/plugins/hook-chart-rbac.test.ts), not from here.
 */
const NOT_IN_RELEASE = new Set(['ingresses', 'persistentvolumeclaims', 'horizontalpodautoscalers', 'canaries']);

/** The Role with one verb on one resource taken out, the rest of its rule kept. */
function removals(rules: readonly V1PolicyRule[]): Removal[] {
  return rules.flatMap((rule, index) =>
    (rule.resources ?? []).filter((resource) => !NOT_IN_RELEASE.has(resource)).flatMap((resource) =>
      rule.verbs.map((verb) => {
        const group = rule.apiGroups?.[0] ? `.${rule.apiGroups[0]}` : '';
        const rest: V1PolicyRule[] = [
          { ...rule, resources: (rule.resources ?? []).filter((r) => r !== resource) },
          { ...rule, resources: [resource], verbs: rule.verbs.filter((v) => v !== verb) },
        ].filter((r) => r.resources!.length > 0 && r.verbs.length > 0);
        return {
          verb,
          resource: `${resource}${group}${rule.resourceNames ? ` ${rule.resourceNames.join(',')}` : ''}`,
          rules: [...rules.slice(0, index), ...rest, ...rules.slice(index + 1)],
        };
      }),
    ),
  );
}

/** chartWithHook() whose hook Role has exactly these rules. */
function chartWithRole(rules: readonly V1PolicyRule[]): string {
  const chart = chartWithHook();
  const path = join(chart, 'templates', 'kubetrack-hook-rbac.yaml');
  const template = readFileSync(path, 'utf8');
  // the release namespace's Role: its rules block runs to the next document
  const edited = template.replace(/(kind: Role\n[\s\S]*?\n)rules:\n[\s\S]*?\n---\n/, `$1rules: ${JSON.stringify(rules)}\n---\n`);
  expect(edited).not.toBe(template);
  writeFileSync(path, edited);
  return chart;
}

const role = await renderedRole();

/**
 * The chart's Role is the least that works: real helm installs a release holding every kind it
 * covers with the hook, once per verb of the Role taken out. With the whole Role the release
 * installs; without any one verb (the release never ready, so no verb can go unused) the hook stops
 * at the first request that needs it, exits 3 with that verb and resource, and `helm install` fails showing it.
 */
describe.concurrent('the hook Role: each verb is needed', () => {
  e2eTest('with the whole Role a release of every kind installs', { timeout: 240_000 }, async ({ namespace }) => {
    const install = await runHelm(['install', 'shop', chartWithRole(role), '-n', namespace, ...HOOK_VALUES, ...ALL_KINDS, ...READY_SOON]);
    expect(install.code, install.stdout + install.stderr).toBe(0);
  });

  for (const removal of removals(role)) {
    e2eTest(`without "${removal.verb}" on ${removal.resource} the hook fails naming it`, { timeout: 240_000 }, async ({ namespace }) => {
      const install = await runHelm(['install', 'shop', chartWithRole(removal.rules), '-n', namespace, ...HOOK_VALUES, ...ALL_KINDS, ...READY_NEVER]);
      const output = install.stdout + install.stderr;
      expect(install.code, output).not.toBe(0);
      expect(output).toMatch(/failed post-install: resource Job\/[^/]+\/shop-kubetrack not ready\. status: Failed/);
      const [resource, name] = removal.resource.split(' ');
      const target = name ? `${resource!.split('.')[0]} \\\\?"${name.replaceAll('.', '\\.')}\\\\?"` : resource!.replaceAll('.', '\\.');
      expect(output).toMatch(new RegExp(`forbidden: cannot ${removal.verb} ${target} in namespace \\\\?"${namespace}\\\\?"`));
      const [pod] = await listPods(namespace, 'job-name=shop-kubetrack');
      expect(pod?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(3);
    });
  }
});
