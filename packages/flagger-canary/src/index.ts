export * from './canary-types.js';
export * from './canary-verdict.js';
export * from './flagger-canary.js';
