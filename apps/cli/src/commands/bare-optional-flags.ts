import { DEFAULT_ARGOCD_CM } from '../plugins/user-health-rules.js';

/** Flags whose value is optional, and what they mean given bare. */
const OPTIONAL_VALUE_DEFAULTS: ReadonlyMap<string, string> = new Map([['--argocd-cm', DEFAULT_ARGOCD_CM]]);

/**
 * Commander gives an optional-value flag the next word when it does not start with "-", so
 * `--argocd-cm deploy/web` read the resource as a ConfigMap. As pflag's NoOptDefVal (kubectl's
 * flags), a value only comes with "=": a bare flag becomes "--flag=DEFAULT".
 */
export function bareOptionalFlags(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((word, index) => {
    const fallback = end === -1 || index < end ? OPTIONAL_VALUE_DEFAULTS.get(word) : undefined;
    return fallback === undefined ? word : `${word}=${fallback}`;
  });
}
