import { ProgramError } from '@kubetrack/core';
import type { CliIo } from '../cli-io.js';
import { parseHelmReleaseRef } from '../helm/helm-release-ref.js';
import { describeSkipped, loadManifests } from '../targets/manifest-loader.js';
import { parseResourceArgument } from '../targets/resource-argument.js';
import { readSources } from '../targets/source-text.js';
import type { TrackRequest } from '../targets/track-request.js';
import type { TrackingJob } from '../run/run-tracking.js';

/** What `-l` lists when --kind is not given: the kinds that roll out. */
export const DEFAULT_SELECTOR_KINDS = ['deployment', 'statefulset', 'daemonset', 'job'] as const;

export interface TargetFlags {
  filename?: string[];
  selector?: string;
  kind?: string;
  helmRelease?: string;
  helmHooks?: boolean;
}

/** RESOURCE arguments, -f manifests and -l selectors, combined. */
export async function targetsFromFlags(
  command: string,
  resources: readonly string[],
  flags: TargetFlags,
  io: CliIo,
  options: { forDelete?: boolean } = {},
): Promise<Pick<TrackingJob, 'requests' | 'selector' | 'notices' | 'helmRelease'>> {
  const requests: TrackRequest[] = resources.map((argument) => ({ ...parseResourceArgument(argument), options: {} }));
  const notices: string[] = [];
  let skippedAll = false;
  if (flags.filename && flags.filename.length > 0) {
    if (flags.filename.includes('-') && io.stdinIsTTY) {
      throw new ProgramError('invalid-input', '-f -: stdin is a terminal; pipe manifests in, e.g. helm template ... | kubetrack track -f -');
    }
    const loaded = loadManifests(await readSources(flags.filename, { cwd: io.cwd, readStdin: () => io.readStdin() }), options);
    requests.push(...loaded.requests);
    notices.push(...describeSkipped(loaded.skipped));
    skippedAll = loaded.requests.length === 0;
  }
  if (flags.kind !== undefined && flags.selector === undefined) {
    throw new ProgramError('invalid-input', '--kind only goes with -l SELECTOR');
  }
  const selector =
    flags.selector === undefined
      ? undefined
      : { labelSelector: flags.selector, kinds: flags.kind ? splitKinds(flags.kind) : [...DEFAULT_SELECTOR_KINDS] };
  if (flags.helmHooks && flags.helmRelease === undefined) {
    throw new ProgramError('invalid-input', '--helm-hooks only goes with --helm-release NAME');
  }
  const helmRelease = flags.helmRelease === undefined ? undefined : { ref: parseHelmReleaseRef(flags.helmRelease), hooks: flags.helmHooks === true };
  if (requests.length === 0 && !selector && !skippedAll && !helmRelease) {
    throw new ProgramError('invalid-input', `${command}: nothing to track: give RESOURCE (e.g. deploy/web), -f FILE${command === 'track' ? ', -l SELECTOR or --helm-release NAME' : ' or -l SELECTOR'} (see kubetrack ${command} --help)`);
  }
  return { requests, notices, ...(selector ? { selector } : {}), ...(helmRelease ? { helmRelease } : {}) };
}

function splitKinds(text: string): string[] {
  const kinds = text.split(',').map((kind) => kind.trim());
  if (kinds.some((kind) => !/^[A-Za-z][A-Za-z0-9.-]*$/.test(kind))) {
    throw new ProgramError('invalid-input', `--kind: expected kinds separated by commas (e.g. deploy,sts), got ${JSON.stringify(text)}`);
  }
  return kinds;
}
