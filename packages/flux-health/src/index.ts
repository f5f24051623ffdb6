export * from './cel-health-rules.js';
export * from './cel-input.js';
export * from './cel-rules-plugin.js';
export * from './health-check-exprs.js';
