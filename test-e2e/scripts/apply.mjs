#!/usr/bin/env node
// A small `kubectl apply` stand-in for the demo (the machine need not have kubectl):
//   node apply.mjs --namespace NS FILE...   creates NS (waiting for its default ServiceAccount) and applies FILEs
//   node apply.mjs --delete-namespace NS    deletes NS
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const kc = new KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(CoreV1Api);
const objects = KubernetesObjectApi.makeApiClient(kc);

async function ensureNamespace(name) {
  try {
    await core.createNamespace({ body: { metadata: { name } } });
  } catch (error) {
    if (error?.code !== 409) throw error;
  }
  for (let i = 0; i < 100; i++) {
    try {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`namespace ${name}: default ServiceAccount did not appear`);
}

if (args[0] === '--delete-namespace') {
  await core.deleteNamespace({ name: args[1] });
} else if (args[0] === '--namespace') {
  const namespace = args[1];
  await ensureNamespace(namespace);
  for (const file of args.slice(2)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const object = doc.toJS();
      if (!object) continue;
      object.metadata.namespace ??= namespace;
      await objects.patch(object, undefined, undefined, 'kubetrack-demo', true, PatchStrategy.ServerSideApply);
      console.error(`applied ${object.kind}/${object.metadata.name} in ${object.metadata.namespace}`);
    }
  }
} else {
  console.error('usage: apply.mjs --namespace NS FILE... | --delete-namespace NS');
  process.exit(2);
}
