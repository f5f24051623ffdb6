export * from './job.js';
export * from './job-kinds.js';
export * from './job-types.js';
export * from './job-verdict.js';
