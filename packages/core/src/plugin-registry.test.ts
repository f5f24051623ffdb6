import { describe, expect, it } from 'vitest';
import { ROLLOUT_ERROR_CODES } from './error-code.js';
import { createPluginRegistry } from './plugin-registry.js';
import { defineTrackerPlugin, PLUGIN_API_VERSION } from './plugin.js';

const plugin = (name: string, codes?: string[]) =>
  defineTrackerPlugin({
    apiVersion: PLUGIN_API_VERSION,
    name,
    kinds: [{ group: `${name}.example.com`, version: 'v1', kind: 'Thing', plural: 'things', namespaced: true }],
    ...(codes ? { codes } : {}),
    evaluate: () => ({ state: 'progressing', message: 'working' }),
  });

describe('plugin registry error codes', () => {
  it("lists core's base codes, then each plugin's declared ones once", () => {
    const registry = createPluginRegistry([plugin('a', ['thing-melted']), plugin('b', ['thing-melted', 'thing-lost']), plugin('c')]);
    expect(registry.codes).toEqual([...ROLLOUT_ERROR_CODES, 'thing-melted', 'thing-lost']);
  });

  it('refuses a code that is not lower-case words joined by dashes', () => {
    expect(() => createPluginRegistry([plugin('a', ['Thing Melted'])])).toThrow('plugin "a" declares an invalid error code "Thing Melted"');
  });

  it('keeps kinds out of core: job-failed and canary-failed are not base codes', () => {
    expect(ROLLOUT_ERROR_CODES).not.toContain('job-failed');
    expect(ROLLOUT_ERROR_CODES).not.toContain('canary-failed');
  });
});
