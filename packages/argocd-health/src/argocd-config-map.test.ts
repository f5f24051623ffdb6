import { describe, expect, test } from 'vitest';
import { healthChecksFromArgoCdConfigMap } from './argocd-config-map.js';

describe('health checks in argocd-cm', () => {
  test('reads the per-kind keys, core kinds included, and ignores other keys', () => {
    const checks = healthChecksFromArgoCdConfigMap(
      {
        'resource.customizations.health.cert-manager.io_Certificate': 'return { status = "Healthy" }',
        'resource.customizations.health.ConfigMap': 'return { status = "Healthy" }',
        'resource.customizations.ignoreDifferences.apps_Deployment': 'jsonPointers: [/spec/replicas]',
        'url': 'https://argocd.example',
      },
      'configmap argocd/argocd-cm',
    );
    expect(checks.map((check) => [check.key, check.scriptName])).toEqual([
      ['cert-manager.io/Certificate', 'configmap argocd/argocd-cm resource.customizations.health.cert-manager.io_Certificate'],
      ['ConfigMap', 'configmap argocd/argocd-cm resource.customizations.health.ConfigMap'],
    ]);
  });

  test('reads the older resource.customizations blob; a per-kind key wins over it', () => {
    const checks = healthChecksFromArgoCdConfigMap(
      {
        'resource.customizations': [
          'cert-manager.io/Certificate:',
          '  health.lua: |',
          '    return { status = "Degraded" }',
          '"*.crossplane.io/*":',
          '  health.lua.useOpenLibs: true',
          '  health.lua: |',
          '    return { status = "Healthy" }',
          'apps/Deployment:',
          '  ignoreDifferences: |',
          '    jsonPointers: [/spec/replicas]',
        ].join('\n'),
        'resource.customizations.health.cert-manager.io_Certificate': 'return { status = "Healthy" }',
      },
      'cm',
    );
    expect(Object.fromEntries(checks.map((check) => [check.key, check.script.trim()]))).toEqual({
      'cert-manager.io/Certificate': 'return { status = "Healthy" }',
      '*.crossplane.io/*': 'return { status = "Healthy" }',
    });
  });

  test('a blob that is not YAML is invalid input naming the key', () => {
    expect(() => healthChecksFromArgoCdConfigMap({ 'resource.customizations': 'a: [' }, 'configmap argocd/argocd-cm')).toThrow(
      /^configmap argocd\/argocd-cm: resource.customizations: /,
    );
  });
});
