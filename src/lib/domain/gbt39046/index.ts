export * from './types';
export * from './push-schema';
export * from './record';
export * from './mapper';
