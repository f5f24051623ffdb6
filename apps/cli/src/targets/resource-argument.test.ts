import { describe, expect, it } from 'vitest';
import { parseResourceArgument } from './resource-argument.js';

describe('parseResourceArgument', () => {
  it.each([
    ['deploy/web', 'deploy', 'web'],
    ['sts/db-0', 'sts', 'db-0'],
    ['Deployment.apps/web', 'Deployment.apps', 'web'],
    ['canary.flagger.app/podinfo', 'canary.flagger.app', 'podinfo'],
    ['Certificate.cert-manager.io/tls.example.com', 'Certificate.cert-manager.io', 'tls.example.com'],
  ])('reads %s', (argument, kind, name) => {
    expect(parseResourceArgument(argument)).toEqual({ kind, name, origin: `argument ${argument}` });
  });

  it.each([
    ['web', 'expected KIND/NAME'],
    ['deploy/', 'expected KIND/NAME'],
    ['/web', 'expected KIND/NAME'],
    ['ns/deploy/web', 'expected KIND/NAME'],
    ['deploy/Web_1', '"Web_1" is not a valid object name'],
    ['de ploy/web', '"de ploy" is not a kind'],
  ])('refuses %j with a clear reason', (argument, reason) => {
    expect(() => parseResourceArgument(argument)).toThrow(reason);
  });
});
