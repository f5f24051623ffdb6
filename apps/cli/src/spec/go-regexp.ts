const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

export type GoRegexpResult = { ok: true; source: string; flags: string } | { ok: false; problem: string };

/**
 * Translates a Go (RE2) regular expression, as kubedog specs carry them, into an equivalent
 * JavaScript RegExp source and flags. RE2 has no lookaround or backreferences, so those are
 * refused as Go would; Go-only syntax (\A, \z, \Q..\E, (?P<name>), [[:alpha:]], leading
 * (?i)/(?s)/(?m)) is rewritten.
 */
export function translateGoRegexp(pattern: string): GoRegexpResult {
  const flags = new Set<string>();
  let rest = pattern;
  const leadingFlags = /^\(\?([imsU]+)\)/.exec(rest);
  if (leadingFlags) {
    for (const flag of leadingFlags[1]!) {
      if (flag === 'U') return { ok: false, problem: 'the (?U) ungreedy flag has no JavaScript equivalent' };
      flags.add(flag);
    }
    rest = rest.slice(leadingFlags[0].length);
  }

  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i += 1) {
    const char = rest[i]!;
    const next = rest[i + 1];
    if (char === '\\') {
      if (next === undefined) return { ok: false, problem: 'trailing backslash' };
      if (next === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        const literal = rest.slice(i + 2, end < 0 ? undefined : end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? rest.length : end + 1;
        continue;
      }
      if (!inClass && next === 'A') {
        out += flags.has('m') ? '(?<![\\s\\S])' : '^';
        i += 1;
        continue;
      }
      if (!inClass && next === 'z') {
        out += flags.has('m') ? '(?![\\s\\S])' : '$';
        i += 1;
        continue;
      }
      if (next === 'p' || next === 'P') {
        // TrackSpec.logRegex is compiled without the "u" flag, which \p{...} needs.
        return { ok: false, problem: 'Unicode classes (\\p, \\P) are not supported; use explicit ranges' };
      }
      if (/[1-9]/.test(next)) return { ok: false, problem: 'backreferences are not supported by Go regular expressions' };
      if (next === 'C') return { ok: false, problem: '\\C is not supported' };
      out += char + next;
      i += 1;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest.slice(i));
      if (posix) {
        const range = POSIX_CLASSES[posix[2]!];
        if (!range) return { ok: false, problem: `unknown character class [:${posix[2]}:]` };
        if (posix[1]) return { ok: false, problem: `negated class [:^${posix[2]}:] inside brackets is not supported` };
        out += range;
        i += posix[0].length - 1;
        continue;
      }
      if (char === ']') inClass = false;
      else if (char === '[') {
        out += '\\[';
        continue;
      }
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      if (rest[i + 1] === '^') {
        out += '^';
        i += 1;
      }
      // A leading "]" is a literal in RE2 (and POSIX); JavaScript would close the class.
      if (rest[i + 1] === ']') {
        out += '\\]';
        i += 1;
      }
      continue;
    }
    if (char === '(' && next === '?') {
      const group = rest.slice(i);
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(group);
      if (named) {
        out += `(?<${named[1]}>`;
        i += named[0].length - 1;
        continue;
      }
      if (group.startsWith('(?:')) {
        out += '(?:';
        i += 2;
        continue;
      }
      if (/^\(\?[=!]|^\(\?<[=!]/.test(group)) {
        return { ok: false, problem: 'lookahead and lookbehind are not supported by Go regular expressions' };
      }
      const scoped = /^\(\?([ims]*)(?:-([ims]+))?:/.exec(group);
      if (scoped) {
        out += scoped[0];
        i += scoped[0].length - 1;
        continue;
      }
      return { ok: false, problem: 'flags like (?i) are only supported at the start of the expression' };
    }
    out += char;
  }
  if (inClass) return { ok: false, problem: 'missing closing ]' };

  const flagString = [...flags].sort().join('');
  try {
    new RegExp(out, flagString);
  } catch (error) {
    return { ok: false, problem: String((error as Error).message).replace(/^Invalid regular expression: /, '') };
  }
  return { ok: true, source: out, flags: flagString };
}

/**
 * The form TrackSpec.logRegex carries (one string, compiled by core without flags): leading
 * flags become a modifier group, e.g. "(?i)error" becomes "(?i:error)".
 */
export function goRegexpToSpecRegex(pattern: string): { ok: true; regex: string } | { ok: false; problem: string } {
  const result = translateGoRegexp(pattern);
  if (!result.ok) return result;
  return { ok: true, regex: result.flags ? `(?${result.flags}:${result.source})` : result.source };
}
