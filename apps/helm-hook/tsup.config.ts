import { singleFileBundle } from '../../tsup.bundle.js';

// Self-contained like the CLI: kubetrack and every workspace package from source.
export default singleFileBundle('helm-hook', 'src/hook.ts');
