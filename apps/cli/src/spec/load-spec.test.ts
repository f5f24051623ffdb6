import { describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec.js';

describe('kubetrack spec', () => {
  it('reads resources with defaults, durations and log filters', () => {
    const text = `# yaml-language-server: $schema=https://example/kubetrack-spec.json
defaults:
  failMode: HopeUntilEndOfDeployProcess
  timeout: 5m
resources:
  - kind: deploy
    name: web
    namespace: prod
    allowFailuresCount: 2
    logRegex: "(?i)error"
    logRegexByContainerName: { sidecar: "^WARN" }
  - kind: Certificate
    apiVersion: cert-manager.io/v1
    name: tls
    timeout: 90
    noActivityTimeout: 1m30s
    pluginOptions: { readyCondition: 'Ready' }
`;
    const { format, requests } = loadSpec({ name: 'spec.yaml', text });
    expect(format).toBe('kubetrack');
    expect(requests).toEqual([
      {
        kind: 'deploy',
        name: 'web',
        namespace: 'prod',
        origin: 'spec.yaml:6:5',
        options: {
          failMode: 'HopeUntilEndOfDeployProcess',
          timeoutMs: 300_000,
          allowFailuresCount: 2,
          logRegex: '(?i)error',
          logRegexByContainerName: { sidecar: '^WARN' },
        },
      },
      {
        kind: 'Certificate',
        group: 'cert-manager.io',
        version: 'v1',
        name: 'tls',
        origin: 'spec.yaml:12:5',
        options: {
          failMode: 'HopeUntilEndOfDeployProcess',
          timeoutMs: 90_000,
          noActivityTimeoutMs: 90_000,
          pluginOptions: { readyCondition: 'Ready' },
        },
      },
    ]);
  });

  it('reports every error as file:line:col: path: problem', () => {
    const text = `defaults:
  failmode: FailWholeDeployProcessImmediately
resources:
  - kind: deploy
    name: web
    failMode: FailFast
    allowFailuresCount: -1
    timeout: soon
    logRegex: "(?=x)"
  - kind: sts
    skipLogs: "yes"
`;
    expect(() => loadSpec({ name: 'spec.yaml', text })).toThrow(
      [
        'spec.yaml:2:3: defaults.failmode: unknown field (did you mean "failMode"?)',
        'spec.yaml:6:15: resources[0].failMode: expected one of "FailWholeDeployProcessImmediately", "IgnoreAndContinueDeployProcess", "HopeUntilEndOfDeployProcess"',
        'spec.yaml:7:25: resources[0].allowFailuresCount: too small: expected number to be >=0',
        'spec.yaml:8:14: resources[0].timeout: invalid duration (use e.g. 90s, 5m, 1h30m, 500ms)',
        'spec.yaml:9:15: resources[0].logRegex: invalid regular expression: invalid or unsupported Perl syntax: `(?=`',
        'spec.yaml:10:5: resources[1].name: required field is missing',
        'spec.yaml:11:15: resources[1].skipLogs: expected boolean, got string "yes"',
      ].join('\n'),
    );
  });

  it('points into JSON specs and names stdin <stdin>', () => {
    const text = '{\n  "resources": [\n    { "kind": "deploy", "name": "web", "skiplogs": true }\n  ]\n}\n';
    expect(() => loadSpec({ name: '<stdin>', text })).toThrow(
      '<stdin>:3:40: resources[0].skiplogs: unknown field (did you mean "skipLogs"?)',
    );
  });

  it('says what a spec must contain when it is empty or not a mapping', () => {
    expect(() => loadSpec({ name: 's.yaml', text: '# nothing\n' })).toThrow('s.yaml: the spec is empty');
    expect(() => loadSpec({ name: 's.yaml', text: '- a\n- b\n' })).toThrow('s.yaml:1:1: expected a mapping with "resources"');
    expect(() => loadSpec({ name: 's.yaml', text: 'resources: []\n' })).toThrow(
      's.yaml:1:12: resources: too small: expected array to have >=1 items',
    );
  });
});

describe("kubedog's MultitrackSpecs JSON", () => {
  const kubedogJson = JSON.stringify({
    Deployments: [
      { ResourceName: 'mydeploy', Namespace: 'myns' },
      {
        ResourceName: 'myresource',
        Namespace: 'myns',
        FailMode: 'HopeUntilEndOfDeployProcess',
        AllowFailuresCount: 3,
        SkipLogsForContainers: ['two', 'three'],
        LogRegex: '(?i)err',
        LogRegexByContainerName: { app: '^\\[(?P<lvl>E)\\]' },
        TrackTerminationMode: 'NonBlocking',
        FailureThresholdSeconds: 10,
        ShowServiceMessages: true,
        SkipLogs: null,
        ShowLogsOnlyForContainers: null,
      },
    ],
    StatefulSets: [{ ResourceName: 'mysts', Namespace: 'myns' }],
    DaemonSets: [{ ResourceName: 'agent', Namespace: '' }],
    Jobs: [{ ResourceName: 'migrate', Namespace: 'myns', SkipLogs: true }],
    Canaries: [{ ResourceName: 'podinfo', Namespace: 'test' }],
    Generics: [
      {
        ResourceID: { Name: 'tls', Namespace: 'myns', GroupVersionKind: { Group: 'cert-manager.io', Version: 'v1', Kind: 'Certificate' } },
        Timeout: 300_000_000_000,
        HideEvents: true,
        FailMode: 'IgnoreAndContinueDeployProcess',
      },
      {
        ResourceID: { Name: 'db', Namespace: 'myns', GroupVersionKind: { Group: 'acid.zalan.do', Version: 'v1', Kind: 'postgresql' } },
        NoActivityTimeout: 60_000_000_000,
        StatusProgressPeriod: 5_000_000_000,
      },
    ],
  });

  it('maps every list and field to track requests', () => {
    const { format, requests, warnings } = loadSpec({ name: '<stdin>', text: kubedogJson });
    expect(format).toBe('kubedog');
    expect(warnings).toEqual([]);
    const summary = requests.map((r) => [`${r.kind}.${r.group}/${r.name}`, r.namespace, r.options]);
    expect(summary).toEqual([
      ['Deployment.apps/mydeploy', 'myns', {}],
      [
        'Deployment.apps/myresource',
        'myns',
        {
          failMode: 'HopeUntilEndOfDeployProcess',
          allowFailuresCount: 3,
          failureThresholdSeconds: 10,
          trackTerminationMode: 'NonBlocking',
          logRegex: '(?i)err',
          logRegexByContainerName: { app: '^\\[(?P<lvl>E)\\]' },
          skipLogsForContainers: ['two', 'three'],
          showServiceMessages: true,
        },
      ],
      ['StatefulSet.apps/mysts', 'myns', {}],
      ['DaemonSet.apps/agent', undefined, {}],
      ['Job.batch/migrate', 'myns', { skipLogs: true }],
      ['Canary.flagger.app/podinfo', 'test', { allowFailuresCount: 0 }],
      [
        'Certificate.cert-manager.io/tls',
        'myns',
        { failMode: 'IgnoreAndContinueDeployProcess', skipEvents: true, timeoutMs: 300_000, noActivityTimeoutMs: 240_000 },
      ],
      ['postgresql.acid.zalan.do/db', 'myns', { noActivityTimeoutMs: 60_000 }],
    ]);
  });

  it('reports bad kubedog fields with their position', () => {
    const text = '{"Deployments":[{"ResourceName":"web","FailMode":"Sometimes","AllowFailuresCount":"3"}]}';
    expect(() => loadSpec({ name: 'kubedog.json', text })).toThrow(
      [
        'kubedog.json:1:50: Deployments[0].FailMode: invalid value "Sometimes"',
        'kubedog.json:1:83: Deployments[0].AllowFailuresCount: expected number, got string "3"',
      ].join('\n'),
    );
  });

  it('warns about options it accepts but cannot honour', () => {
    const text = '{"Deployments":[{"ResourceName":"web","IgnoreReadinessProbeFailsByContainerName":{"app":60000000000}}]}';
    expect(loadSpec({ name: 'k.json', text }).warnings).toEqual([
      'k.json:1:17: IgnoreReadinessProbeFailsByContainerName is not supported and is ignored',
    ]);
  });
});
