export * from './types';
export * from './push-schema';
export * from './record';
export * from './mapper';
export * from './feed-records';
