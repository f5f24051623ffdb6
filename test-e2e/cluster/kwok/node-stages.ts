import { stage } from './stage.ts';

// kwok loads no default stage once any Stage is configured, so the node stages are ours too.
// Adapted from kwok v0.8.0's node-initialize and node-heartbeat-with-lease: the Hostname address
// is the node's own name, and kubeletEndpoint is kwok's --node-port (the pod-logs server).

const nodeStatus = `
{{ $now := Now }}
{{ $lastTransitionTime := or .metadata.creationTimestamp $now }}
conditions:
{{ range NodeConditions }}
- lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ $lastTransitionTime | Quote }}
  message: {{ .message | Quote }}
  reason: {{ .reason | Quote }}
  status: {{ .status | Quote }}
  type: {{ .type | Quote }}
{{ end }}
addresses:
- address: {{ NodeIP | Quote }}
  type: InternalIP
- address: {{ .metadata.name | Quote }}
  type: Hostname
daemonEndpoints:
  kubeletEndpoint:
    Port: {{ NodePort }}
`;

export const nodeInitializeStage = stage({
  name: 'node-initialize',
  kind: 'Node',
  when: ['all(.status.conditions[]?; .type != "Ready" or .status != "True")'],
  status: `${nodeStatus}
{{ $nodeInfo := .status.nodeInfo }}
{{ $kwokVersion := printf "kwok-%s" Version }}
nodeInfo:
  architecture: {{ or $nodeInfo.architecture "amd64" }}
  bootID: {{ or $nodeInfo.bootID "" | Quote }}
  containerRuntimeVersion: {{ or $nodeInfo.containerRuntimeVersion $kwokVersion }}
  kernelVersion: {{ or $nodeInfo.kernelVersion $kwokVersion }}
  kubeProxyVersion: {{ or $nodeInfo.kubeProxyVersion $kwokVersion }}
  kubeletVersion: {{ or $nodeInfo.kubeletVersion $kwokVersion }}
  machineID: {{ or $nodeInfo.machineID "" | Quote }}
  operatingSystem: {{ or $nodeInfo.operatingSystem "linux" }}
  osImage: {{ or $nodeInfo.osImage "" | Quote }}
  systemUUID: {{ or $nodeInfo.systemUUID "" | Quote }}
phase: Running
`,
});

/** liveness comes from the node Lease (kwok --node-lease-duration-seconds); this refreshes status now and then */
export const nodeHeartbeatStage = stage({
  name: 'node-heartbeat-with-lease',
  kind: 'Node',
  when: ['.status.phase == "Running"', 'any(.status.conditions[]?; .type == "Ready" and .status == "True")'],
  delay: { defaultMs: 600_000 },
  status: nodeStatus,
});
