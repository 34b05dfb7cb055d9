// Worker threads do not inherit the TypeScript loader of the process that starts them, so the
// extraction worker registers tsx itself before loading its TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
