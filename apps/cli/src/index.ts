export type { CliIo, InterruptSignal, OutputStream } from './cli-io.js';
export { processIo } from './cli-io.js';
export { main } from './main.js';
export type { ClusterSession, ConnectCluster, ConnectOptions } from './run/cluster-session.js';
export type { CliDependencies } from './run/run-tracking.js';
