/**
 * What the hook tracks, decided from its arguments and environment (first match wins):
 * 1. arguments after the program name: a kubetrack command line as is (`track deploy/web -n shop`);
 * 2. `KUBETRACK_ARGS`: the same, as one string (quotes group words);
 * 3. `KUBETRACK_SPEC`: a kubetrack (or kubedog MultitrackSpecs) spec file, e.g. mounted from a ConfigMap;
 * 4. `HELM_RELEASE`: exactly the objects of that release's record (`track --helm-release NAME@HELM_REVISION`),
 *    in `HELM_NAMESPACE` (default: the pod's namespace). With `KUBETRACK_SELECT_BY=label`, the old
 *    fallback instead: everything labelled `app.kubernetes.io/instance=<release>` of the kinds in
 *    `KUBETRACK_KINDS` (default deploy,sts,ds,job), which misses unlabelled objects and catches foreign ones.
 * `KUBETRACK_EXTRA_ARGS` is appended (e.g. `--logs-since 1m`); `KUBETRACK_TIMEOUT` adds `--timeout`; the output is `plain` (the pod log) unless the command line sets one.
 */
export interface HookInvocation {
  argv: string[];
  /** How the argv was chosen, printed first so the pod log says what is being waited for. */
  source: string;
}

export class HookConfigError extends Error {}

export const DEFAULT_KINDS = 'deploy,sts,ds,job';

export function hookInvocation(args: readonly string[], env: Readonly<Record<string, string | undefined>>): HookInvocation {
  const set = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  let argv: string[];
  let source: string;
  if (args.length > 0) {
    argv = [...args];
    source = 'arguments';
  } else if (set('KUBETRACK_ARGS')) {
    argv = splitArgs(set('KUBETRACK_ARGS')!);
    source = 'KUBETRACK_ARGS';
  } else if (set('KUBETRACK_SPEC')) {
    argv = ['multitrack', '-f', set('KUBETRACK_SPEC')!];
    source = 'KUBETRACK_SPEC';
  } else if (set('HELM_RELEASE')) {
    const release = set('HELM_RELEASE')!;
    const selectBy = set('KUBETRACK_SELECT_BY') ?? 'release';
    if (selectBy === 'label') {
      argv = ['track', '-l', `app.kubernetes.io/instance=${release}`, '--kind', set('KUBETRACK_KINDS') ?? DEFAULT_KINDS];
      source = `release ${release} by label`;
    } else if (selectBy === 'release') {
      const revision = set('HELM_REVISION');
      if (revision !== undefined && !/^[1-9][0-9]*$/.test(revision)) throw new HookConfigError(`HELM_REVISION: expected a revision number, got ${JSON.stringify(revision)}`);
      argv = ['track', '--helm-release', revision ? `${release}@${revision}` : release];
      source = `release ${release}${revision ? ` revision ${revision}` : ''}`;
    } else {
      throw new HookConfigError(`KUBETRACK_SELECT_BY: expected release or label, got ${JSON.stringify(selectBy)}`);
    }
    const namespace = set('HELM_NAMESPACE');
    if (namespace) argv.push('-n', namespace);
  } else {
    throw new HookConfigError('nothing to track: set HELM_RELEASE, KUBETRACK_SPEC or KUBETRACK_ARGS, or pass a kubetrack command line');
  }
  if (argv.length === 0) throw new HookConfigError(`${source} is empty`);
  const tracking = ['track', 'multitrack', 'follow', 'rollout'].includes(argv[0]!);
  if (tracking) {
    if (set('KUBETRACK_EXTRA_ARGS')) argv.push(...splitArgs(set('KUBETRACK_EXTRA_ARGS')!));
    if (set('KUBETRACK_TIMEOUT') && !hasFlag(argv, '--timeout')) argv.push('--timeout', set('KUBETRACK_TIMEOUT')!);
    if (!hasFlag(argv, '--output', '-o')) argv.push('--output', 'plain');
  }
  return { argv, source };
}

function hasFlag(argv: readonly string[], ...names: string[]): boolean {
  return argv.some((arg) => names.some((name) => arg === name || arg.startsWith(`${name}=`)));
}

/** Splits like a shell would for plain words and '...' / "..." groups (no variables, no escapes but \" in "..."). */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let current: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && text[i + 1] === '"') current += text[++i]!;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      current ??= '';
    } else if (/\s/.test(char)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else {
      current = (current ?? '') + char;
    }
  }
  if (quote) throw new HookConfigError(`KUBETRACK_ARGS: unterminated ${quote} quote`);
  if (current !== undefined) words.push(current);
  return words;
}
