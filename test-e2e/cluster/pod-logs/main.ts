/**
 * The pod-logs process of the local cluster: watches every pod, writes what its containers
 * "print" (see PodLogStore) and serves those logs on the kubelet endpoint kwok advertises for
 * each Node, so `pods/log` through kube-apiserver behaves as against a real kubelet.
 * It also runs the pods of the Helm hook image for real (HostRunPods) when given --host-run-program.
 * Usage: node main.ts --kubeconfig=PATH --listen=HOST:PORT --dir=PATH --tls-cert=PATH --tls-key=PATH
 *        [--host-run-program=PATH --apiserver=HOST:PORT --ca=PATH]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { createPodReader } from './api-pod-reader.ts';
import { createKubeletLogServer } from './kubelet-log-server.ts';
import { HostRunPods } from './host-run-pods.ts';
import { PodLogStore } from './pod-log-store.ts';

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    listen: { type: 'string' },
    dir: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    // the hook image's program and the API server address pods see (see HostRunPods)
    'host-run-program': { type: 'string' },
    'apiserver': { type: 'string' },
    'ca': { type: 'string' },
  },
});
const { kubeconfig, listen, dir } = values;
const certPath = values['tls-cert'];
const keyPath = values['tls-key'];
if (!kubeconfig || !listen || !dir || !certPath || !keyPath) {
  console.error('usage: main.ts --kubeconfig=PATH --listen=HOST:PORT --dir=PATH --tls-cert=PATH --tls-key=PATH');
  process.exit(2);
}

const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);

const store = new PodLogStore(dir);
const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace}/${name}`;

const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const informer = makeInformer<V1Pod>(kc, '/api/v1/pods', () => core.listPodForAllNamespaces());
// one odd pod must not take the process (and with it every pod's logs) down
const guarded = (what: string, handle: (pod: V1Pod) => void) => (pod: V1Pod) => {
  try {
    handle(pod);
  } catch (error) {
    log(`${what} ${keyOf(pod.metadata?.namespace, pod.metadata?.name)} failed: ${String(error)}`);
  }
};
const hostRunProgram = values['host-run-program'];
const hostRun =
  hostRunProgram && values.apiserver && values.ca
    ? new HostRunPods({
        core,
        store,
        apiServer: { host: values.apiserver.split(':')[0]!, port: values.apiserver.split(':')[1]! },
        caFile: values.ca,
        program: hostRunProgram,
        log,
      })
    : undefined;
// The informer still drives follow streams: it is what ends them when an instance exits.
const upsert = guarded('sync', (pod) => {
  store.sync(pod);
  hostRun?.sync(pod);
});
informer.on('add', upsert);
informer.on('update', upsert);
informer.on(
  'delete',
  guarded('forget', (pod) => {
    store.forget(pod);
    hostRun?.forget(pod);
  }),
);
informer.on('error', (error: unknown) => {
  log(`pod watch failed, restarting in 1s: ${String(error)}`);
  setTimeout(() => void informer.start().catch((e: unknown) => log(`restart failed: ${String(e)}`)), 1000);
});

const readPod = await createPodReader(kc);
const server = createKubeletLogServer({
  store,
  freshPod: async (namespace, name) => {
    const pod = await readPod(namespace, name);
    if (pod) store.sync(pod);
    return pod;
  },
  cert: readFileSync(certPath, 'utf8'),
  key: readFileSync(keyPath, 'utf8'),
});
const [host, port] = listen.split(':');
await informer.start();
server.listen(Number(port), host, () => log(`serving container logs on https://${listen}, files in ${dir}`));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    void informer.stop().finally(() => process.exit(0));
  });
}
