import { podPrelude } from './pod-templates.ts';

export interface PodEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  /** Go-template expression for the message; `$c` is the pod's first container */
  message: string;
  /** template run before the message is rendered, e.g. to compute variables it uses */
  setup?: string;
}

/**
 * A core/v1 Event about the pod's first container, shaped like the kubelet's (source kubelet,
 * fieldPath spec.containers{name}). kwok's own stage events have static text; creating the Event
 * from a template lets messages name the container, image and pod as the kubelet's do.
 */
export function podEvent(event: PodEvent): string {
  return `${podPrelude}
{{ $c := index .spec.containers 0 }}
${event.setup ?? ''}
apiVersion: v1
kind: Event
metadata:
  name: {{ printf "%s.%x" .metadata.name (now).UnixNano | Quote }}
  namespace: {{ .metadata.namespace | Quote }}
involvedObject:
  apiVersion: v1
  kind: Pod
  name: {{ .metadata.name | Quote }}
  namespace: {{ .metadata.namespace | Quote }}
  uid: {{ .metadata.uid | Quote }}
  resourceVersion: {{ .metadata.resourceVersion | Quote }}
  fieldPath: {{ printf "spec.containers{%s}" $c.name | Quote }}
type: ${event.type}
reason: ${event.reason}
message: {{ ${event.message} | Quote }}
source:
  component: kubelet
  host: {{ .spec.nodeName | Quote }}
reportingComponent: kubelet
reportingInstance: {{ .spec.nodeName | Quote }}
firstTimestamp: {{ $now | Quote }}
lastTimestamp: {{ $now | Quote }}
count: 1
`;
}
