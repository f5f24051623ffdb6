// The subset of fengari's C-like API kubetrack uses (fengari ships no types).
declare module 'fengari' {
  export type LuaState = { readonly __luaState: unique symbol };
  export type LuaString = Uint8Array;
  export function to_luastring(text: string): LuaString;
  export function to_jsstring(text: LuaString): string;
  export const lua: {
    LUA_OK: number;
    LUA_MULTRET: number;
    LUA_MASKCOUNT: number;
    LUA_TTABLE: number;
    LUA_TSTRING: number;
    LUA_TNUMBER: number;
    lua_close(L: LuaState): void;
    lua_gettop(L: LuaState): number;
    lua_settop(L: LuaState, index: number): void;
    lua_pop(L: LuaState, count: number): void;
    lua_pcall(L: LuaState, nargs: number, nresults: number, handler: number): number;
    lua_sethook(L: LuaState, hook: ((L: LuaState) => void) | null, mask: number, count: number): void;
    lua_pushnil(L: LuaState): void;
    lua_pushboolean(L: LuaState, value: boolean): void;
    lua_pushinteger(L: LuaState, value: number): void;
    lua_pushnumber(L: LuaState, value: number): void;
    lua_pushstring(L: LuaState, value: LuaString): void;
    lua_createtable(L: LuaState, arrayHint: number, recordHint: number): void;
    lua_rawseti(L: LuaState, index: number, key: number): void;
    lua_setfield(L: LuaState, index: number, key: LuaString): void;
    lua_getfield(L: LuaState, index: number, key: LuaString): number;
    lua_setglobal(L: LuaState, name: LuaString): void;
    lua_getglobal(L: LuaState, name: LuaString): number;
    lua_type(L: LuaState, index: number): number;
    lua_typename(L: LuaState, type: number): LuaString;
    lua_tostring(L: LuaState, index: number): LuaString | null;
  };
  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadbuffer(L: LuaState, code: LuaString, size: number | null, chunkName: LuaString): number;
    luaL_requiref(L: LuaState, name: LuaString, open: (L: LuaState) => number, global: number): void;
    luaL_error(L: LuaState, message: LuaString): never;
  };
  export const lualib: {
    luaopen_base(L: LuaState): number;
    luaopen_table(L: LuaState): number;
    luaopen_string(L: LuaState): number;
    luaopen_math(L: LuaState): number;
    luaopen_os(L: LuaState): number;
  };
}
