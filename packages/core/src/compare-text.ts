/**
 * Orders strings by UTF-16 code unit, for `sort()`: timestamps in RFC 3339 and object names
 * sort the same on every machine, as kubectl's do. Not `localeCompare`: its order follows the
 * process's locale, and its first call loads ICU's collator, ~13 ms of CPU and ~3 MB of RSS of
 * a short run (docs/benchmarks.md, session 10).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
