import type { TrackerPlugin } from '@kubetrack/core';
import { ProgramError } from '@kubetrack/core';
import { conditions, parseDeclarativeRules, type HealthRules } from '@kubetrack/conditions';
import { coreKinds } from '@kubetrack/core-kinds';
import { flaggerCanary } from '@kubetrack/flagger-canary';
import { job } from '@kubetrack/job';
import { workloads } from '@kubetrack/workloads';
import { parse } from 'yaml';
import type { SourceText } from '../targets/source-text.js';

/**
 * The plugins every kubetrack run has, in registration order: the generic conditions plugin
 * is the fallback for kinds no other plugin lists.
 */
export function builtinPlugins(options: { rules?: SourceText; healthRules?: readonly HealthRules[] } = {}): TrackerPlugin[] {
  return [
    workloads(),
    job(),
    coreKinds(),
    flaggerCanary(),
    conditions({
      ...(options.rules ? { rules: parseRulesSource(options.rules) } : {}),
      ...(options.healthRules ? { healthRules: options.healthRules } : {}),
    }),
  ];
}

/** `--rules FILE`: declarative rules, errors naming the file. */
export function parseRulesSource(source: SourceText) {
  let input: unknown;
  try {
    input = parse(source.text);
  } catch (error) {
    throw new ProgramError('invalid-input', `${source.name}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseDeclarativeRules(input, source.name);
}
