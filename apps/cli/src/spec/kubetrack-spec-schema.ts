import { tryParseDuration } from '../options/duration.js';
import { regexField } from './regex-field.js';
import * as z from 'zod/mini';
import { described } from './described.js';

const text = () => z.string().check(z.minLength(1));
const count = () => z.int().check(z.nonnegative());

const duration = () =>
  described(
    z.union([
      z.string().check(z.refine((value) => tryParseDuration(value) !== undefined, 'invalid duration (use e.g. 90s, 5m, 1h30m, 500ms)')),
      z.number().check(z.nonnegative()),
    ]),
    'Duration: "90s", "5m", "1h30m", "500ms", or a number of seconds',
  );

const containerNames = z.array(text());

/** Every per-resource option of the brief, with kubedog's meaning. */
export const resourceOptionsShape = {
  failMode: described(
    z.enum(['FailWholeDeployProcessImmediately', 'IgnoreAndContinueDeployProcess', 'HopeUntilEndOfDeployProcess']),
    'What a failure of this resource does to the whole run',
  ),
  allowFailuresCount: described(count(), 'Distinct failures tolerated before the resource fails'),
  failureThresholdSeconds: described(z.number().check(z.nonnegative()), 'How long a failure must persist before it counts'),
  trackTerminationMode: described(
    z.enum(['WaitUntilResourceReady', 'NonBlocking']),
    'NonBlocking: tracked only while other resources are being waited for',
  ),
  logRegex: regexField,
  logRegexByContainerName: described(z.record(z.string(), regexField), 'Per-container log filters'),
  skipLogs: z.boolean(),
  skipLogsForContainers: containerNames,
  logsReplicas: described(
    z.union([z.int().check(z.minimum(1), z.maximum(999_999)), z.literal('all')]),
    'Pods per controller that stream logs (default 3); a pod whose container restarted or exited always does',
  ),
  showLogsOnlyForContainers: containerNames,
  skipEvents: z.boolean(),
  showServiceMessages: z.boolean(),
  timeout: described(duration(), 'Deadline for this resource'),
  noActivityTimeout: described(duration(), 'Fail when nothing about the resource changes for this long'),
  pluginOptions: described(z.record(z.string(), z.unknown()), "Options handed to the kind's tracker plugin"),
  healthLua: described(text(), 'An Argo CD health.lua script judging this resource (kinds without their own plugin)'),
  healthCel: described(
    z.strictObject({ current: text(), inProgress: z.optional(text()), failed: z.optional(text()) }),
    'Flux-style CEL health expressions judging this resource (kinds without their own plugin)',
  ),
} as const;

export const resourceOptionsSchema = z.partial(z.strictObject(resourceOptionsShape));

export const kubetrackResourceSchema = z.strictObject({
  kind: described(text(), 'Kind as kubectl accepts it: deploy, Deployment, Deployment.apps, canary.flagger.app'),
  apiVersion: described(z.optional(text()), 'Pins group and version, e.g. apps/v1'),
  name: text(),
  namespace: described(z.optional(text()), 'Default: -n, else the kubeconfig context namespace'),
  ...resourceOptionsSchema.shape,
});

export const kubetrackSpecSchema = described(
  z.strictObject({
    $schema: z.optional(z.string()),
    defaults: described(z.optional(resourceOptionsSchema), 'Options applied to every resource unless it sets its own'),
    resources: described(z.array(kubetrackResourceSchema).check(z.minLength(1)), 'What to track'),
  }),
  'kubetrack tracking spec (kubetrack multitrack -f)',
);

export type KubetrackSpec = z.infer<typeof kubetrackSpecSchema>;
export type ResourceOptions = z.infer<typeof resourceOptionsSchema>;
