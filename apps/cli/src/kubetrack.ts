#!/usr/bin/env node
import module from 'node:module';

// V8 compiles every module it loads, and compiling is most of a short run's CPU. The cache
// (in the OS temp dir, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off) can
// only hold code loaded after it is on, so this file stays tiny and loads the rest itself.
module.enableCompileCache?.();
void import('./cli-process.js');
