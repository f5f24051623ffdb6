import { z } from 'zod';
import { tryParseDuration } from '../options/duration.js';
import { regexField } from './regex-field.js';

// Go's encoding/json writes nil slices, maps and pointers as null and ignores unknown
// fields, so every field here is nullish and objects are not strict: specs produced by
// Go programs must be accepted as they are.

/** time.Duration marshals as integer nanoseconds; a Go duration string is accepted too. */
const goDuration = z.union([
  z.int().nonnegative(),
  z.string().refine((text) => tryParseDuration(text) !== undefined, { message: 'invalid duration' }),
]);

const failMode = z.enum(['FailWholeDeployProcessImmediately', 'IgnoreAndContinueDeployProcess', 'HopeUntilEndOfDeployProcess']);
const trackTerminationMode = z.enum(['WaitUntilResourceReady', 'NonBlocking']);
const strings = z.array(z.string()).nullish();

const multitrackSpec = z.object({
  ResourceName: z.string().min(1),
  Namespace: z.string().nullish(),
  TrackTerminationMode: trackTerminationMode.or(z.literal('')).nullish(),
  FailMode: failMode.or(z.literal('')).nullish(),
  AllowFailuresCount: z.int().nonnegative().nullish(),
  FailureThresholdSeconds: z.int().nonnegative().nullish(),
  IgnoreReadinessProbeFailsByContainerName: z.record(z.string(), goDuration).nullish(),
  LogRegex: regexField.nullish(),
  LogRegexByContainerName: z.record(z.string(), regexField).nullish(),
  SkipLogs: z.boolean().nullish(),
  SkipLogsForContainers: strings,
  ShowLogsOnlyForContainers: strings,
  ShowServiceMessages: z.boolean().nullish(),
  SkipEvents: z.boolean().nullish(),
});

const genericSpec = z.object({
  ResourceID: z.object({
    Name: z.string().min(1),
    Namespace: z.string().nullish(),
    GroupVersionKind: z.object({
      Group: z.string().nullish(),
      Version: z.string().nullish(),
      Kind: z.string().min(1),
    }),
  }),
  Timeout: goDuration.nullish(),
  NoActivityTimeout: goDuration.nullish(),
  TrackTerminationMode: trackTerminationMode.or(z.literal('')).nullish(),
  FailMode: failMode.or(z.literal('')).nullish(),
  AllowFailuresCount: z.int().nonnegative().nullish(),
  ShowServiceMessages: z.boolean().nullish(),
  HideEvents: z.boolean().nullish(),
  StatusProgressPeriod: goDuration.nullish(),
});

export const kubedogSpecSchema = z.object({
  Deployments: z.array(multitrackSpec).nullish(),
  StatefulSets: z.array(multitrackSpec).nullish(),
  DaemonSets: z.array(multitrackSpec).nullish(),
  Jobs: z.array(multitrackSpec).nullish(),
  Canaries: z.array(multitrackSpec).nullish(),
  Generics: z.array(genericSpec).nullish(),
});

export const KUBEDOG_SPEC_KEYS = ['Deployments', 'StatefulSets', 'DaemonSets', 'Jobs', 'Canaries', 'Generics'] as const;

export type KubedogSpec = z.infer<typeof kubedogSpecSchema>;
export type KubedogMultitrackSpec = z.infer<typeof multitrackSpec>;
export type KubedogGenericSpec = z.infer<typeof genericSpec>;
