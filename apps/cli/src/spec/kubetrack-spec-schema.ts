import { z } from 'zod';
import { tryParseDuration } from '../options/duration.js';
import { regexField } from './regex-field.js';

const duration = z
  .union([
    z.string().refine((text) => tryParseDuration(text) !== undefined, {
      message: 'invalid duration (use e.g. 90s, 5m, 1h30m, 500ms)',
    }),
    z.number().nonnegative(),
  ])
  .describe('Duration: "90s", "5m", "1h30m", "500ms", or a number of seconds');

const containerNames = z.array(z.string().min(1));

/** Every per-resource option of the brief, with kubedog's meaning. */
export const resourceOptionsShape = {
  failMode: z
    .enum(['FailWholeDeployProcessImmediately', 'IgnoreAndContinueDeployProcess', 'HopeUntilEndOfDeployProcess'])
    .describe('What a failure of this resource does to the whole run'),
  allowFailuresCount: z.int().nonnegative().describe('Distinct failures tolerated before the resource fails'),
  failureThresholdSeconds: z.number().nonnegative().describe('How long a failure must persist before it counts'),
  trackTerminationMode: z
    .enum(['WaitUntilResourceReady', 'NonBlocking'])
    .describe('NonBlocking: tracked only while other resources are being waited for'),
  logRegex: regexField,
  logRegexByContainerName: z.record(z.string(), regexField).describe('Per-container log filters'),
  skipLogs: z.boolean(),
  skipLogsForContainers: containerNames,
  logsReplicas: z
    .union([z.int().min(1).max(999_999), z.literal('all')])
    .describe('Pods per controller that stream logs (default 3); a pod whose container restarted or exited always does'),
  showLogsOnlyForContainers: containerNames,
  skipEvents: z.boolean(),
  showServiceMessages: z.boolean(),
  timeout: duration.describe('Deadline for this resource'),
  noActivityTimeout: duration.describe('Fail when nothing about the resource changes for this long'),
  pluginOptions: z.record(z.string(), z.unknown()).describe("Options handed to the kind's tracker plugin"),
  healthLua: z.string().min(1).describe('An Argo CD health.lua script judging this resource (kinds without their own plugin)'),
  healthCel: z
    .strictObject({ current: z.string().min(1), inProgress: z.string().min(1).optional(), failed: z.string().min(1).optional() })
    .describe('Flux-style CEL health expressions judging this resource (kinds without their own plugin)'),
} as const;

export const resourceOptionsSchema = z.strictObject(resourceOptionsShape).partial();

export const kubetrackResourceSchema = z.strictObject({
  kind: z.string().min(1).describe('Kind as kubectl accepts it: deploy, Deployment, Deployment.apps, canary.flagger.app'),
  apiVersion: z.string().min(1).optional().describe('Pins group and version, e.g. apps/v1'),
  name: z.string().min(1),
  namespace: z.string().min(1).optional().describe('Default: -n, else the kubeconfig context namespace'),
  ...resourceOptionsSchema.shape,
});

export const kubetrackSpecSchema = z
  .strictObject({
    $schema: z.string().optional(),
    defaults: resourceOptionsSchema.optional().describe('Options applied to every resource unless it sets its own'),
    resources: z.array(kubetrackResourceSchema).min(1).describe('What to track'),
  })
  .describe('kubetrack tracking spec (kubetrack multitrack -f)');

export type KubetrackSpec = z.infer<typeof kubetrackSpecSchema>;
export type ResourceOptions = z.infer<typeof resourceOptionsSchema>;
