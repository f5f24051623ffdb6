import { parseApiVersion, ProgramError } from '@kubetrack/core';
import { isMap, type Document } from 'yaml';
import { optionsFromAnnotations } from './annotation-options.js';
import { hasNothingToWaitFor } from './skipped-kinds.js';
import type { SourceText } from './source-text.js';
import type { TrackRequest } from './track-request.js';
import { documentValue, parseYamlSource } from './yaml-source.js';

export interface SkippedObject {
  /** "ConfigMap/app-config" */
  object: string;
  reason: 'nothing to wait for' | 'helm hook';
}

export interface LoadedManifests {
  requests: TrackRequest[];
  skipped: SkippedObject[];
}

interface ManifestObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; annotations?: Record<string, unknown> };
  items?: unknown;
  spec?: { replicas?: unknown };
}

/**
 * Turns rendered manifests (`kubectl apply -o yaml`, `helm template`, a directory of YAML)
 * into track requests: multi-document streams and `kind: List` are flattened, kinds with
 * nothing to wait for and Helm hooks (run by Helm later, not part of the rollout) are skipped
 * unless `includeHooks` asks for them. Each object's `kubetrack.io/*` and `werf.io/*` annotations
 * become its tracking options.
 */
/** `forDelete`: every object counts, since even a ConfigMap can be waited on until it is gone. */
export function loadManifests(sources: readonly SourceText[], options: { includeHooks?: boolean; forDelete?: boolean } = {}): LoadedManifests {
  const requests: TrackRequest[] = [];
  const skipped: SkippedObject[] = [];
  const problems: string[] = [];

  for (const source of sources) {
    const yaml = parseYamlSource(source);
    for (const document of yaml.documents) {
      if (document.contents === null) continue;
      const origin = yaml.locate(document.contents.range[0]);
      const value: unknown = documentValue(yaml, document);
      if (value === null || value === undefined) continue;
      collect(value, origin, itemOrigins(document, yaml.locate));
    }
  }
  if (problems.length > 0) throw new ProgramError('invalid-input', problems.join('\n'));
  if (requests.length === 0 && skipped.length === 0) {
    throw new ProgramError('invalid-input', `${sources.map((s) => s.name).join(', ')}: no Kubernetes objects found`);
  }
  return { requests, skipped };

  function collect(value: unknown, origin: string, origins: string[] | undefined): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${origin}: expected a Kubernetes object (a mapping with apiVersion, kind and metadata)`);
      return;
    }
    const object = value as ManifestObject;
    if (typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items)) {
      for (const [index, item] of object.items.entries()) collect(item, origins?.[index] ?? origin, undefined);
      return;
    }
    const name = object.metadata?.name;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || typeof name !== 'string') {
      const missing = [
        typeof object.apiVersion === 'string' ? '' : 'apiVersion',
        typeof object.kind === 'string' ? '' : 'kind',
        typeof name === 'string' ? '' : 'metadata.name',
      ].filter(Boolean);
      problems.push(`${origin}: not a Kubernetes object: missing ${missing.join(', ')}`);
      return;
    }
    const { group, version } = parseApiVersion(object.apiVersion);
    const label = `${object.kind}/${name}`;
    if (object.metadata?.annotations?.['helm.sh/hook'] !== undefined && !options.includeHooks) {
      skipped.push({ object: label, reason: 'helm hook' });
      return;
    }
    if (!options.forDelete && hasNothingToWaitFor(group, object.kind)) {
      skipped.push({ object: label, reason: 'nothing to wait for' });
      return;
    }
    const namespace = object.metadata?.namespace;
    const replicas = typeof object.spec?.replicas === 'number' ? object.spec.replicas : 1;
    const annotated = optionsFromAnnotations(object.metadata?.annotations, replicas);
    problems.push(...annotated.problems.map((problem) => `${origin}: ${label}: ${problem}`));
    requests.push({
      kind: object.kind,
      group,
      version,
      name,
      ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
      options: annotated.options,
      origin,
    });
  }
}

/** Positions of a List's items, so errors inside a List point at the item. */
function itemOrigins(document: Document.Parsed, locate: (offset: number) => string): string[] | undefined {
  if (!isMap(document.contents)) return undefined;
  const items = document.contents.get('items', true);
  if (!items || typeof items !== 'object' || !('items' in items) || !Array.isArray(items.items)) return undefined;
  return (items.items as Array<{ range?: [number, number, number] }>).map((item) =>
    item.range ? locate(item.range[0]) : '',
  );
}

/** "skipped 3 objects with nothing to wait for: ConfigMap/a, Secret/b, Service/web" */
export function describeSkipped(skipped: readonly SkippedObject[]): string[] {
  const lines: string[] = [];
  for (const reason of ['nothing to wait for', 'helm hook'] as const) {
    const objects = skipped.filter((entry) => entry.reason === reason).map((entry) => entry.object);
    if (objects.length === 0) continue;
    const what = reason === 'helm hook' ? 'Helm hooks (Helm runs them itself)' : 'objects with nothing to wait for';
    lines.push(`skipped ${objects.length} ${what}: ${objects.join(', ')}`);
  }
  return lines;
}
