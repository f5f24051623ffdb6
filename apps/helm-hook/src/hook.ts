#!/usr/bin/env node
// The Helm post-install/post-upgrade hook: runs kubetrack in the hook Job's pod (in-cluster
// ServiceAccount config) and exits with its code, so a release that does not come up fails.
import { main, processIo } from 'kubetrack';
import { HookConfigError, hookInvocation } from './hook-args.js';

const USAGE_EXIT = 2;

async function run(): Promise<number> {
  let invocation: ReturnType<typeof hookInvocation>;
  try {
    invocation = hookInvocation(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof HookConfigError)) throw error;
    process.stderr.write(`kubetrack-helm-hook: ${error.message}\n`);
    return USAGE_EXIT;
  }
  process.stderr.write(`kubetrack-helm-hook: from ${invocation.source}: kubetrack ${invocation.argv.join(' ')}\n`);
  return main(invocation.argv, processIo());
}

const code = await run();
process.exitCode = code;
// Like the CLI: a socket left open must not keep the Job's pod running.
setTimeout(() => process.exit(code), 2000).unref();
