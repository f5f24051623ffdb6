import type { EvaluateContext, ResourceKind, Snapshot, TrackerPlugin, Verdict } from '@kubetrack/core';

export declare const ROLLOUT_KIND: ResourceKind;
export declare function rolloutVerdict(snapshot: Snapshot, context: EvaluateContext): Verdict;
export declare function argoRollouts(): TrackerPlugin;
declare const plugin: TrackerPlugin;
export default plugin;
