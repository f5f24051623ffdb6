/**
 * Loads client-node's config module ahead of a test that goes through an exec plugin or a
 * credential refresh. Production loads it lazily on that path; in a test the first load (a few
 * MB of modules, seconds on a loaded machine) would otherwise count against timeouts that are
 * there to bound the behaviour under test, not Node's module loading. Use in `beforeAll`.
 */
export async function preloadClientNode(): Promise<void> {
  await import('@kubernetes/client-node/dist/config.js');
}

/** Generous: module loading on a 2-core machine running a full suite. */
export const PRELOAD_TIMEOUT_MS = 60_000;
