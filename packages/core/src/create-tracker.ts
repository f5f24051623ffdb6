import { boundedTrackOptions, boundedTrackSpec } from './bounded-track-options.js';
import { podLogCollectorFactory } from './logs/pod-log-collector.js';
import { MultitrackRun } from './multitrack/multitrack-run.js';
import type { ResourceLogsFactory } from './multitrack/resource-logs.js';
import { createPluginRegistry } from './plugin-registry.js';
import type { TrackSpec } from './track-spec.js';
import type { Tracker, TrackerOptions, TrackOptions, TrackRun } from './tracker.js';
import { discoverKind } from './transport/discover-kind.js';
import { createSharedInformerFactory } from './watch/shared-informer-factory.js';

/**
 * The library's entry point: explicit plugins, one transport, one shared watch cache for
 * every run of this tracker.
 *
 *   const tracker = createTracker({ transport: createKubeTransport({}), plugins: [workloads(), job()] });
 *   const report = await tracker.track([trackSpec({ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'api' })]).result;
 */
export function createTracker(options: TrackerOptions & { logs?: ResourceLogsFactory }): Tracker {
  const registry = createPluginRegistry(options.plugins);
  const ownsInformers = !options.informers;
  const informers = options.informers ?? createSharedInformerFactory(options.transport);
  const logs = options.logs ?? podLogCollectorFactory(options.transport);
  return {
    registry,
    track(specs: readonly TrackSpec[], trackOptions: TrackOptions = {}): TrackRun {
      return new MultitrackRun(specs.map(boundedTrackSpec), boundedTrackOptions(trackOptions), {
        registry,
        informers,
        logs,
        async resolveKind(resource) {
          const kind = await discoverKind(options.transport, { kind: resource.kind, group: resource.group });
          return resource.version ? { ...kind, version: resource.version } : kind;
        },
      });
    },
    close() {
      if (ownsInformers) informers.stop();
    },
  };
}
