/** Prints kwok's configuration (every Stage, as multi-document YAML) on stdout; up.sh runs it. */
import { stringify } from 'yaml';
import { configErrorStage } from './config-error-stage.ts';
import { containerExitStage } from './container-exit-stage.ts';
import { containerReadyStage } from './container-ready-stage.ts';
import { containerStartNeverReadyStage, containerStartStage } from './container-start-stages.ts';
import { containerBackOffStage, containerRestartStage } from './crash-loop-stages.ts';
import { imagePullBackOffStage, imagePullFailedStage } from './image-pull-error-stages.ts';
import { initContainersStage } from './init-containers-stage.ts';
import { nodeHeartbeatStage, nodeInitializeStage } from './node-stages.ts';
import { podDeleteStage } from './pod-delete-stage.ts';

export const kwokStages = [
  nodeInitializeStage,
  nodeHeartbeatStage,
  podDeleteStage,
  initContainersStage,
  containerStartStage,
  containerStartNeverReadyStage,
  containerReadyStage,
  containerExitStage,
  containerBackOffStage,
  containerRestartStage,
  imagePullFailedStage,
  imagePullBackOffStage,
  configErrorStage,
];

process.stdout.write(kwokStages.map((s) => stringify(s, { lineWidth: 0 })).join('---\n'));
