#!/usr/bin/env node
import module from 'node:module';
import v8 from 'node:v8';

// V8 compiles every module it loads, and compiling is most of a short run's CPU. The cache
// (in the OS temp dir, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off) can
// only hold code loaded after it is on, so this file stays tiny and loads the rest itself.
module.enableCompileCache?.();

// A tracking run allocates in bursts (a watch event, an evaluation) and keeps little: V8's young
// generation grown under those bursts (16.8 MB of a 37 MB heap at N=100) cost a third of peak RSS
// at N=500 and bought no CPU (docs/benchmarks.md, session 8). Kept at its initial size unless the
// user's own V8 options set the semi-space.
if (!`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('semi-space')) {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
void import('./cli-process.js');
