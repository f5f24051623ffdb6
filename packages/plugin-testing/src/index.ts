export * from './fixture-cases.js';
export * from './verdict-fixtures.js';
