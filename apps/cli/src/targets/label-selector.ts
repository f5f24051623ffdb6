import { ProgramError } from '@kubetrack/core';

const NAME_PART = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/**
 * Checks a kubectl-style label selector ("app=web,tier in (a,b),!canary") before it reaches
 * the API server, so a typo is a usage error rather than a 400 halfway through. Returns the
 * selector normalised (whitespace around operators removed) for the labelSelector query.
 */
export function validateLabelSelector(selector: string): string {
  const fail = (problem: string): never => {
    throw new ProgramError('invalid-input', `invalid label selector ${JSON.stringify(selector)}: ${problem}`);
  };
  if (selector.trim() === '') fail('it is empty');
  return splitRequirements(selector, fail)
    .map((requirement) => normaliseRequirement(requirement.trim(), fail))
    .join(',');
}

/** Splits on commas outside parentheses. */
function splitRequirements(selector: string, fail: (problem: string) => never): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth < 0 || depth > 1) fail('unbalanced parentheses');
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (depth !== 0) fail('unbalanced parentheses');
  parts.push(current);
  return parts;
}

function normaliseRequirement(text: string, fail: (problem: string) => never): string {
  if (text === '') fail('empty requirement (a stray comma?)');
  const existence = /^(!?)\s*([^\s!=<>()]+)$/.exec(text);
  if (existence) return `${existence[1]}${checkKey(existence[2]!, fail)}`;
  const set = /^([^\s!=<>()]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(text);
  if (set) {
    const values = set[3]!.split(',').map((value) => checkValue(value.trim(), fail));
    return `${checkKey(set[1]!, fail)} ${set[2]} (${values.join(',')})`;
  }
  const comparison = /^([^\s!=<>()]+)\s*(==|=|!=|<|>)\s*([^\s!=<>()]*)$/.exec(text);
  if (comparison) {
    const [, key, operator, value] = comparison as unknown as [string, string, string, string];
    if ((operator === '<' || operator === '>') && !/^-?\d+$/.test(value)) {
      fail(`${JSON.stringify(text)}: ${operator} needs an integer`);
    }
    return `${checkKey(key, fail)}${operator}${checkValue(value, fail)}`;
  }
  return fail(`cannot read ${JSON.stringify(text)} (expected key, !key, key=value, key!=value, key in (a,b) or key notin (a,b))`);
}

function checkKey(key: string, fail: (problem: string) => never): string {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    fail(`${JSON.stringify(key)}: the prefix must be a DNS subdomain`);
  }
  if (!NAME_PART.test(name)) {
    fail(`${JSON.stringify(key)} is not a valid label key (63 characters at most: letters, digits, '-', '_', '.')`);
  }
  return key;
}

function checkValue(value: string, fail: (problem: string) => never): string {
  if (!VALUE.test(value)) {
    fail(`${JSON.stringify(value)} is not a valid label value (63 characters at most: letters, digits, '-', '_', '.')`);
  }
  return value;
}
