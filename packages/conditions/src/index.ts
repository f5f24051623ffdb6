export * from './built-in-rules.js';
export * from './conditions.js';
export * from './conditions-verdict.js';
export * from './declarative-rule.js';
export * from './json-path.js';
export * from './object-conditions.js';
export * from './parse-declarative-rules.js';
