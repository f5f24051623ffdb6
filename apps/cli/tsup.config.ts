import { singleFileBundle } from '../../tsup.bundle.js';

export default singleFileBundle('kubetrack', 'src/kubetrack.ts', { lazyChunks: true });
