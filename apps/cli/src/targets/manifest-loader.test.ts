import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSkipped, loadManifests } from './manifest-loader.js';
import { readSources } from './source-text.js';

const HELM_TEMPLATE = `---
# Source: app/templates/config.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data: { a: "1" }
---
apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: v1
kind: Secret
metadata:
  name: web-tls
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
---
apiVersion: v1
kind: Pod
metadata:
  name: web-test
  annotations:
    helm.sh/hook: test
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: tls
`;

describe('loadManifests', () => {
  it('tracks what a multi-document stream contains and skips what has nothing to wait for', () => {
    const { requests, skipped } = loadManifests([{ name: 'out.yaml', text: HELM_TEMPLATE }]);
    expect(requests.map((r) => [r.group, r.version, r.kind, r.namespace, r.name, r.origin])).toEqual([
      ['', 'v1', 'Service', undefined, 'web', 'out.yaml:9:1'],
      ['apps', 'v1', 'Deployment', 'prod', 'web', 'out.yaml:19:1'],
      ['batch', 'v1', 'Job', undefined, 'migrate', 'out.yaml:25:1'],
      ['cert-manager.io', 'v1', 'Certificate', undefined, 'tls', 'out.yaml:37:1'],
    ]);
    expect(describeSkipped(skipped)).toEqual([
      'skipped 2 objects with nothing to wait for: ConfigMap/app-config, Secret/web-tls',
      'skipped 1 Helm hooks (Helm runs them itself): Pod/web-test',
    ]);
  });

  it('flattens kind: List as kubectl get -o yaml prints it', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: StatefulSet
  metadata: { name: db, namespace: data }
- apiVersion: apps/v1
  kind: DaemonSet
  metadata: { name: agent }
`;
    const { requests } = loadManifests([{ name: 'list.yaml', text: list }]);
    expect(requests.map((r) => `${r.kind}/${r.name}@${r.origin}`)).toEqual([
      'StatefulSet/db@list.yaml:4:3',
      'DaemonSet/agent@list.yaml:7:3',
    ]);
  });

  it('reads JSON as kubectl apply -o json prints it', () => {
    const json = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' } }, null, 2);
    expect(loadManifests([{ name: 'api.json', text: json }]).requests[0]).toMatchObject({ kind: 'Deployment', name: 'api' });
  });

  it('refuses flow nesting deep enough to overflow the YAML parser as bad input, one line', () => {
    // found by the property test (malformed-input.test.ts): 3000 "[" overflow yaml's parser itself
    for (const depth of [1000, 3000, 20_000]) {
      const text = `${'['.repeat(depth)}\nnamespace: Prod_1\ndefaults: {\n---\n`;
      expect(() => loadManifests([{ name: '<stdin>', text }])).toThrow(expect.objectContaining({ code: 'invalid-input', message: expect.stringMatching(/^<stdin>:(1:\d+: )?.*nested too deeply/) }));
    }
  });

  it('reports every broken document with its position', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {}
---
- just
- a list
`;
    expect(() => loadManifests([{ name: 'bad.yaml', text }])).toThrow(
      'bad.yaml:1:1: not a Kubernetes object: missing metadata.name\n' +
        'bad.yaml:5:1: expected a Kubernetes object (a mapping with apiVersion, kind and metadata)',
    );
  });

  it('reports YAML syntax errors as file:line:col', () => {
    expect(() => loadManifests([{ name: '<stdin>', text: 'kind: Deployment\nmetadata: {name: x\n' }])).toThrow(
      /^<stdin>:3:1: Flow map/,
    );
  });

  it('refuses input that contains no objects', () => {
    expect(() => loadManifests([{ name: 'empty.yaml', text: '---\n# nothing\n' }])).toThrow(
      'empty.yaml: no Kubernetes objects found',
    );
  });
});

describe('readSources', () => {
  it('reads the manifests of a directory in name order and ignores other files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kubetrack-manifests-'));
    await writeFile(path.join(dir, 'b.yml'), 'kind: B');
    await writeFile(path.join(dir, 'a.yaml'), 'kind: A');
    await writeFile(path.join(dir, 'c.json'), '{}');
    await writeFile(path.join(dir, 'README.md'), '# no');
    const sources = await readSources([dir], { cwd: '/', readStdin: async () => '' });
    expect(sources.map((s) => path.basename(s.name))).toEqual(['a.yaml', 'b.yml', 'c.json']);
  });

  it('names stdin <stdin> and says clearly when a file is missing', async () => {
    const context = { cwd: '/', readStdin: async () => 'kind: X' };
    await expect(readSources(['-'], context)).resolves.toEqual([{ name: '<stdin>', text: 'kind: X' }]);
    await expect(readSources(['/nonexistent/app.yaml'], context)).rejects.toThrow(
      'cannot read /nonexistent/app.yaml: no such file or directory',
    );
  });
});
