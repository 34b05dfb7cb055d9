// The reading API under the name the other parts of the project were promised.
export * from './index.js';
