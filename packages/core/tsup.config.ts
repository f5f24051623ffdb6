import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.library.js';

export default defineConfig({ ...libraryConfig, entry: ['src/index.ts', 'src/internal.ts'] });
