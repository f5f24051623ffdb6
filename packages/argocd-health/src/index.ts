export * from './argocd-config-map.js';
export * from './argocd-health-verdict.js';
export * from './lua-health-rules.js';
export * from './lua-rules-plugin.js';
export { LUA_INSTRUCTION_LIMIT, LuaHealthScript, LuaScriptError, type LuaHealthStatus } from './lua-sandbox.js';
