export * from './workload-kinds.js';
export * from './workloads-plugin.js';
