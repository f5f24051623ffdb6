export * from './core-kinds.js';
export * from './core-kinds-plugin.js';
export * from './kind-rule.js';
