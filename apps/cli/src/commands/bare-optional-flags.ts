/** Flags whose value is optional: given bare, they take their default. */
const OPTIONAL_VALUE_FLAGS = new Set(['--argocd-cm']);

/**
 * Commander gives an optional-value flag the next word when it does not start with "-", so
 * `--argocd-cm deploy/web` read the resource as a ConfigMap. As pflag's NoOptDefVal (kubectl's
 * flags), a value only comes with "=": a bare flag is marked "--flag=" and means its default.
 */
export function bareOptionalFlags(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((word, index) => ((end === -1 || index < end) && OPTIONAL_VALUE_FLAGS.has(word) ? `${word}=` : word));
}
