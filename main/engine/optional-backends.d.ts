// The native backends are optional dependencies: their install downloads
// libtensorflow and is skipped offline, so the code must compile without them.
declare module '@tensorflow/tfjs-node';
declare module '@tensorflow/tfjs-node-gpu';
