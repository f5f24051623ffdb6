import { ProgramError, type TrackerPlugin } from '@kubetrack/core';
import * as conditionsPackage from '@kubetrack/conditions';
import * as flaggerCanaryPackage from '@kubetrack/flagger-canary';
import * as jobPackage from '@kubetrack/job';
import * as workloadsPackage from '@kubetrack/workloads';
import type { SourceText } from '../targets/source-text.js';

type PackageExports = Readonly<Record<string, unknown>>;

/**
 * The plugins every kubetrack run has, in registration order: the generic conditions plugin
 * is the fallback for kinds no other plugin lists. Factories are looked up by name so the
 * CLI builds while a package is still growing; a missing one is simply not registered.
 */
export function builtinPlugins(options: { rules?: SourceText } = {}): TrackerPlugin[] {
  const plugins: TrackerPlugin[] = [];
  const add = (exports: PackageExports, factory: string, ...args: unknown[]) => {
    const make = exports[factory];
    if (typeof make === 'function') plugins.push(make(...args) as TrackerPlugin);
  };
  add(workloadsPackage, 'workloads');
  add(jobPackage, 'job');
  add(flaggerCanaryPackage, 'flaggerCanary');
  add(conditionsPackage, 'conditions', options.rules ? { rules: declarativeRules(options.rules) } : {});
  return plugins;
}

function declarativeRules(source: SourceText): unknown {
  const parse = (conditionsPackage as PackageExports).parseDeclarativeRules;
  if (typeof parse !== 'function') {
    throw new ProgramError('invalid-input', `--rules ${source.name}: declarative rules are not supported by this build`);
  }
  return parse(source.text, source.name);
}
