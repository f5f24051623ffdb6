import { tryParseDuration } from '../options/duration.js';
import { regexField } from './regex-field.js';
import * as z from 'zod/mini';

// Go's encoding/json writes nil slices, maps and pointers as null and ignores unknown
// fields, so every field here is nullish and objects are not strict: specs produced by
// Go programs must be accepted as they are.

/** time.Duration marshals as integer nanoseconds; a Go duration string is accepted too. */
const goDuration = z.union([
  z.int().check(z.nonnegative()),
  z.string().check(z.refine((text) => tryParseDuration(text) !== undefined, 'invalid duration')),
]);

const failMode = z.enum(['FailWholeDeployProcessImmediately', 'IgnoreAndContinueDeployProcess', 'HopeUntilEndOfDeployProcess']);
const trackTerminationMode = z.enum(['WaitUntilResourceReady', 'NonBlocking']);
const strings = z.nullish(z.array(z.string()));
const name = () => z.string().check(z.minLength(1));
const count = () => z.nullish(z.int().check(z.nonnegative()));
const mode = <T extends z.ZodMiniType>(values: T) => z.nullish(z.union([values, z.literal('')]));

const multitrackSpec = z.object({
  ResourceName: name(),
  Namespace: z.nullish(z.string()),
  TrackTerminationMode: mode(trackTerminationMode),
  FailMode: mode(failMode),
  AllowFailuresCount: count(),
  FailureThresholdSeconds: count(),
  IgnoreReadinessProbeFailsByContainerName: z.nullish(z.record(z.string(), goDuration)),
  LogRegex: z.nullish(regexField),
  LogRegexByContainerName: z.nullish(z.record(z.string(), regexField)),
  SkipLogs: z.nullish(z.boolean()),
  SkipLogsForContainers: strings,
  ShowLogsOnlyForContainers: strings,
  ShowServiceMessages: z.nullish(z.boolean()),
  SkipEvents: z.nullish(z.boolean()),
});

const genericSpec = z.object({
  ResourceID: z.object({
    Name: name(),
    Namespace: z.nullish(z.string()),
    GroupVersionKind: z.object({
      Group: z.nullish(z.string()),
      Version: z.nullish(z.string()),
      Kind: name(),
    }),
  }),
  Timeout: z.nullish(goDuration),
  NoActivityTimeout: z.nullish(goDuration),
  TrackTerminationMode: mode(trackTerminationMode),
  FailMode: mode(failMode),
  AllowFailuresCount: count(),
  ShowServiceMessages: z.nullish(z.boolean()),
  HideEvents: z.nullish(z.boolean()),
  StatusProgressPeriod: z.nullish(goDuration),
});

export const kubedogSpecSchema = z.object({
  Deployments: z.nullish(z.array(multitrackSpec)),
  StatefulSets: z.nullish(z.array(multitrackSpec)),
  DaemonSets: z.nullish(z.array(multitrackSpec)),
  Jobs: z.nullish(z.array(multitrackSpec)),
  Canaries: z.nullish(z.array(multitrackSpec)),
  Generics: z.nullish(z.array(genericSpec)),
});

export const KUBEDOG_SPEC_KEYS = ['Deployments', 'StatefulSets', 'DaemonSets', 'Jobs', 'Canaries', 'Generics'] as const;

export type KubedogSpec = z.infer<typeof kubedogSpecSchema>;
export type KubedogMultitrackSpec = z.infer<typeof multitrackSpec>;
export type KubedogGenericSpec = z.infer<typeof genericSpec>;
