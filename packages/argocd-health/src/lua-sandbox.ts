/// <reference path="./fengari.d.ts" />
import { lauxlib, lua, lualib, to_jsstring, to_luastring, type LuaState } from 'fengari';

/** What a health script returned: Argo CD's `hs` table. */
export interface LuaHealthStatus {
  status: string;
  message: string;
}

/**
 * Enough for any health check Argo CD ships (they read a few fields and loop over conditions)
 * and small enough that an endless loop ends within a fraction of a second. Argo CD stops a
 * script after 1 s of wall time; a count of instructions gives the same protection and the
 * same answer on a fast and a busy machine.
 */
export const LUA_INSTRUCTION_LIMIT = 200_000;
const HOOK_EVERY = 1_000;

/**
 * Argo CD's sandbox (gopher-lua with base, table, package and a safe os; string and math for
 * the built-in scripts): the base library without dofile, loadfile and print (kubetrack's stdout
 * carries the report), os with time, clock, date and difftime only, and a require that hands
 * out only those libraries.
 */
const PRELUDE = `
dofile = nil
loadfile = nil
print = function() end
local safeOs = { time = os.time, clock = os.clock, date = os.date, difftime = os.difftime }
os = safeOs
local available = { os = safeOs, string = string, table = table, math = math }
require = function(name)
  local library = available[name]
  if library == nil then error("module '" .. tostring(name) .. "' is not available to health checks", 2) end
  return library
end
local G, setmetatable, load, error = _G, setmetatable, load, error
return function(text, chunkName)
  local globals
  local env = setmetatable({}, {
    __index = function(_, key) return globals[key] end,
    __newindex = function(_, key, value) globals[key] = value end,
  })
  local chunk, problem = load(text, chunkName, "t", env)
  if chunk == nil then error(problem, 0) end
  RUN_HEALTH = function(obj)
    globals = setmetatable({ obj = obj }, { __index = G })
    return chunk()
  end
end
`;

export class LuaScriptError extends Error {}


/**
 * One health script, compiled once into its own Lua state. Each run gets fresh globals (the
 * script's writes go to a table made for that run, reads fall through to the libraries), so
 * runs cannot see each other, as with Argo CD's state per run, without paying for a new state.
 */
export class LuaHealthScript {
  readonly name: string;
  private readonly L: LuaState;
  private readonly instructionLimit: number;

  /** Throws LuaScriptError naming the script and line when it does not compile. */
  constructor(text: string, name: string, instructionLimit = LUA_INSTRUCTION_LIMIT) {
    this.name = name;
    this.instructionLimit = instructionLimit;
    const L = lauxlib.luaL_newstate();
    this.L = L;
    for (const [library, open] of [
      ['_G', lualib.luaopen_base],
      ['table', lualib.luaopen_table],
      ['string', lualib.luaopen_string],
      ['math', lualib.luaopen_math],
      ['os', lualib.luaopen_os],
    ] as const) {
      lauxlib.luaL_requiref(L, to_luastring(library), open, 1);
      lua.lua_pop(L, 1);
    }
    if (lauxlib.luaL_loadbuffer(L, to_luastring(PRELUDE), null, to_luastring('=sandbox')) !== lua.LUA_OK || lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) {
      const problem = errorText(L);
      lua.lua_close(L);
      throw new LuaScriptError(`the Lua sandbox did not start: ${problem}`);
    }
    // The prelude returned compile(text, chunkName): it leaves run(obj) in the global RUN_HEALTH.
    lua.lua_pushstring(L, to_luastring(text));
    // Lua cuts chunk names at 60 bytes; errors get the full name back in errorText.
    lua.lua_pushstring(L, to_luastring(`=${CHUNK}`));
    if (lua.lua_pcall(L, 2, 0, 0) !== lua.LUA_OK) {
      const problem = errorText(L, name);
      lua.lua_close(L);
      throw new LuaScriptError(problem);
    }
  }

  /** Runs the script with `object` as the global `obj`; throws LuaScriptError naming the script and line. */
  run(object: unknown): LuaHealthStatus {
    const L = this.L;
    lua.lua_settop(L, 0);
    let executed = 0;
    lua.lua_sethook(
      L,
      (state) => {
        executed += HOOK_EVERY;
        if (executed > this.instructionLimit) {
          lauxlib.luaL_error(state, to_luastring(`${this.name}: gave no answer within ${this.instructionLimit} Lua instructions (an endless loop?)`));
        }
      },
      lua.LUA_MASKCOUNT,
      HOOK_EVERY,
    );
    lua.lua_getglobal(L, to_luastring('RUN_HEALTH'));
    pushValue(L, object);
    const status = lua.lua_pcall(L, 1, lua.LUA_MULTRET, 0);
    lua.lua_sethook(L, null, 0, 0);
    if (status !== lua.LUA_OK) throw new LuaScriptError(errorText(L, this.name));
    if (lua.lua_gettop(L) === 0) throw new LuaScriptError(`${this.name}: expected a table from the script (hs), it returned nothing`);
    const type = lua.lua_type(L, -1);
    if (type !== lua.LUA_TTABLE) {
      throw new LuaScriptError(`${this.name}: expected a table from the script (hs), not ${to_jsstring(lua.lua_typename(L, type))}`);
    }
    const result = { status: stringField(L, 'status'), message: stringField(L, 'message') };
    lua.lua_settop(L, 0);
    return result;
  }

  close(): void {
    lua.lua_close(this.L);
  }
}

function stringField(L: LuaState, key: string): string {
  const type = lua.lua_getfield(L, -1, to_luastring(key));
  const value = type === lua.LUA_TSTRING || type === lua.LUA_TNUMBER ? to_jsstring(lua.lua_tostring(L, -1)!) : '';
  lua.lua_pop(L, 1);
  return value;
}

const CHUNK = 'kubetrack-health-script';

function errorText(L: LuaState, scriptName?: string): string {
  const message = lua.lua_tostring(L, -1);
  const text = message ? to_jsstring(message) : 'unknown Lua error';
  return scriptName === undefined ? text : text.replaceAll(`${CHUNK}:`, `${scriptName}:`);
}

/** JSON to Lua as Argo CD decodes it: arrays from 1, null as nil, whole numbers as integers. */
function pushValue(L: LuaState, value: unknown): void {
  if (value === null || value === undefined) lua.lua_pushnil(L);
  else if (typeof value === 'boolean') lua.lua_pushboolean(L, value);
  else if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) lua.lua_pushinteger(L, value);
    else lua.lua_pushnumber(L, value);
  } else if (typeof value === 'string') lua.lua_pushstring(L, to_luastring(value));
  else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item, index) => {
      pushValue(L, item);
      lua.lua_rawseti(L, -2, index + 1);
    });
  } else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    lua.lua_createtable(L, 0, entries.length);
    for (const [key, item] of entries) {
      if (item === null || item === undefined) continue;
      pushValue(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  } else lua.lua_pushnil(L);
}
