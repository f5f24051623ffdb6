import { parseApiVersion, ProgramError } from '@kubetrack/core';
import { isMap, isSeq, type Document } from 'yaml';
import type * as z from 'zod/mini';
import { tryParseDuration } from '../options/duration.js';
import type { SourceText } from '../targets/source-text.js';
import type { TrackOptionsOverrides, TrackRequest } from '../targets/track-request.js';
import { documentValue, parseYamlSource, type YamlSource } from '../targets/yaml-source.js';
import {
  KUBEDOG_SPEC_KEYS,
  kubedogSpecSchema,
  type KubedogGenericSpec,
  type KubedogMultitrackSpec,
  type KubedogSpec,
} from './kubedog-spec-schema.js';
import {
  kubetrackResourceSchema,
  kubetrackSpecSchema,
  resourceOptionsSchema,
  type KubetrackSpec,
  type ResourceOptions,
} from './kubetrack-spec-schema.js';
import { formatSpecIssues } from './spec-issues.js';

export interface LoadedSpec {
  format: 'kubetrack' | 'kubedog';
  requests: TrackRequest[];
  /** Things accepted but not acted upon, one line each. */
  warnings: string[];
}

/** kubedog leaves these out of the table of kinds; kubetrack uses the group to resolve them. */
const KUBEDOG_KINDS = {
  Deployments: { kind: 'Deployment', group: 'apps', version: 'v1' },
  StatefulSets: { kind: 'StatefulSet', group: 'apps', version: 'v1' },
  DaemonSets: { kind: 'DaemonSet', group: 'apps', version: 'v1' },
  Jobs: { kind: 'Job', group: 'batch', version: 'v1' },
  Canaries: { kind: 'Canary', group: 'flagger.app', version: 'v1beta1' },
} as const;

/** kubedog's default for generic resources (generic.Spec.NoActivityTimeout). */
const KUBEDOG_GENERIC_NO_ACTIVITY_TIMEOUT_MS = 4 * 60_000;

/**
 * Reads a tracking spec: kubetrack's own (YAML or JSON, strict) or kubedog's MultitrackSpecs
 * JSON as is. Every problem is reported, one `file:line:col: path: problem` line each.
 */
export function loadSpec(source: SourceText): LoadedSpec {
  const yaml = parseYamlSource(source);
  const documents = yaml.documents.filter((document) => document.contents !== null);
  const [document, extra] = documents;
  if (!document) {
    throw new ProgramError('invalid-input', `${source.name}: the spec is empty (expected "resources:" or kubedog's MultitrackSpecs)`);
  }
  if (extra) {
    throw new ProgramError('invalid-input', `${yaml.locate(extra.contents!.range[0])}: a spec is a single document; found another one here`);
  }
  const value: unknown = documentValue(yaml, document);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProgramError(
      'invalid-input',
      `${yaml.locate(document.contents!.range[0])}: expected a mapping with "resources" (or kubedog's Deployments, StatefulSets, DaemonSets, Jobs, Canaries, Generics)`,
    );
  }
  const isKubedog = !('resources' in value) && KUBEDOG_SPEC_KEYS.some((key) => key in value);
  return isKubedog ? loadKubedogSpec(value, yaml, document) : loadKubetrackSpec(value, yaml, document);
}

function validate<T>(schema: z.ZodMiniType<T>, value: unknown, yaml: YamlSource, document: Document.Parsed, knownKeys: (path: readonly PropertyKey[]) => readonly string[]): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) {
    throw new ProgramError('invalid-input', formatSpecIssues(result.error.issues, yaml, document, knownKeys).join('\n'));
  }
  return result.data;
}

function loadKubetrackSpec(value: object, yaml: YamlSource, document: Document.Parsed): LoadedSpec {
  const spec: KubetrackSpec = validate(kubetrackSpecSchema, value, yaml, document, (path) => {
    if (path.length === 0) return Object.keys(kubetrackSpecSchema.shape);
    if (path[0] === 'defaults') return Object.keys(resourceOptionsSchema.shape);
    return Object.keys(kubetrackResourceSchema.shape);
  });
  const defaults = toOverrides(spec.defaults ?? {});
  const requests = spec.resources.map((resource, index): TrackRequest => {
    const { kind, apiVersion, name, namespace, ...options } = resource;
    const groupVersion = apiVersion === undefined ? undefined : parseApiVersion(apiVersion);
    return {
      kind,
      ...(groupVersion ?? {}),
      name,
      ...(namespace === undefined ? {} : { namespace }),
      options: { ...defaults, ...toOverrides(options) },
      origin: originOf(yaml, document, ['resources', index]),
    };
  });
  return { format: 'kubetrack', requests, warnings: [] };
}

function toOverrides(options: ResourceOptions): TrackOptionsOverrides {
  const { timeout, noActivityTimeout, healthLua, healthCel, ...rest } = options;
  return {
    ...rest,
    // Compiled by the CLI into health rules once it knows the resource's kind.
    ...(healthLua === undefined && healthCel === undefined
      ? {}
      : { pluginOptions: { ...rest.pluginOptions, ...(healthLua === undefined ? {} : { healthLua }), ...(healthCel === undefined ? {} : { healthCel }) } }),
    ...(timeout === undefined ? {} : { timeoutMs: durationMs(timeout, 1000) }),
    ...(noActivityTimeout === undefined ? {} : { noActivityTimeoutMs: durationMs(noActivityTimeout, 1000) }),
  };
}

function loadKubedogSpec(value: object, yaml: YamlSource, document: Document.Parsed): LoadedSpec {
  const spec: KubedogSpec = validate(kubedogSpecSchema, value, yaml, document, () => KUBEDOG_SPEC_KEYS);
  const requests: TrackRequest[] = [];
  const warnings: string[] = [];
  for (const [listKey, kind] of Object.entries(KUBEDOG_KINDS) as Array<[keyof typeof KUBEDOG_KINDS, (typeof KUBEDOG_KINDS)[keyof typeof KUBEDOG_KINDS]]>) {
    spec[listKey]?.forEach((entry, index) => {
      const origin = originOf(yaml, document, [listKey, index]);
      if (entry.IgnoreReadinessProbeFailsByContainerName) {
        warnings.push(`${origin}: IgnoreReadinessProbeFailsByContainerName is not supported and is ignored`);
      }
      const options = kubedogOptions(entry);
      // kubedog forces AllowFailuresCount to 0 for canaries; here it is only the default.
      if (listKey === 'Canaries' && options.allowFailuresCount === undefined) options.allowFailuresCount = 0;
      requests.push({
        ...kind,
        name: entry.ResourceName,
        ...(entry.Namespace ? { namespace: entry.Namespace } : {}),
        options,
        origin,
      });
    });
  }
  spec.Generics?.forEach((entry, index) => {
    const { Group, Version, Kind } = entry.ResourceID.GroupVersionKind;
    requests.push({
      kind: Kind,
      group: Group ?? '',
      ...(Version ? { version: Version } : {}),
      name: entry.ResourceID.Name,
      ...(entry.ResourceID.Namespace ? { namespace: entry.ResourceID.Namespace } : {}),
      options: genericOptions(entry),
      origin: originOf(yaml, document, ['Generics', index]),
    });
  });
  if (requests.length === 0) {
    throw new ProgramError('invalid-input', `${yaml.name}: the kubedog spec lists no resources`);
  }
  return { format: 'kubedog', requests, warnings };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function kubedogOptions(entry: KubedogMultitrackSpec): Mutable<TrackOptionsOverrides> {
  return compact({
    failMode: entry.FailMode || undefined,
    allowFailuresCount: entry.AllowFailuresCount ?? undefined,
    failureThresholdSeconds: entry.FailureThresholdSeconds ?? undefined,
    trackTerminationMode: entry.TrackTerminationMode || undefined,
    logRegex: entry.LogRegex || undefined,
    logRegexByContainerName: entry.LogRegexByContainerName ?? undefined,
    skipLogs: entry.SkipLogs ?? undefined,
    skipLogsForContainers: entry.SkipLogsForContainers ?? undefined,
    showLogsOnlyForContainers: entry.ShowLogsOnlyForContainers ?? undefined,
    showServiceMessages: entry.ShowServiceMessages ?? undefined,
    skipEvents: entry.SkipEvents ?? undefined,
  });
}

function genericOptions(entry: KubedogGenericSpec): TrackOptionsOverrides {
  return compact({
    failMode: entry.FailMode || undefined,
    allowFailuresCount: entry.AllowFailuresCount ?? undefined,
    trackTerminationMode: entry.TrackTerminationMode || undefined,
    showServiceMessages: entry.ShowServiceMessages ?? undefined,
    skipEvents: entry.HideEvents ?? undefined,
    // kubedog: Timeout 0 means none.
    timeoutMs: entry.Timeout ? durationMs(entry.Timeout, 1e-6) : undefined,
    noActivityTimeoutMs:
      entry.NoActivityTimeout === undefined || entry.NoActivityTimeout === null
        ? KUBEDOG_GENERIC_NO_ACTIVITY_TIMEOUT_MS
        : durationMs(entry.NoActivityTimeout, 1e-6),
  });
}

/** Numbers are in `numberUnitMs` units (seconds in kubetrack specs, nanoseconds in kubedog's). */
function durationMs(value: string | number, numberUnitMs: number): number {
  return typeof value === 'number' ? value * numberUnitMs : tryParseDuration(value)!;
}

function originOf(yaml: YamlSource, document: Document.Parsed, path: readonly [string, number]): string {
  const list = isMap(document.contents) ? document.contents.get(path[0], true) : undefined;
  const item = isSeq(list) ? list.items[path[1]] : undefined;
  const range = (item as { range?: [number, number, number] } | undefined)?.range;
  return range ? yaml.locate(range[0]) : yaml.name;
}

function compact<T extends object>(object: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as never;
}
